// Delivery of a case's result: the applicant's choice, staff's steps (posting, tracking events,
// returns, home delivery), the hand-over against a pickup code, and carriers' signed pushes.
// Every answer but the carrier's is the case as the caller sees it (its `delivery` member).

#include <algorithm>
#include <charconv>

#include "api/routes.h"
#include "common/crypto.h"

namespace tongban::api {

using http::BodyKind;
using http::Request;
using http::Response;
namespace bhttp = boost::beast::http;

namespace {

//! How old a carrier's push may be: a captured request cannot be replayed later than this.
constexpr int64_t kCarrierClockSkewSeconds = 300;

Result<Response> CaseAnswer(ApiDeps& d, const Target& t) {
  TB_ASSIGN_OR_RETURN(json::object out, d.cases.get(t.actor, t.id));
  return Response::Json(200, json::object{{"case", std::move(out)}});
}

bool IsName(const std::string& s, size_t min, size_t max, bool upper) {
  if (s.size() < min || s.size() > max) return false;
  for (char ch : s) {
    bool ok = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' ||
              (upper && ch >= 'A' && ch <= 'Z');
    if (!ok) return false;
  }
  return true;
}

Result<Response> Choose(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(Target t, CallerAndId(d, req, "case"));
  TB_ASSIGN_OR_RETURN(json::object body, ParseJsonObject(req.body));
  FieldReader f(body);
  f.rejectUnknown({"option", "site_unit_id", "address", "needs_home_delivery"});
  auto option = f.string("option", true, 20, 1);
  auto site = f.integer("site_unit_id", false, 1, INT64_MAX);
  const json::object* address = f.object("address", false);
  auto home = f.boolean("needs_home_delivery", false);
  TB_RETURN_IF_ERROR(f.status());
  delivery::ChooseRequest cr;
  cr.option = *option;
  cr.siteUnitId = site;
  if (address) cr.address = *address;
  cr.needsHomeDelivery = home.value_or(false);
  TB_RETURN_IF_ERROR(d.delivery.choose(t.actor, t.id, cr));
  return CaseAnswer(d, t);
}

Result<Response> Dispatch(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(Target t, CallerAndId(d, req, "case"));
  TB_ASSIGN_OR_RETURN(json::object body, ParseJsonObject(req.body));
  FieldReader f(body);
  f.rejectUnknown({"carrier", "tracking_no"});
  auto carrier = f.string("carrier", true, 32, 2);
  auto tracking = f.string("tracking_no", true, 40, 4);
  if (carrier && !IsName(*carrier, 2, 32, false))
    f.fail("carrier", "format", "lower-case letters, digits and '-', e.g. poste-italiane");
  if (tracking && !IsName(*tracking, 4, 40, true))
    f.fail("tracking_no", "format", "letters, digits and '-'");
  TB_RETURN_IF_ERROR(f.status());
  TB_RETURN_IF_ERROR(d.delivery.dispatch(t.actor, t.id, *carrier, *tracking));
  return CaseAnswer(d, t);
}

Result<Response> AddEvent(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(Target t, CallerAndId(d, req, "case"));
  TB_ASSIGN_OR_RETURN(json::object body, ParseJsonObject(req.body));
  FieldReader f(body);
  f.rejectUnknown({"kind", "note", "location"});
  auto kind = f.string("kind", true, 20, 1);
  auto note = f.string("note", false, 500);
  auto location = f.string("location", false, 100);
  TB_RETURN_IF_ERROR(f.status());
  TB_RETURN_IF_ERROR(
      d.delivery.addEvent(t.actor, t.id, {*kind, note.value_or(""), location.value_or(""), ""}));
  return CaseAnswer(d, t);
}

Result<Response> HandOver(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(Target t, CallerAndId(d, req, "case"));
  TB_ASSIGN_OR_RETURN(json::object body, ParseJsonObject(req.body));
  FieldReader f(body);
  f.rejectUnknown({"code", "note", "mandate_id"});
  auto code = f.string("code", true, 8, 8);
  auto note = f.string("note", false, 2000);
  // Handed over to a proxy who collects under a power of attorney (it must grant `collect`).
  auto mandateId = f.integer("mandate_id", false, 1, INT64_MAX);
  if (code && !std::all_of(code->begin(), code->end(), [](char c) { return c >= '0' && c <= '9'; }))
    f.fail("code", "format", "8 digits");
  TB_RETURN_IF_ERROR(f.status());
  // The check commits on its own first, so a wrong code is counted even though it refuses.
  TB_RETURN_IF_ERROR(d.delivery.verifyCode(t.actor, t.id, *code));
  // Then the hand-over and `deliver` in one transaction: the code is used exactly when the case
  // becomes delivered (a second use finds it used).
  TB_ASSIGN_OR_RETURN(json::object out,
                      d.cases.transition(t.actor, t.id, "deliver", note.value_or(""), std::nullopt,
                                         "", "", [&](db::Transaction& tx, const db::CaseRow& c) {
                                           if (mandateId) {
                                             auto use = d.mandates.use(tx, t.actor, *mandateId, c,
                                                                       "collect", "handover", "");
                                             if (!use.ok()) return use.status();
                                           }
                                           return d.delivery.handOverIn(tx, t.actor, c, *code);
                                         }));
  return Response::Json(200, json::object{{"case", std::move(out)}});
}

Result<Response> Received(ApiDeps& d, Request& req) {
  // A proxy may confirm the post arrived when the mandate grants sign_delivery.
  TB_ASSIGN_OR_RETURN(Actor actor, ActingCaller(d, req));
  auto id = IdParam(req, "id");
  if (!id) return Status::NotFound("case not found");
  TB_RETURN_IF_ERROR(ProxyStep(d, actor, *id, "sign_delivery"));
  struct {
    Actor actor;
    int64_t id;
  } t{std::move(actor), *id};
  TB_ASSIGN_OR_RETURN(json::object body, ParseJsonObject(req.body));
  FieldReader f(body);
  f.rejectUnknown({"note"});
  auto note = f.string("note", false, 2000);
  TB_RETURN_IF_ERROR(f.status());
  TB_ASSIGN_OR_RETURN(json::object out,
                      d.cases.transition(t.actor, t.id, "deliver", note.value_or(""), std::nullopt,
                                         "", "", [&](db::Transaction& tx, const db::CaseRow& c) {
                                           return d.delivery.receivedIn(tx, t.actor, c);
                                         }));
  if (t.actor.proxy)
    TB_RETURN_IF_ERROR(d.mandates.noteUse(t.actor, t.id, "sign_delivery", "received", ""));
  return Response::Json(200, json::object{{"case", std::move(out)}});
}

Result<std::string> NoteOnly(Request& req) {
  TB_ASSIGN_OR_RETURN(json::object body, ParseJsonObject(req.body));
  FieldReader f(body);
  f.rejectUnknown({"note"});
  auto note = f.string("note", false, 500);
  TB_RETURN_IF_ERROR(f.status());
  return note.value_or("");
}

Result<Response> Returned(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(Target t, CallerAndId(d, req, "case"));
  TB_ASSIGN_OR_RETURN(std::string note, NoteOnly(req));
  TB_RETURN_IF_ERROR(d.delivery.markReturned(t.actor, t.id, note));
  return CaseAnswer(d, t);
}

Result<Response> Resend(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(Target t, CallerAndId(d, req, "case"));
  TB_ASSIGN_OR_RETURN(std::string note, NoteOnly(req));
  TB_RETURN_IF_ERROR(d.delivery.resend(t.actor, t.id, note));
  return CaseAnswer(d, t);
}

Result<Response> Assign(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(Target t, CallerAndId(d, req, "case"));
  TB_ASSIGN_OR_RETURN(json::object body, ParseJsonObject(req.body));
  FieldReader f(body);
  f.rejectUnknown({"user_id"});
  auto user = f.integer("user_id", true, 1, INT64_MAX);
  TB_RETURN_IF_ERROR(f.status());
  TB_RETURN_IF_ERROR(d.delivery.assign(t.actor, t.id, *user));
  return CaseAnswer(d, t);
}

Result<Response> Officers(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(Target t, CallerAndId(d, req, "case"));
  TB_ASSIGN_OR_RETURN(json::array out, d.delivery.officers(t.actor, t.id));
  return Response::Json(200, json::object{{"officers", std::move(out)}});
}

//! A carrier's tracking event. Signed: `X-Carrier-Signature: sha256=<hex HMAC-SHA256>` with the
//! carrier's shared secret over `<X-Carrier-Timestamp>.<raw body>`, the timestamp in Unix
//! seconds and at most five minutes from now either way. Signing the timestamp with the body
//! is what makes the window a replay protection; event ids are applied once on top of it.
Result<Response> CarrierEvent(ApiDeps& d, Request& req) {
  const std::string& carrier = req.params["carrier"];
  auto secret = d.options.carrierSecrets.find(carrier);
  std::string signature = req.header("X-Carrier-Signature");
  std::string stamp = req.header("X-Carrier-Timestamp");
  // An unknown carrier reads like a bad signature: nothing tells a prober which names exist.
  if (secret == d.options.carrierSecrets.end() || signature.empty() || stamp.empty())
    return Status::Unauthenticated("signed carrier requests only");
  int64_t at = 0;
  auto [p, ec] = std::from_chars(stamp.data(), stamp.data() + stamp.size(), at);
  if (ec != std::errc() || p != stamp.data() + stamp.size())
    return Status(StatusCode::kUnauthenticated, "bad timestamp",
                  {{"X-Carrier-Timestamp", {"format", "Unix seconds"}}});
  std::string expected = "sha256=" + crypto::HmacSha256Hex(secret->second, stamp + "." + req.body);
  if (!crypto::ConstantTimeEquals(expected, signature))
    return Status::Unauthenticated("bad signature");
  int64_t now =
      std::chrono::duration_cast<std::chrono::seconds>(d.clock.now().time_since_epoch()).count();
  if (at < now - kCarrierClockSkewSeconds || at > now + kCarrierClockSkewSeconds)
    return Status(StatusCode::kUnauthenticated, "the request is too old or from the future",
                  {{"X-Carrier-Timestamp", {"stale", "must be within 5 minutes of now"}}});
  TB_ASSIGN_OR_RETURN(json::object body, ParseJsonObject(req.body));
  FieldReader f(body);
  f.rejectUnknown({"id", "tracking_no", "kind", "note", "location"});
  auto id = f.string("id", true, 100, 1);
  auto tracking = f.string("tracking_no", true, 40, 4);
  auto kind = f.string("kind", true, 20, 1);
  auto note = f.string("note", false, 500);
  auto location = f.string("location", false, 100);
  TB_RETURN_IF_ERROR(f.status());
  Actor actor = AnonymousActor(req);
  actor.role = "system";
  TB_ASSIGN_OR_RETURN(bool applied, d.delivery.carrierEvent(
                                        actor, carrier, *tracking,
                                        {*kind, note.value_or(""), location.value_or(""), *id}));
  return Response::Json(200, json::object{{"applied", applied}});
}

}  // namespace

void RegisterDeliveryRoutes(http::Router& r, ApiDeps& d) {
  using bhttp::verb;
  static constexpr ApiRoute kRoutes[] = {
      {verb::post, "/api/v1/cases/:id/delivery", BodyKind::kJson, Choose, 8 * 1024},
      {verb::post, "/api/v1/cases/:id/delivery/dispatch", BodyKind::kJson, Dispatch, 1024},
      {verb::post, "/api/v1/cases/:id/delivery/events", BodyKind::kJson, AddEvent, 4 * 1024},
      {verb::post, "/api/v1/cases/:id/delivery/handover", BodyKind::kJson, HandOver, 4 * 1024},
      {verb::post, "/api/v1/cases/:id/delivery/received", BodyKind::kJson, Received, 4 * 1024},
      {verb::post, "/api/v1/cases/:id/delivery/returned", BodyKind::kJson, Returned, 4 * 1024},
      {verb::post, "/api/v1/cases/:id/delivery/resend", BodyKind::kJson, Resend, 4 * 1024},
      {verb::post, "/api/v1/cases/:id/delivery/assignee", BodyKind::kJson, Assign, 1024},
      {verb::get, "/api/v1/cases/:id/delivery/officers", BodyKind::kNone, Officers},
      {verb::post, "/api/v1/carriers/:carrier/events", BodyKind::kJson, CarrierEvent, 8 * 1024},
  };
  AddRoutes(r, d, kRoutes);
}

}  // namespace tongban::api
