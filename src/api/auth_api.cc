#include <charconv>

#include "access/access.h"
#include "api/routes.h"
#include "audit/audit.h"
#include "common/crypto.h"

namespace tongban::api {

using http::BodyKind;
using http::Request;
using http::Response;
namespace bhttp = boost::beast::http;

constexpr const char* kCookie = "tb_session";

Actor AnonymousActor(const Request& req) {
  Actor a;
  a.role = "anonymous";
  a.requestId = req.requestId;
  a.ip = req.remoteIp;
  return a;
}

Actor ActorOf(const accounts::Principal& p, const Request& req) {
  Actor a;
  a.userId = p.user.id;
  a.role = p.user.role;
  a.unitId = p.user.unitId;
  a.assurance = p.user.assurance;
  a.requestId = req.requestId;
  a.ip = req.remoteIp;
  return a;
}

std::optional<int64_t> IdParam(const Request& req, const char* name) {
  auto it = req.params.find(name);
  if (it == req.params.end() || it->second.empty() || it->second.size() > 18) return std::nullopt;
  int64_t v = 0;
  auto [p, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), v);
  if (ec != std::errc() || p != it->second.data() + it->second.size() || v <= 0)
    return std::nullopt;
  return v;
}

namespace {
std::string CookieValue(const std::string& header, const std::string& name) {
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string part = header.substr(pos, end - pos);
    size_t b = part.find_first_not_of(' ');
    if (b != std::string::npos) part = part.substr(b);
    if (part.size() > name.size() && part.compare(0, name.size(), name) == 0 &&
        part[name.size()] == '=')
      return part.substr(name.size() + 1);
    pos = end + 1;
  }
  return "";
}

bool IsUnsafe(bhttp::verb v) {
  return v != bhttp::verb::get && v != bhttp::verb::head && v != bhttp::verb::options;
}

}  // namespace

std::string SessionCookie(const std::string& value, int64_t maxAge, bool secure) {
  std::string c = std::string(kCookie) + "=" + value +
                  "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(maxAge);
  if (secure) c += "; Secure";
  return c;
}

namespace {
Result<accounts::Principal> SignedIn(ApiDeps& deps, const Request& req);
}  // namespace

Result<accounts::Principal> Authenticate(ApiDeps& deps, const Request& req) {
  // A route that is not a step of a power of attorney never runs for someone else: a proxy
  // reaches no account, settings, notification or staff route of the person they act for.
  if (!req.header("X-Act-For").empty())
    return Status::PermissionDenied("this cannot be done acting for someone else");
  return SignedIn(deps, req);
}

Result<Actor> ActingCaller(ApiDeps& deps, const Request& req) {
  TB_ASSIGN_OR_RETURN(accounts::Principal p, SignedIn(deps, req));
  Actor actor = ActorOf(p, req);
  std::string actFor = req.header("X-Act-For");
  if (actFor.empty()) return actor;
  int64_t mandateId = 0;
  auto [end, ec] = std::from_chars(actFor.data(), actFor.data() + actFor.size(), mandateId);
  if (ec != std::errc() || end != actFor.data() + actFor.size() || mandateId <= 0)
    return Status::PermissionDenied("X-Act-For names no authorisation");
  if (!access::IsApplicant(actor))
    return Status::PermissionDenied("staff do not act under an authorisation");
  TB_ASSIGN_OR_RETURN(actor.proxy, deps.mandates.actingFor(*actor.userId, mandateId));
  return actor;
}

Status ProxyStep(ApiDeps& deps, const Actor& actor, int64_t caseId, std::string_view step) {
  if (!actor.proxy) return Status::Ok();
  bool allowed = false;
  TB_RETURN_IF_ERROR(deps.db.read([&](db::Transaction& tx) -> Status {
    auto c = tx.cases().byId(caseId);
    allowed = c.ok() && access::ProxyMay(actor, *c, step);
    return Status::Ok();
  }));
  if (!allowed)
    return Status::PermissionDenied("your authorisation does not cover " + std::string(step) +
                                    " on this case");
  return Status::Ok();
}

namespace {
Result<accounts::Principal> SignedIn(ApiDeps& deps, const Request& req) {
  std::string auth = req.header(bhttp::field::authorization);
  if (auth.rfind("Bearer ", 0) == 0) {
    auto p = deps.accounts.authenticate(auth.substr(7));
    if (!p.ok()) return p.status();
    if (p->sessionKind != "bearer")
      return Status::Unauthenticated("use the cookie for this session");
    return p;
  }
  std::string token = CookieValue(req.header(bhttp::field::cookie), kCookie);
  if (token.empty()) return Status::Unauthenticated("sign in first");
  auto p = deps.accounts.authenticate(token);
  if (!p.ok()) return p.status();
  if (p->sessionKind != "cookie")
    return Status::Unauthenticated("use the bearer header for this session");
  if (IsUnsafe(req.method) && !crypto::ConstantTimeEquals(req.header("X-CSRF-Token"), p->csrf))
    return Status::PermissionDenied("missing or wrong X-CSRF-Token header");
  return p;
}
}  // namespace

Result<Target> CallerAndId(ApiDeps& deps, const Request& req, const std::string& what) {
  TB_ASSIGN_OR_RETURN(accounts::Principal p, Authenticate(deps, req));
  auto id = IdParam(req, "id");
  if (!id) return Status::NotFound(what + " not found");
  Actor actor = ActorOf(p, req);
  return Target{std::move(p), std::move(actor), *id};
}

Status CheckSameOrigin(const Request& req) {
  std::string origin = req.header(bhttp::field::origin), host = req.header(bhttp::field::host);
  if (!origin.empty() && origin != "http://" + host && origin != "https://" + host)
    return Status::PermissionDenied("cross-origin request refused");
  return Status::Ok();
}

json::object UserJson(const db::UserRow& u) {
  json::object o{{"id", u.id},
                 {"email", u.email},
                 {"display_name", u.displayName},
                 {"role", u.role},
                 {"assurance", u.assurance},
                 {"locale", u.locale},
                 {"unit_id", u.unitId ? json::value(*u.unitId) : json::value(nullptr)},
                 {"verified_at", TimeJson(u.verifiedAt)}};
  o["photo"] = u.photoDocumentId
                   ? json::value(json::object{{"document_id", *u.photoDocumentId},
                                              {"verified", u.photoVerifiedAt.has_value()}})
                   : json::value(nullptr);
  return o;
}

namespace {

Result<Response> Register(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(json::object body, ParseJsonObject(req.body));
  FieldReader f(body);
  f.rejectUnknown({"email", "password", "display_name", "locale"});
  auto email = f.string("email", true, 254, 1);
  auto password = f.string("password", true, 256, 1);
  auto name = f.string("display_name", true, 100);
  auto locale = f.string("locale", false, 10);
  if (locale && !accounts::IsSupportedLocale(*locale))
    f.fail("locale", "option", "must be one of zh-CN, en, it, es, fr, pt, de");
  TB_RETURN_IF_ERROR(f.status());
  TB_ASSIGN_OR_RETURN(db::UserRow u,
                      d.accounts.registerApplicant(AnonymousActor(req), *email, *password, *name,
                                                   locale.value_or("")));
  return Response::Json(201, json::object{{"user", UserJson(u)}});
}

Result<Response> Login(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(json::object body, ParseJsonObject(req.body));
  FieldReader f(body);
  f.rejectUnknown({"email", "password", "kind"});
  auto email = f.string("email", true, 254, 1);
  auto password = f.string("password", true, 256, 1);
  auto kind = f.string("kind", false, 10);
  if (kind && *kind != "cookie" && *kind != "bearer")
    f.fail("kind", "option", "must be cookie or bearer");
  TB_RETURN_IF_ERROR(f.status());
  std::string k = kind.value_or("cookie");
  int64_t retry = 0;
  auto res = d.accounts.login(AnonymousActor(req), *email, *password, k, &retry);
  if (!res.ok()) {
    // A throttled log-in says when to try again, so the error answer is built here.
    Response resp = StatusResponse(res.status(), req);
    if (retry > 0) resp.headers.emplace_back("Retry-After", std::to_string(retry));
    return resp;
  }
  json::object out{{"user", UserJson(res->user)}, {"expires_at", TimeJson(res->expiresAt)}};
  Response resp;
  if (k == "bearer") {
    out["token"] = res->token;
    resp = Response::Json(200, out);
  } else {
    out["csrf_token"] = res->csrf;
    resp = Response::Json(200, out);
    resp.headers.emplace_back("Set-Cookie",
                              SessionCookie(res->token, 7 * 24 * 3600, d.options.secureCookies));
  }
  return resp;
}

Result<Response> Logout(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(accounts::Principal p, Authenticate(d, req));
  TB_RETURN_IF_ERROR(d.accounts.logout(ActorOf(p, req), p));
  Response resp = Response::Json(200, json::object{{"signed_out", true}});
  resp.headers.emplace_back("Set-Cookie", SessionCookie("", 0, d.options.secureCookies));
  return resp;
}

json::object SignedIn(const accounts::Principal& p) {
  json::object out{{"user", UserJson(p.user)}};
  if (p.sessionKind == "cookie") out["csrf_token"] = p.csrf;
  return out;
}

Result<Response> Me(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(accounts::Principal p, Authenticate(d, req));
  return Response::Json(200, SignedIn(p));
}

// The web app's question at start-up: "who am I, if anyone?". Not being signed in is a normal
// answer here (200 with "user": null), so an anonymous page load logs no error; API clients
// keep /me, which answers 401 without a session.
Result<Response> Session(ApiDeps& d, Request& req) {
  auto p = Authenticate(d, req);
  if (!p.ok()) {
    if (p.status().code() != StatusCode::kUnauthenticated) return p.status();
    return Response::Json(200, json::object{{"user", nullptr}});
  }
  return Response::Json(200, SignedIn(*p));
}

Result<Response> UploadPhoto(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(accounts::Principal p, Authenticate(d, req));
  if (req.bodyFile.empty())
    return Status::InvalidField("body", "empty", "send the photo as the request body");
  TB_ASSIGN_OR_RETURN(json::object out, d.documents.uploadPhoto(ActorOf(p, req), req.bodyFile));
  return Response::Json(201, out);
}

}  // namespace

void RegisterAuthRoutes(http::Router& r, ApiDeps& d) {
  using bhttp::verb;
  constexpr size_t kSmall = 8 * 1024;
  static constexpr ApiRoute kRoutes[] = {
      {verb::post, "/api/v1/auth/register", BodyKind::kJson, Register, kSmall},
      {verb::post, "/api/v1/auth/login", BodyKind::kJson, Login, kSmall},
      {verb::post, "/api/v1/auth/logout", BodyKind::kJson, Logout, kSmall},
      {verb::get, "/api/v1/me", BodyKind::kNone, Me},
      {verb::get, "/api/v1/session", BodyKind::kNone, Session},
      {verb::post, "/api/v1/me/photo", BodyKind::kFile, UploadPhoto},
  };
  AddRoutes(r, d, kRoutes);
}

}  // namespace tongban::api
