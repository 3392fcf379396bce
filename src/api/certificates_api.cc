// Certificates and decision letters: the published public keys, public verification, the
// holder's wallet and share links, and staff revocation and re-issue.

#include "api/routes.h"
#include "certificates/keys.h"

namespace tongban::api {

using http::BodyKind;
using http::Request;
using http::Response;
namespace bhttp = boost::beast::http;

namespace {

//! The public key set, for anyone (no log-in): `tongban cert verify` and third parties check a
//! certificate PDF offline against it. Old keys stay in the set after a rotation so what they
//! signed keeps verifying. Caches may keep it five minutes: a new key signs only certificates
//! issued after the rotation, so a verifier at worst sees a fresh certificate's key a little
//! late, never loses an old one.
Result<Response> PublicKeys(ApiDeps& d, Request&) {
  Response resp = Response::Json(200, d.keys.publicKeys().toJson());
  resp.headers.emplace_back("Cache-Control", "public, max-age=300");
  return resp;
}

std::string Param(const Request& req, const char* name) {
  auto it = req.params.find(name);
  return it == req.params.end() ? std::string() : it->second;
}

//! A public look-up's answer; a refused one (too many from this address) says when to retry.
Result<Response> Public(const Result<json::object>& r, const Request& req) {
  if (r.ok()) {
    Response resp = Response::Json(200, *r);
    resp.headers.emplace_back("Cache-Control", "no-store");
    return resp;
  }
  if (r.status().code() != StatusCode::kTooManyRequests) return r.status();
  Response resp = StatusResponse(r.status(), req);
  auto f = r.status().fields().find("retry_after");
  resp.headers.emplace_back("Retry-After", f == r.status().fields().end() ? "60" : f->second.code);
  return resp;
}

Response PdfResponse(const results::PdfFile& f) {
  Response resp;
  resp.contentType = "application/pdf";
  resp.file = f.path;
  resp.headers.emplace_back("Content-Disposition", "inline; filename=\"" + f.filename + "\"");
  resp.headers.emplace_back("Cache-Control", "private, no-store");
  return resp;
}

//! Anyone, no log-in: genuine / revoked / unknown, with only what the certificate prints.
Result<Response> Verify(ApiDeps& d, Request& req) {
  return Public(d.results.verify(AnonymousActor(req), Param(req, "id")), req);
}

Result<Response> SharedView(ApiDeps& d, Request& req) {
  return Public(d.results.openShare(AnonymousActor(req), Param(req, "token")), req);
}

Result<Response> SharedPdf(ApiDeps& d, Request& req) {
  auto f = d.results.sharedPdf(AnonymousActor(req), Param(req, "token"));
  if (!f.ok()) return Public(f.status(), req);
  return PdfResponse(*f);
}

Result<Response> Wallet(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(accounts::Principal p, Authenticate(d, req));
  TB_ASSIGN_OR_RETURN(json::array out, d.results.wallet(ActorOf(p, req)));
  return Response::Json(200, json::object{{"results", std::move(out)}});
}

Result<Response> CertificatePdf(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(accounts::Principal p, Authenticate(d, req));
  TB_ASSIGN_OR_RETURN(results::PdfFile f, d.results.pdf(ActorOf(p, req), Param(req, "id")));
  return PdfResponse(f);
}

Result<Response> CreateShare(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(accounts::Principal p, Authenticate(d, req));
  TB_ASSIGN_OR_RETURN(json::object body, ParseJsonObject(req.body));
  FieldReader f(body);
  f.rejectUnknown({"days", "label"});
  auto days = f.integer("days", true, 1, 90);
  auto label = f.string("label", false, 100);
  TB_RETURN_IF_ERROR(f.status());
  TB_ASSIGN_OR_RETURN(json::object out, d.results.share(ActorOf(p, req), Param(req, "id"),
                                                        int(*days), label.value_or("")));
  return Response::Json(201, json::object{{"share", std::move(out)}});
}

Result<Response> RevokeShare(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(accounts::Principal p, Authenticate(d, req));
  auto share = IdParam(req, "share");
  if (!share) return Status::NotFound("share link not found");
  TB_ASSIGN_OR_RETURN(json::object out,
                      d.results.revokeShare(ActorOf(p, req), Param(req, "id"), *share));
  return Response::Json(200, json::object{{"share", std::move(out)}});
}

Result<Response> Revoke(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(accounts::Principal p, Authenticate(d, req));
  TB_ASSIGN_OR_RETURN(json::object body, ParseJsonObject(req.body));
  FieldReader f(body);
  f.rejectUnknown({"reason"});
  auto reason = f.string("reason", true, 1000, 1);
  TB_RETURN_IF_ERROR(f.status());
  TB_ASSIGN_OR_RETURN(json::object out,
                      d.results.revoke(ActorOf(p, req), Param(req, "id"), *reason));
  return Response::Json(200, json::object{{"result", std::move(out)}});
}

Result<Response> Cosign(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(accounts::Principal p, Authenticate(d, req));
  TB_ASSIGN_OR_RETURN(json::object body, ParseJsonObject(req.body));
  FieldReader f(body);
  f.rejectUnknown({"approve", "note"});
  auto approve = f.boolean("approve", true);
  auto note = f.string("note", false, 1000);
  TB_RETURN_IF_ERROR(f.status());
  TB_ASSIGN_OR_RETURN(json::object out, d.results.cosign(ActorOf(p, req), Param(req, "id"),
                                                         *approve, note.value_or("")));
  return Response::Json(200, json::object{{"result", std::move(out)}});
}

Result<Response> Reissue(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(Target t, CallerAndId(d, req, "case"));
  TB_ASSIGN_OR_RETURN(json::object body, ParseJsonObject(req.body));
  FieldReader f(body);
  f.rejectUnknown({"reason"});
  auto reason = f.string("reason", true, 1000, 1);
  TB_RETURN_IF_ERROR(f.status());
  TB_ASSIGN_OR_RETURN(json::object out, d.results.reissue(t.actor, t.id, *reason));
  return Response::Json(201, json::object{{"result", std::move(out)}});
}

}  // namespace

void RegisterCertificateRoutes(http::Router& r, ApiDeps& d) {
  static constexpr ApiRoute kRoutes[] = {
      {bhttp::verb::get, "/api/v1/keys", BodyKind::kNone, PublicKeys},
      {bhttp::verb::get, "/api/v1/verify/:id", BodyKind::kNone, Verify},
      {bhttp::verb::get, "/api/v1/shared/:token", BodyKind::kNone, SharedView},
      {bhttp::verb::get, "/api/v1/shared/:token/pdf", BodyKind::kNone, SharedPdf},
      {bhttp::verb::get, "/api/v1/wallet", BodyKind::kNone, Wallet},
      {bhttp::verb::get, "/api/v1/certificates/:id/pdf", BodyKind::kNone, CertificatePdf},
      {bhttp::verb::post, "/api/v1/certificates/:id/shares", BodyKind::kJson, CreateShare},
      {bhttp::verb::delete_, "/api/v1/certificates/:id/shares/:share", BodyKind::kNone,
       RevokeShare},
      {bhttp::verb::post, "/api/v1/certificates/:id/revoke", BodyKind::kJson, Revoke},
      {bhttp::verb::post, "/api/v1/certificates/:id/cosign", BodyKind::kJson, Cosign},
      {bhttp::verb::post, "/api/v1/cases/:id/results", BodyKind::kJson, Reissue},
  };
  AddRoutes(r, d, kRoutes);
}

}  // namespace tongban::api
