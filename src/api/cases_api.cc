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

std::string SafeFilename(const std::string& in) {
  std::string out;
  for (unsigned char c : in) {
    if (c < 0x20 || c == '"' || c == '\\' || c == '/' || c == 0x7f) continue;
    out += char(c);
  }
  if (out.size() > 120) out.resize(120);
  return out.empty() ? "document" : out;
}

}  // namespace

void RegisterCaseRoutes(http::Router& r, ApiDeps& d) {
  r.add(bhttp::verb::post, "/api/v1/cases", BodyKind::kJson, d.options.maxJsonBody,
        [&d](Request& req) {
          auto p = Authenticate(d, req);
          if (!p.ok()) return StatusResponse(p.status(), req);
          auto body = ParseJsonObject(req.body);
          if (!body.ok()) return StatusResponse(body.status(), req);
          FieldReader f(*body);
          f.rejectUnknown({"item_code", "form", "submit", "priority", "on_behalf_of"});
          cases::CreateRequest cr;
          auto code = f.string("item_code", true, 20, 1);
          const json::object* form = f.object("form", false);
          auto submit = f.boolean("submit", false);
          auto priority = f.string("priority", false, 10);
          auto behalf = f.integer("on_behalf_of", false, 1, INT64_MAX);
          FieldErrors headerErrors;
          cr.idempotencyKey = IdempotencyKey(req, headerErrors);
          for (auto& e : headerErrors) f.errors().insert(e);
          if (!f.ok()) return StatusResponse(f.status(), req);
          cr.itemCode = *code;
          if (form) cr.form = *form;
          cr.submit = submit.value_or(false);
          cr.priority = priority.value_or("normal");
          cr.onBehalfOf = behalf;
          cr.requestHash = crypto::Sha256Hex(req.body);
          auto answer = d.cases.create(ActorOf(*p, req), cr);
          if (!answer.ok()) return StatusResponse(answer.status(), req);
          Response resp =
              Response::Json(answer->created ? 201 : 200, json::object{{"case", answer->body}});
          if (answer->replayed) resp.headers.emplace_back("Idempotent-Replayed", "true");
          return resp;
        });

  r.add(bhttp::verb::get, "/api/v1/cases", BodyKind::kNone, 0, [&d](Request& req) {
    auto p = Authenticate(d, req);
    if (!p.ok()) return StatusResponse(p.status(), req);
    FieldErrors errors;
    auto limit = IntQuery(req, "limit", 1, 200, errors);
    if (!errors.empty())
      return StatusResponse(Status::InvalidArgument("invalid query", errors), req);
    auto out = d.cases.mine(ActorOf(*p, req), int(limit.value_or(50)));
    if (!out.ok()) return StatusResponse(out.status(), req);
    return Response::Json(200, json::object{{"cases", std::move(*out)}});
  });

  r.add(bhttp::verb::get, "/api/v1/cases/:id", BodyKind::kNone, 0, [&d](Request& req) {
    auto t = CallerAndId(d, req, "case");
    if (!t.ok()) return StatusResponse(t.status(), req);
    auto out = d.cases.get(t->actor, t->id);
    if (!out.ok()) return StatusResponse(out.status(), req);
    return Response::Json(200, json::object{{"case", std::move(*out)}});
  });

  r.add(bhttp::verb::put, "/api/v1/cases/:id/form", BodyKind::kJson, d.options.maxJsonBody,
        [&d](Request& req) {
          auto t = CallerAndId(d, req, "case");
          if (!t.ok()) return StatusResponse(t.status(), req);
          auto body = ParseJsonObject(req.body);
          if (!body.ok()) return StatusResponse(body.status(), req);
          FieldReader f(*body);
          f.rejectUnknown({"form"});
          const json::object* form = f.object("form", true);
          if (!f.ok()) return StatusResponse(f.status(), req);
          auto out = d.cases.updateDraft(t->actor, t->id, *form);
          if (!out.ok()) return StatusResponse(out.status(), req);
          return Response::Json(200, json::object{{"case", std::move(*out)}});
        });

  r.add(bhttp::verb::post, "/api/v1/cases/:id/actions/:action", BodyKind::kJson, 16 * 1024,
        [&d](Request& req) {
          auto t = CallerAndId(d, req, "case");
          if (!t.ok()) return StatusResponse(t.status(), req);
          auto body = ParseJsonObject(req.body);
          if (!body.ok()) return StatusResponse(body.status(), req);
          FieldReader f(*body);
          f.rejectUnknown({"note", "version"});
          auto note = f.string("note", false, 2000);
          auto version = f.integer("version", false, 1, INT64_MAX);
          FieldErrors headerErrors;
          std::string key = IdempotencyKey(req, headerErrors);
          for (auto& e : headerErrors) f.errors().insert(e);
          const std::string& action = req.params["action"];
          if (action.size() > 40) f.fail("action", "unknown", "unknown action");
          if (!f.ok()) return StatusResponse(f.status(), req);
          auto out = d.cases.transition(
              t->actor, t->id, action, note.value_or(""), version, key,
              crypto::Sha256Hex(action + "\n" + req.body + "\n" + std::to_string(t->id)));
          if (!out.ok()) return StatusResponse(out.status(), req);
          return Response::Json(200, json::object{{"case", std::move(*out)}});
        });

  r.add(bhttp::verb::post, "/api/v1/cases/:id/rating", BodyKind::kJson, 4 * 1024,
        [&d](Request& req) {
          auto t = CallerAndId(d, req, "case");
          if (!t.ok()) return StatusResponse(t.status(), req);
          auto body = ParseJsonObject(req.body);
          if (!body.ok()) return StatusResponse(body.status(), req);
          FieldReader f(*body);
          f.rejectUnknown({"score", "comment"});
          auto score = f.integer("score", true, 1, 5);
          auto comment = f.string("comment", false, 1000);
          if (!f.ok()) return StatusResponse(f.status(), req);
          auto out = d.cases.rate(t->actor, t->id, int(*score), comment.value_or(""));
          if (!out.ok()) return StatusResponse(out.status(), req);
          return Response::Json(200, json::object{{"case", std::move(*out)}});
        });

  r.add(bhttp::verb::get, "/api/v1/queue", BodyKind::kNone, 0, [&d](Request& req) {
    auto p = Authenticate(d, req);
    if (!p.ok()) return StatusResponse(p.status(), req);
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
    if (!errors.empty())
      return StatusResponse(Status::InvalidArgument("invalid query", errors), req);
    auto out = d.cases.queue(ActorOf(*p, req), q);
    if (!out.ok()) return StatusResponse(out.status(), req);
    return Response::Json(200, json::object{{"cases", std::move(out->cases)}, {"more", out->more}});
  });

  r.add(bhttp::verb::get, "/api/v1/cases/:id/assignees", BodyKind::kNone, 0, [&d](Request& req) {
    auto t = CallerAndId(d, req, "case");
    if (!t.ok()) return StatusResponse(t.status(), req);
    auto out = d.cases.assignable(t->actor, t->id);
    if (!out.ok()) return StatusResponse(out.status(), req);
    return Response::Json(200, json::object{{"assignees", std::move(*out)}});
  });

  r.add(bhttp::verb::post, "/api/v1/cases/:id/assignee", BodyKind::kJson, 1024, [&d](Request& req) {
    auto t = CallerAndId(d, req, "case");
    if (!t.ok()) return StatusResponse(t.status(), req);
    auto body = ParseJsonObject(req.body);
    if (!body.ok()) return StatusResponse(body.status(), req);
    FieldReader f(*body);
    f.rejectUnknown({"user_id", "version"});
    if (!body->contains("user_id"))
      f.fail("user_id", "required", "who takes the case (null: nobody)");
    auto user = f.integer("user_id", false, 1, INT64_MAX);
    auto version = f.integer("version", false, 1, INT64_MAX);
    if (!f.ok()) return StatusResponse(f.status(), req);
    auto out = d.cases.assign(t->actor, t->id, user, version);
    if (!out.ok()) return StatusResponse(out.status(), req);
    return Response::Json(200, json::object{{"case", std::move(*out)}});
  });

  r.add(bhttp::verb::post, "/api/v1/cases/:id/priority", BodyKind::kJson, 4 * 1024,
        [&d](Request& req) {
          auto t = CallerAndId(d, req, "case");
          if (!t.ok()) return StatusResponse(t.status(), req);
          auto body = ParseJsonObject(req.body);
          if (!body.ok()) return StatusResponse(body.status(), req);
          FieldReader f(*body);
          f.rejectUnknown({"priority", "reason", "version"});
          auto priority = f.string("priority", true, 10, 1);
          auto reason = f.string("reason", false, 500);
          auto version = f.integer("version", false, 1, INT64_MAX);
          if (!f.ok()) return StatusResponse(f.status(), req);
          auto out = d.cases.setPriority(t->actor, t->id, *priority, reason.value_or(""), version);
          if (!out.ok()) return StatusResponse(out.status(), req);
          return Response::Json(200, json::object{{"case", std::move(*out)}});
        });

  r.add(bhttp::verb::post, "/api/v1/cases/:id/documents", BodyKind::kFile, d.options.maxUploadBody,
        [&d](Request& req) {
          auto t = CallerAndId(d, req, "case");
          if (!t.ok()) return StatusResponse(t.status(), req);
          FieldErrors errors;
          std::string type = req.query.count("type") ? req.query["type"] : "";
          if (type.empty() || type.size() > 40)
            errors["type"] = {"required", "say which document this is (?type=)"};
          if (req.bodyFile.empty()) errors["body"] = {"empty", "send the file as the request body"};
          if (!errors.empty())
            return StatusResponse(Status::InvalidArgument("invalid upload", errors), req);
          std::string filename =
              SafeFilename(req.query.count("filename") ? req.query["filename"] : "");
          auto out = d.documents.upload(t->actor, t->id, type, filename, req.bodyFile);
          if (!out.ok()) return StatusResponse(out.status(), req);
          return Response::Json(201, json::object{{"document", std::move(*out)}});
        });

  r.add(bhttp::verb::post, "/api/v1/cases/:id/documents/reuse-photo", BodyKind::kJson, 1024,
        [&d](Request& req) {
          auto t = CallerAndId(d, req, "case");
          if (!t.ok()) return StatusResponse(t.status(), req);
          auto out = d.documents.reusePhoto(t->actor, t->id);
          if (!out.ok()) return StatusResponse(out.status(), req);
          return Response::Json(201, json::object{{"document", std::move(*out)}});
        });

  r.add(bhttp::verb::post, "/api/v1/cases/:id/verify-photo", BodyKind::kJson, 1024,
        [&d](Request& req) {
          auto t = CallerAndId(d, req, "case");
          if (!t.ok()) return StatusResponse(t.status(), req);
          auto out = d.documents.verifyPhoto(t->actor, t->id);
          if (!out.ok()) return StatusResponse(out.status(), req);
          return Response::Json(200, *out);
        });

  r.add(bhttp::verb::get, "/api/v1/documents/:id/content", BodyKind::kNone, 0, [&d](Request& req) {
    auto t = CallerAndId(d, req, "document");
    if (!t.ok()) return StatusResponse(t.status(), req);
    auto dl = d.documents.download(t->actor, t->id);
    if (!dl.ok()) return StatusResponse(dl.status(), req);
    Response resp;
    resp.contentType = dl->doc.mime;
    resp.file = dl->path;
    resp.headers.emplace_back("Content-Disposition",
                              "inline; filename=\"" + SafeFilename(dl->doc.filename) + "\"");
    resp.headers.emplace_back("Cache-Control", "private, no-store");
    return resp;
  });
}

}  // namespace tongban::api
