// Powers of attorney: the grantor creates, documents and revokes them; the grantee claims one;
// officers check them. Acting under one is the `X-Act-For` header (auth_api.cc, ActingCaller).

#include "api/routes.h"

namespace tongban::api {

using http::BodyKind;
using http::Request;
using http::Response;
namespace bhttp = boost::beast::http;

namespace {

//! An array of short strings at `key`; records an error when it is something else.
std::vector<std::string> Strings(const json::object& o, const char* key, const char* field,
                                 FieldReader& f) {
  std::vector<std::string> out;
  const json::value* v = o.if_contains(key);
  if (!v) return out;
  if (!v->is_array()) {
    f.fail(field, "type", "must be a list of strings");
    return out;
  }
  for (const auto& e : v->as_array()) {
    if (!e.is_string() || e.as_string().size() > 40) {
      f.fail(field, "type", "must be a list of short strings");
      return {};
    }
    out.emplace_back(e.as_string());
  }
  return out;
}

//! `{"grantee": {"email"} | {"name", "id_number", "phone"}, "scope": {"items": [..]} |
//! {"case_id": n}, "steps": [..], "valid_from": "YYYY-MM-DD", "valid_until": "YYYY-MM-DD"}`
Result<Response> Create(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(accounts::Principal p, Authenticate(d, req));
  TB_ASSIGN_OR_RETURN(json::object body, ParseJsonObject(req.body));
  FieldReader f(body);
  f.rejectUnknown({"grantee", "scope", "steps", "valid_from", "valid_until"});
  mandates::CreateRequest r;
  if (const json::object* g = f.object("grantee", true)) {
    FieldReader gr(*g, "grantee");
    gr.rejectUnknown({"email", "name", "id_number", "phone"});
    r.granteeEmail = gr.string("email", false, 254).value_or("");
    r.granteeName = gr.string("name", false, 100).value_or("");
    r.granteeIdNumber = gr.string("id_number", false, 40).value_or("");
    r.granteePhone = gr.string("phone", false, 40).value_or("");
    for (auto& e : gr.errors()) f.errors().insert(e);
  }
  if (const json::object* s = f.object("scope", true)) {
    FieldReader sr(*s, "scope");
    sr.rejectUnknown({"items", "case_id"});
    r.items = Strings(*s, "items", "scope.items", sr);
    r.caseId = sr.integer("case_id", false, 1, INT64_MAX);
    for (auto& e : sr.errors()) f.errors().insert(e);
  }
  if (!body.contains("steps")) f.fail("steps", "required", "which steps");
  r.steps = Strings(body, "steps", "steps", f);
  r.validFrom = f.string("valid_from", true, 10).value_or("");
  r.validUntil = f.string("valid_until", true, 10).value_or("");
  TB_RETURN_IF_ERROR(f.status());
  TB_ASSIGN_OR_RETURN(mandates::Created c, d.mandates.create(ActorOf(p, req), r));
  json::object out{{"mandate", std::move(c.mandate)}};
  if (!c.claimCode.empty()) out["claim_code"] = c.claimCode;
  return Response::Json(201, out);
}

Result<Response> Mine(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(accounts::Principal p, Authenticate(d, req));
  TB_ASSIGN_OR_RETURN(json::object out, d.mandates.mine(ActorOf(p, req)));
  return Response::Json(200, out);
}

Result<Response> Get(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(Target t, CallerAndId(d, req, "authorisation"));
  TB_ASSIGN_OR_RETURN(json::object out, d.mandates.get(t.actor, t.id));
  return Response::Json(200, json::object{{"mandate", std::move(out)}});
}

//! The file is the body; `?kind=letter|id_document&filename=…`.
Result<Response> UploadEvidence(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(Target t, CallerAndId(d, req, "authorisation"));
  std::string kind = req.query.count("kind") ? req.query["kind"] : "";
  if (req.bodyFile.empty())
    return Status::InvalidField("body", "empty", "send the file as the request body");
  std::string filename = SafeFilename(req.query.count("filename") ? req.query["filename"] : "");
  TB_ASSIGN_OR_RETURN(json::object out,
                      d.mandates.uploadEvidence(t.actor, t.id, kind, filename, req.bodyFile));
  return Response::Json(201, json::object{{"mandate", std::move(out)}});
}

Result<Response> Evidence(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(Target t, CallerAndId(d, req, "authorisation"));
  TB_ASSIGN_OR_RETURN(mandates::EvidenceFile file,
                      d.mandates.evidence(t.actor, t.id, req.params["kind"]));
  Response resp;
  resp.contentType = file.mime;
  resp.file = file.path;
  resp.headers.emplace_back("Content-Disposition",
                            "inline; filename=\"" + SafeFilename(file.filename) + "\"");
  resp.headers.emplace_back("Cache-Control", "private, no-store");
  return resp;
}

Result<Response> Revoke(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(Target t, CallerAndId(d, req, "authorisation"));
  TB_ASSIGN_OR_RETURN(json::object out, d.mandates.revoke(t.actor, t.id));
  return Response::Json(200, json::object{{"mandate", std::move(out)}});
}

//! `{"code": "…", "id_number": "…"}`
Result<Response> Claim(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(accounts::Principal p, Authenticate(d, req));
  TB_ASSIGN_OR_RETURN(json::object body, ParseJsonObject(req.body));
  FieldReader f(body);
  f.rejectUnknown({"code", "id_number"});
  auto code = f.string("code", true, 20, 1);
  auto idNumber = f.string("id_number", true, 40, 1);
  TB_RETURN_IF_ERROR(f.status());
  TB_ASSIGN_OR_RETURN(json::object out, d.mandates.claim(ActorOf(p, req), *code, *idNumber));
  return Response::Json(200, json::object{{"mandate", std::move(out)}});
}

Result<Response> Pending(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(accounts::Principal p, Authenticate(d, req));
  TB_ASSIGN_OR_RETURN(json::array out, d.mandates.pending(ActorOf(p, req)));
  return Response::Json(200, json::object{{"mandates", std::move(out)}});
}

//! `{"approve": true|false, "note": "…"}` (a refusal says why)
Result<Response> Check(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(Target t, CallerAndId(d, req, "authorisation"));
  TB_ASSIGN_OR_RETURN(json::object body, ParseJsonObject(req.body));
  FieldReader f(body);
  f.rejectUnknown({"approve", "note"});
  auto approve = f.boolean("approve", true);
  auto note = f.string("note", false, 2000);
  TB_RETURN_IF_ERROR(f.status());
  TB_ASSIGN_OR_RETURN(json::object out,
                      d.mandates.check(t.actor, t.id, *approve, note.value_or("")));
  return Response::Json(200, json::object{{"mandate", std::move(out)}});
}

}  // namespace

void RegisterMandateRoutes(http::Router& r, ApiDeps& d) {
  using bhttp::verb;
  static constexpr ApiRoute kRoutes[] = {
      {verb::post, "/api/v1/mandates", BodyKind::kJson, Create, 8 * 1024},
      {verb::get, "/api/v1/mandates", BodyKind::kNone, Mine},
      {verb::post, "/api/v1/mandates/claim", BodyKind::kJson, Claim, 1024},
      {verb::get, "/api/v1/mandate-checks", BodyKind::kNone, Pending},
      {verb::get, "/api/v1/mandates/:id", BodyKind::kNone, Get},
      {verb::post, "/api/v1/mandates/:id/evidence", BodyKind::kFile, UploadEvidence},
      {verb::get, "/api/v1/mandates/:id/evidence/:kind", BodyKind::kNone, Evidence},
      {verb::post, "/api/v1/mandates/:id/revoke", BodyKind::kJson, Revoke, 1024},
      {verb::post, "/api/v1/mandates/:id/check", BodyKind::kJson, Check, 4 * 1024},
  };
  AddRoutes(r, d, kRoutes);
}

}  // namespace tongban::api
