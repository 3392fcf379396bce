#include <charconv>

#include "api/routes.h"
#include "common/crypto.h"

namespace tongban::api {

using http::BodyKind;
using http::Request;
using http::Response;
namespace bhttp = boost::beast::http;

namespace {

//! Optional integer query parameter in [min, max]; records a field error when malformed.
std::optional<int64_t> IntQuery(const Request& req, const char* name, int64_t min, int64_t max,
                                FieldErrors& errors) {
  auto it = req.query.find(name);
  if (it == req.query.end() || it->second.empty()) return std::nullopt;
  int64_t v = 0;
  auto [p, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), v);
  if (ec != std::errc() || p != it->second.data() + it->second.size() || v < min || v > max) {
    errors[name] = {"range", "must be an integer between " + std::to_string(min) + " and " +
                                 std::to_string(max)};
    return std::nullopt;
  }
  return v;
}

std::string IdempotencyKey(const Request& req, FieldErrors& errors) {
  std::string key = req.header("Idempotency-Key");
  if (key.size() > 128) errors["Idempotency-Key"] = {"too_long", "must be at most 128 characters"};
  return key;
}

//! The caller (perhaps acting for someone under X-Act-For) and the case `:id`, once the
//! mandate allows `step` on it.
struct ActingTarget {
  Actor actor;
  int64_t id = 0;
};
Result<ActingTarget> ActingOnCase(ApiDeps& d, const Request& req, std::string_view step) {
  TB_ASSIGN_OR_RETURN(Actor actor, ActingCaller(d, req));
  auto id = IdParam(req, "id");
  if (!id) return Status::NotFound("case not found");
  TB_RETURN_IF_ERROR(ProxyStep(d, actor, *id, step));
  return ActingTarget{std::move(actor), *id};
}

//! The step of a mandate an applicant's case action is: submit, supplement, or none ("").
std::string_view StepOfAction(std::string_view action) {
  if (action == "submit") return "submit";
  if (action == "supplement") return "supplement";
  if (action == "deliver") return "sign_delivery";
  return "";
}

Result<Response> CreateCase(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(Actor actor, ActingCaller(d, req));
  TB_ASSIGN_OR_RETURN(json::object body, ParseJsonObject(req.body));
  FieldReader f(body);
  f.rejectUnknown(
      {"item_code", "form", "submit", "priority", "on_behalf_of", "consent_id", "person_id"});
  cases::CreateRequest cr;
  auto code = f.string("item_code", true, 20, 1);
  const json::object* form = f.object("form", false);
  auto submit = f.boolean("submit", false);
  auto priority = f.string("priority", false, 10);
  auto behalf = f.integer("on_behalf_of", false, 1, INT64_MAX);
  auto consent = f.integer("consent_id", false, 1, INT64_MAX);
  auto person = f.integer("person_id", false, 1, INT64_MAX);
  FieldErrors headerErrors;
  cr.idempotencyKey = IdempotencyKey(req, headerErrors);
  for (auto& e : headerErrors) f.errors().insert(e);
  TB_RETURN_IF_ERROR(f.status());
  cr.itemCode = *code;
  if (form) cr.form = *form;
  cr.submit = submit.value_or(false);
  cr.priority = priority.value_or("normal");
  cr.onBehalfOf = behalf;
  cr.consentId = consent;
  cr.personId = person;
  cr.requestHash = crypto::Sha256Hex(req.body);
  // A step under a power of attorney is recorded in the transaction that takes it.
  if (actor.proxy)
    cr.alsoInTx = [&d, &actor, submit = cr.submit](db::Transaction& tx, const db::CaseRow& c) {
      return d.mandates.noteUseIn(tx, actor, c, "submit", submit ? "create_submit" : "create", "");
    };
  TB_ASSIGN_OR_RETURN(cases::Answer answer, d.cases.create(actor, cr));
  Response resp = Response::Json(answer.created ? 201 : 200, json::object{{"case", answer.body}});
  if (answer.replayed) resp.headers.emplace_back("Idempotent-Replayed", "true");
  return resp;
}

Result<Response> MyCases(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(Actor actor, ActingCaller(d, req));
  FieldErrors errors;
  auto limit = IntQuery(req, "limit", 1, 200, errors);
  if (!errors.empty()) return Status::InvalidArgument("invalid query", errors);
  TB_ASSIGN_OR_RETURN(json::array out, d.cases.mine(actor, int(limit.value_or(50))));
  return Response::Json(200, json::object{{"cases", std::move(out)}});
}

Result<Response> GetCase(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(ActingTarget t, ActingOnCase(d, req, "read"));
  TB_ASSIGN_OR_RETURN(json::object out, d.cases.get(t.actor, t.id));
  return Response::Json(200, json::object{{"case", std::move(out)}});
}

Result<Response> UpdateDraft(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(ActingTarget t, ActingOnCase(d, req, "submit"));
  TB_ASSIGN_OR_RETURN(json::object body, ParseJsonObject(req.body));
  FieldReader f(body);
  f.rejectUnknown({"form"});
  const json::object* form = f.object("form", true);
  TB_RETURN_IF_ERROR(f.status());
  TB_ASSIGN_OR_RETURN(json::object out, d.cases.updateDraft(t.actor, t.id, *form));
  return Response::Json(200, json::object{{"case", std::move(out)}});
}

Result<Response> CaseAction(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(Actor acting, ActingCaller(d, req));
  std::string_view step = StepOfAction(req.params["action"]);
  if (acting.proxy && step.empty())
    return Status::PermissionDenied("an authorisation does not cover this action");
  TB_ASSIGN_OR_RETURN(ActingTarget t, ActingOnCase(d, req, acting.proxy ? step : "read"));
  TB_ASSIGN_OR_RETURN(json::object body, ParseJsonObject(req.body));
  FieldReader f(body);
  f.rejectUnknown({"note", "version"});
  auto note = f.string("note", false, 2000);
  auto version = f.integer("version", false, 1, INT64_MAX);
  FieldErrors headerErrors;
  std::string key = IdempotencyKey(req, headerErrors);
  for (auto& e : headerErrors) f.errors().insert(e);
  const std::string& action = req.params["action"];
  if (action.size() > 40) f.fail("action", "unknown", "unknown action");
  TB_RETURN_IF_ERROR(f.status());
  // A step under a power of attorney is recorded in the transaction that takes it.
  std::function<Status(db::Transaction&, const db::CaseRow&)> record;
  if (t.actor.proxy)
    record = [&d, &t, step, &action](db::Transaction& tx, const db::CaseRow& c) {
      return d.mandates.noteUseIn(tx, t.actor, c, step, action, "");
    };
  TB_ASSIGN_OR_RETURN(
      json::object out,
      d.cases.transition(t.actor, t.id, action, note.value_or(""), version, key,
                         crypto::Sha256Hex(action + "\n" + req.body + "\n" + std::to_string(t.id)),
                         record));
  return Response::Json(200, json::object{{"case", std::move(out)}});
}

Result<Response> RateCase(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(Target t, CallerAndId(d, req, "case"));
  TB_ASSIGN_OR_RETURN(json::object body, ParseJsonObject(req.body));
  FieldReader f(body);
  f.rejectUnknown({"score", "comment"});
  auto score = f.integer("score", true, 1, 5);
  auto comment = f.string("comment", false, 1000);
  TB_RETURN_IF_ERROR(f.status());
  TB_ASSIGN_OR_RETURN(json::object out,
                      d.cases.rate(t.actor, t.id, int(*score), comment.value_or("")));
  return Response::Json(200, json::object{{"case", std::move(out)}});
}

Result<Response> LookupCase(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(accounts::Principal p, Authenticate(d, req));
  auto it = req.query.find("number");
  TB_ASSIGN_OR_RETURN(
      json::object out,
      d.cases.findByNumber(ActorOf(p, req), it == req.query.end() ? "" : it->second));
  return Response::Json(200, json::object{{"case", std::move(out)}});
}

Result<Response> Queue(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(accounts::Principal p, Authenticate(d, req));
  FieldErrors errors;
  cases::QueueRequest q;
  q.unitId = IntQuery(req, "unit", 1, INT64_MAX, errors);
  q.limit = int(IntQuery(req, "limit", 1, 200, errors).value_or(50));
  q.offset = int(IntQuery(req, "offset", 0, 100000, errors).value_or(0));
  auto text = [&](const char* name) {
    auto it = req.query.find(name);
    return it == req.query.end() ? std::string() : it->second;
  };
  if (!text("state").empty()) q.state = text("state");
  if (!text("priority").empty()) q.priority = text("priority");
  q.text = text("q");
  q.sort = text("sort");
  q.assignee = text("assignee");
  if (req.query.count("overdue")) {
    const auto& o = req.query["overdue"];
    if (o == "true" || o == "1")
      q.overdueOnly = true;
    else if (o != "false" && o != "0" && !o.empty())
      errors["overdue"] = {"type", "must be true or false"};
  }
  if (!errors.empty()) return Status::InvalidArgument("invalid query", errors);
  TB_ASSIGN_OR_RETURN(cases::QueuePage page, d.cases.queue(ActorOf(p, req), q));
  return Response::Json(200, json::object{{"cases", std::move(page.cases)}, {"more", page.more}});
}

Result<Response> Assignees(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(Target t, CallerAndId(d, req, "case"));
  TB_ASSIGN_OR_RETURN(json::array out, d.cases.assignable(t.actor, t.id));
  return Response::Json(200, json::object{{"assignees", std::move(out)}});
}

Result<Response> AssignCase(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(Target t, CallerAndId(d, req, "case"));
  TB_ASSIGN_OR_RETURN(json::object body, ParseJsonObject(req.body));
  FieldReader f(body);
  f.rejectUnknown({"user_id", "version"});
  if (!body.contains("user_id")) f.fail("user_id", "required", "who takes the case (null: nobody)");
  auto user = f.integer("user_id", false, 1, INT64_MAX);
  auto version = f.integer("version", false, 1, INT64_MAX);
  TB_RETURN_IF_ERROR(f.status());
  TB_ASSIGN_OR_RETURN(json::object out, d.cases.assign(t.actor, t.id, user, version));
  return Response::Json(200, json::object{{"case", std::move(out)}});
}

Result<Response> SetPriority(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(Target t, CallerAndId(d, req, "case"));
  TB_ASSIGN_OR_RETURN(json::object body, ParseJsonObject(req.body));
  FieldReader f(body);
  f.rejectUnknown({"priority", "reason", "version"});
  auto priority = f.string("priority", true, 10, 1);
  auto reason = f.string("reason", false, 500);
  auto version = f.integer("version", false, 1, INT64_MAX);
  TB_RETURN_IF_ERROR(f.status());
  TB_ASSIGN_OR_RETURN(json::object out,
                      d.cases.setPriority(t.actor, t.id, *priority, reason.value_or(""), version));
  return Response::Json(200, json::object{{"case", std::move(out)}});
}

Result<Response> UploadDocument(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(Actor acting, ActingCaller(d, req));
  // Under a mandate, a document for a draft is part of submitting it; later, of answering a
  // request for more.
  std::string_view step = "read";
  if (acting.proxy) {
    auto id = IdParam(req, "id");
    std::string state;
    if (id)
      TB_RETURN_IF_ERROR(d.db.read([&](db::Transaction& tx) -> Status {
        auto c = tx.cases().byId(*id);
        if (c.ok()) state = c->state;
        return Status::Ok();
      }));
    step = state == "draft" ? "submit" : "supplement";
  }
  TB_ASSIGN_OR_RETURN(ActingTarget t, ActingOnCase(d, req, step));
  FieldErrors errors;
  std::string type = req.query.count("type") ? req.query["type"] : "";
  if (type.empty() || type.size() > 40)
    errors["type"] = {"required", "say which document this is (?type=)"};
  if (req.bodyFile.empty()) errors["body"] = {"empty", "send the file as the request body"};
  if (!errors.empty()) return Status::InvalidArgument("invalid upload", errors);
  std::string filename = SafeFilename(req.query.count("filename") ? req.query["filename"] : "");
  TB_ASSIGN_OR_RETURN(json::object out,
                      d.documents.upload(t.actor, t.id, type, filename, req.bodyFile));
  if (t.actor.proxy)
    TB_RETURN_IF_ERROR(d.mandates.noteUse(t.actor, t.id, step, "document",
                                          std::to_string(out.at("id").to_number<int64_t>())));
  return Response::Json(201, json::object{{"document", std::move(out)}});
}

Result<Response> ReusePhoto(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(Target t, CallerAndId(d, req, "case"));
  TB_ASSIGN_OR_RETURN(json::object out, d.documents.reusePhoto(t.actor, t.id));
  return Response::Json(201, json::object{{"document", std::move(out)}});
}

Result<Response> VerifyPhoto(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(Target t, CallerAndId(d, req, "case"));
  TB_ASSIGN_OR_RETURN(json::object out, d.documents.verifyPhoto(t.actor, t.id));
  return Response::Json(200, out);
}

Result<Response> DocumentContent(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(Target t, CallerAndId(d, req, "document"));
  TB_ASSIGN_OR_RETURN(documents::Download dl, d.documents.download(t.actor, t.id));
  Response resp;
  resp.contentType = dl.doc.mime;
  resp.file = dl.path;
  resp.headers.emplace_back("Content-Disposition",
                            "inline; filename=\"" + SafeFilename(dl.doc.filename) + "\"");
  resp.headers.emplace_back("Cache-Control", "private, no-store");
  return resp;
}

}  // namespace

std::string SafeFilename(const std::string& in, const char* fallback) {
  std::string out;
  for (unsigned char c : in) {
    if (c < 0x20 || c == '"' || c == '\\' || c == '/' || c == 0x7f) continue;
    out += char(c);
  }
  if (out.size() > 120) out.resize(120);
  return out.empty() ? fallback : out;
}

void RegisterCaseRoutes(http::Router& r, ApiDeps& d) {
  using bhttp::verb;
  static constexpr ApiRoute kRoutes[] = {
      {verb::post, "/api/v1/cases", BodyKind::kJson, CreateCase},
      {verb::get, "/api/v1/cases", BodyKind::kNone, MyCases},
      {verb::get, "/api/v1/case-lookup", BodyKind::kNone, LookupCase},
      {verb::get, "/api/v1/cases/:id", BodyKind::kNone, GetCase},
      {verb::put, "/api/v1/cases/:id/form", BodyKind::kJson, UpdateDraft},
      {verb::post, "/api/v1/cases/:id/actions/:action", BodyKind::kJson, CaseAction, 16 * 1024},
      {verb::post, "/api/v1/cases/:id/rating", BodyKind::kJson, RateCase, 4 * 1024},
      {verb::get, "/api/v1/queue", BodyKind::kNone, Queue},
      {verb::get, "/api/v1/cases/:id/assignees", BodyKind::kNone, Assignees},
      {verb::post, "/api/v1/cases/:id/assignee", BodyKind::kJson, AssignCase, 1024},
      {verb::post, "/api/v1/cases/:id/priority", BodyKind::kJson, SetPriority, 4 * 1024},
      {verb::post, "/api/v1/cases/:id/documents", BodyKind::kFile, UploadDocument},
      {verb::post, "/api/v1/cases/:id/documents/reuse-photo", BodyKind::kJson, ReusePhoto, 1024},
      {verb::post, "/api/v1/cases/:id/verify-photo", BodyKind::kJson, VerifyPhoto, 1024},
      {verb::get, "/api/v1/documents/:id/content", BodyKind::kNone, DocumentContent},
  };
  AddRoutes(r, d, kRoutes);
}

}  // namespace tongban::api
