// Special handling of cases: the green channel (asking for expedited handling, the duty
// supervisors' decisions) and the difficult-case team (hand-over, its queue, shared notes).

#include "api/routes.h"

namespace tongban::api {

using http::BodyKind;
using http::Request;
using http::Response;
namespace bhttp = boost::beast::http;

namespace {

Result<Response> CaseAnswer(ApiDeps& d, const Target& t, json::object extra = {}) {
  TB_ASSIGN_OR_RETURN(json::object out, d.cases.get(t.actor, t.id));
  unsigned status = extra.contains("request") ? 201 : 200;  // a request was made
  extra["case"] = std::move(out);
  return Response::Json(status, std::move(extra));
}

//! `{"category": "bereavement", "explanation": "…", "evidence_document_ids": [12]}`
Result<Response> RequestGreenChannel(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(Target t, CallerAndId(d, req, "case"));
  TB_ASSIGN_OR_RETURN(json::object body, ParseJsonObject(req.body));
  FieldReader f(body);
  f.rejectUnknown({"category", "explanation", "evidence_document_ids"});
  auto category = f.string("category", true, 40);
  auto explanation = f.string("explanation", true, 2000, 0);
  priority::GreenChannelRequest r;
  const json::value* ids = body.if_contains("evidence_document_ids");
  if (!ids) {
    f.fail("evidence_document_ids", "required", "upload at least one piece of evidence");
  } else if (!ids->is_array()) {
    f.fail("evidence_document_ids", "type", "must be an array of document ids");
  } else {
    for (const auto& id : ids->as_array()) {
      if (!id.is_int64() || id.as_int64() < 1) {
        f.fail("evidence_document_ids", "type", "must be an array of document ids");
        break;
      }
      r.evidenceDocumentIds.push_back(id.as_int64());
    }
  }
  TB_RETURN_IF_ERROR(f.status());
  r.category = *category;
  r.explanation = *explanation;
  TB_ASSIGN_OR_RETURN(json::object request, d.greenChannel->request(t.actor, t.id, r));
  return CaseAnswer(d, t, {{"request", std::move(request)}});
}

Result<Response> PendingGreenChannel(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(accounts::Principal p, Authenticate(d, req));
  TB_ASSIGN_OR_RETURN(json::array out, d.greenChannel->pending(ActorOf(p, req)));
  return Response::Json(200, json::object{{"requests", std::move(out)}});
}

//! `{"outcome": "approve" | "refuse", "reason": "…"}` (a reason is required to refuse)
Result<Response> DecideGreenChannel(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(Target t, CallerAndId(d, req, "request"));
  TB_ASSIGN_OR_RETURN(json::object body, ParseJsonObject(req.body));
  FieldReader f(body);
  f.rejectUnknown({"outcome", "reason"});
  auto outcome = f.string("outcome", true, 10);
  auto reason = f.string("reason", false, 1000, 0);
  if (outcome && *outcome != "approve" && *outcome != "refuse")
    f.fail("outcome", "option", "must be approve or refuse");
  TB_RETURN_IF_ERROR(f.status());
  TB_ASSIGN_OR_RETURN(json::object out, d.greenChannel->decide(t.actor, t.id, *outcome == "approve",
                                                               reason.value_or("")));
  return Response::Json(200, json::object{{"request", std::move(out)}});
}

//! `{"reason": "…"}`: internal, never shown to the applicant.
Result<Response> HandOver(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(Target t, CallerAndId(d, req, "case"));
  TB_ASSIGN_OR_RETURN(json::object body, ParseJsonObject(req.body));
  FieldReader f(body);
  f.rejectUnknown({"reason"});
  auto reason = f.string("reason", true, 1000);
  TB_RETURN_IF_ERROR(f.status());
  TB_RETURN_IF_ERROR(d.difficult->handOver(t.actor, t.id, *reason).status());
  return CaseAnswer(d, t);
}

Result<Response> TeamQueue(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(accounts::Principal p, Authenticate(d, req));
  TB_ASSIGN_OR_RETURN(json::array out, d.difficult->teamQueue(ActorOf(p, req)));
  return Response::Json(200, json::object{{"cases", std::move(out)}});
}

//! `{"text": "…"}`
Result<Response> AddNote(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(Target t, CallerAndId(d, req, "case"));
  TB_ASSIGN_OR_RETURN(json::object body, ParseJsonObject(req.body));
  FieldReader f(body);
  f.rejectUnknown({"text"});
  auto text = f.string("text", true, 2000);
  TB_RETURN_IF_ERROR(f.status());
  TB_ASSIGN_OR_RETURN(json::object note, d.difficult->addNote(t.actor, t.id, *text));
  return Response::Json(201, json::object{{"note", std::move(note)}});
}

}  // namespace

void RegisterPriorityRoutes(http::Router& r, ApiDeps& d) {
  using bhttp::verb;
  static constexpr ApiRoute kRoutes[] = {
      {verb::post, "/api/v1/cases/:id/green-channel", BodyKind::kJson, RequestGreenChannel,
       8 * 1024},
      {verb::get, "/api/v1/green-channel/requests", BodyKind::kNone, PendingGreenChannel},
      {verb::post, "/api/v1/green-channel/requests/:id/decision", BodyKind::kJson,
       DecideGreenChannel, 4 * 1024},
      {verb::post, "/api/v1/cases/:id/difficult", BodyKind::kJson, HandOver, 4 * 1024},
      {verb::get, "/api/v1/difficult-cases", BodyKind::kNone, TeamQueue},
      {verb::post, "/api/v1/cases/:id/notes", BodyKind::kJson, AddNote, 4 * 1024},
  };
  AddRoutes(r, d, kRoutes);
}

}  // namespace tongban::api
