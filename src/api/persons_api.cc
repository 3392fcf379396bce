// Acting for others at a desk and in the family: the family members a person had verified on a
// video call (to name them in applications), and the consent a person gives, with a one-time
// code, for a liaison or window officer to submit an application for them.

#include "api/routes.h"
#include "identity/persons.h"

namespace tongban::api {

using http::BodyKind;
using http::Request;
using http::Response;
namespace bhttp = boost::beast::http;

namespace {

Result<Response> MyPersons(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(accounts::Principal p, Authenticate(d, req));
  TB_ASSIGN_OR_RETURN(json::array out, d.persons.mine(ActorOf(p, req)));
  return Response::Json(200, json::object{{"persons", std::move(out)}});
}

//! `{"email": "…", "item_code": "EE-001"}`: sends the person a code to read out.
Result<Response> RequestConsent(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(accounts::Principal p, Authenticate(d, req));
  TB_ASSIGN_OR_RETURN(json::object body, ParseJsonObject(req.body));
  FieldReader f(body);
  f.rejectUnknown({"email", "item_code"});
  auto email = f.string("email", true, 254, 3);
  auto code = f.string("item_code", true, 20, 1);
  TB_RETURN_IF_ERROR(f.status());
  TB_ASSIGN_OR_RETURN(json::object out, d.persons.requestConsent(ActorOf(p, req), *email, *code));
  return Response::Json(201, json::object{{"consent", std::move(out)}});
}

//! `{"code": "123456"}`
Result<Response> ConfirmConsent(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(Target t, CallerAndId(d, req, "consent"));
  TB_ASSIGN_OR_RETURN(json::object body, ParseJsonObject(req.body));
  FieldReader f(body);
  f.rejectUnknown({"code"});
  auto code = f.string("code", true, 20, 1);
  TB_RETURN_IF_ERROR(f.status());
  TB_ASSIGN_OR_RETURN(json::object out, d.persons.confirmConsent(t.actor, t.id, *code));
  return Response::Json(200, json::object{{"consent", std::move(out)}});
}

Result<Response> GetConsent(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(Target t, CallerAndId(d, req, "consent"));
  TB_ASSIGN_OR_RETURN(json::object out, d.persons.consent(t.actor, t.id));
  return Response::Json(200, json::object{{"consent", std::move(out)}});
}

}  // namespace

void RegisterPersonRoutes(http::Router& r, ApiDeps& d) {
  using bhttp::verb;
  static constexpr ApiRoute kRoutes[] = {
      {verb::get, "/api/v1/persons", BodyKind::kNone, MyPersons},
      {verb::post, "/api/v1/assist/consents", BodyKind::kJson, RequestConsent, 2 * 1024},
      {verb::get, "/api/v1/assist/consents/:id", BodyKind::kNone, GetConsent},
      {verb::post, "/api/v1/assist/consents/:id/confirm", BodyKind::kJson, ConfirmConsent, 1024},
  };
  AddRoutes(r, d, kRoutes);
}

}  // namespace tongban::api
