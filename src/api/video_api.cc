// Appointments and supervised video identity sessions, including the WebSocket that relays
// WebRTC signalling between exactly the two participants of a session.

#include <charconv>

#include "api/routes.h"
#include "common/log.h"
#include "http/server.h"
#include "http/ws_hub.h"

namespace tongban::api {

using http::BodyKind;
using http::Request;
using http::Response;
namespace bhttp = boost::beast::http;
namespace asio = boost::asio;

namespace {

std::string Room(int64_t sessionId) { return "video:" + std::to_string(sessionId); }

bool Reconnecting(const json::object& session) {
  auto it = session.find("reconnecting");
  return it != session.end() && it->value().is_array() && !it->value().as_array().empty();
}

//! Every change of a session is pushed to both participants.
void Push(ApiDeps& d, int64_t sessionId, const json::object& session) {
  d.hub.broadcast(Room(sessionId),
                  json::serialize(json::object{{"type", "session"}, {"session", session}}));
}

//! While a live session waits for a side (or its video) to come back, a timer on the I/O
//! threads asks the service to void it once the grace period has run out, and pushes the
//! result to whoever is still connected.
void Watch(ApiDeps& d, int64_t sessionId, asio::any_io_executor io, asio::any_io_executor workers) {
  asio::co_spawn(
      io,
      [&d, sessionId, workers]() -> asio::awaitable<void> {
        asio::steady_timer timer(co_await asio::this_coro::executor);
        for (int round = 0; round < 1000; ++round) {
          auto due =
              co_await OnWorkers(workers, [&] { return d.video.expireInterruptions(sessionId); });
          if (!due.ok()) co_return;
          if (due->changed) Push(d, sessionId, *due->changed);
          if (!due->next) co_return;
          timer.expires_after(*due->next + std::chrono::milliseconds(50));
          boost::system::error_code ec;
          co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
          if (ec) co_return;
        }
      },
      asio::detached);
}

Result<Response> IceConfig(ApiDeps& d, Request&) {
  boost::system::error_code ec;
  json::value servers = json::parse(d.options.iceServersJson, ec);
  return Response::Json(
      200, json::object{{"ice_servers", ec || !servers.is_array() ? json::array() : servers}});
}

Result<Response> PublishSlots(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(accounts::Principal p, Authenticate(d, req));
  TB_ASSIGN_OR_RETURN(json::object body, ParseJsonObject(req.body));
  FieldReader f(body);
  f.rejectUnknown({"unit_id", "kind", "starts_at", "duration_minutes", "count", "care"});
  identity::PublishRequest pr;
  pr.unitId = f.integer("unit_id", false, 1, INT64_MAX);
  auto kind = f.string("kind", true, 10, 1);
  auto starts = f.string("starts_at", true, 40, 1);
  auto duration = f.integer("duration_minutes", false, 1, 100000);
  auto count = f.integer("count", false, 1, 100000);
  auto care = f.boolean("care", false);
  TB_RETURN_IF_ERROR(f.status());
  pr.kind = *kind;
  pr.startsAt = *starts;
  pr.durationMinutes = int(duration.value_or(20));
  pr.count = int(count.value_or(1));
  pr.care = care.value_or(false);
  TB_ASSIGN_OR_RETURN(json::array out, d.appointments.publish(ActorOf(p, req), pr));
  return Response::Json(201, json::object{{"slots", out}});
}

Result<Response> Slots(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(accounts::Principal p, Authenticate(d, req));
  std::optional<int64_t> unit;
  if (req.query.count("unit") && !req.query["unit"].empty()) {
    int64_t v = 0;
    const auto& s = req.query["unit"];
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || ptr != s.data() + s.size() || v <= 0)
      return Status::InvalidField("unit", "type", "must be a unit id");
    unit = v;
  }
  TB_ASSIGN_OR_RETURN(json::array out,
                      d.appointments.slots(ActorOf(p, req), unit, req.query["kind"],
                                           req.query["from"], req.query["to"]));
  return Response::Json(200, json::object{{"slots", out}});
}

Result<Response> Appointments(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(accounts::Principal p, Authenticate(d, req));
  TB_ASSIGN_OR_RETURN(json::array out, d.appointments.list(ActorOf(p, req)));
  return Response::Json(200, json::object{{"appointments", out}});
}

Result<Response> Book(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(accounts::Principal p, Authenticate(d, req));
  TB_ASSIGN_OR_RETURN(json::object body, ParseJsonObject(req.body));
  FieldReader f(body);
  f.rejectUnknown({"slot_id", "case_id", "care"});
  auto slot = f.integer("slot_id", true, 1, INT64_MAX);
  auto caseId = f.integer("case_id", false, 1, INT64_MAX);
  auto care = f.boolean("care", false);
  TB_RETURN_IF_ERROR(f.status());
  TB_ASSIGN_OR_RETURN(json::object out,
                      d.appointments.book(ActorOf(p, req), *slot, caseId, care.value_or(false)));
  return Response::Json(201, json::object{{"appointment", out}});
}

Result<Response> Reschedule(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(Target t, CallerAndId(d, req, "appointment"));
  TB_ASSIGN_OR_RETURN(json::object body, ParseJsonObject(req.body));
  FieldReader f(body);
  f.rejectUnknown({"slot_id", "care"});
  auto slot = f.integer("slot_id", true, 1, INT64_MAX);
  auto care = f.boolean("care", false);
  TB_RETURN_IF_ERROR(f.status());
  TB_ASSIGN_OR_RETURN(json::object out,
                      d.appointments.reschedule(t.actor, t.id, *slot, care.value_or(false)));
  return Response::Json(200, json::object{{"appointment", out}});
}

Result<Response> CancelAppointment(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(Target t, CallerAndId(d, req, "appointment"));
  TB_ASSIGN_OR_RETURN(json::object out, d.appointments.cancel(t.actor, t.id));
  return Response::Json(200, json::object{{"appointment", out}});
}

Result<Response> JoinSession(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(Target t, CallerAndId(d, req, "appointment"));
  TB_ASSIGN_OR_RETURN(json::object body, ParseJsonObject(req.body));
  FieldReader f(body);
  f.rejectUnknown({"subject", "person", "mandate_id"});
  auto subject = f.string("subject", false, 20);
  const json::object* person = f.object("person", false);
  auto mandateId = f.integer("mandate_id", false, 1, INT64_MAX);
  TB_RETURN_IF_ERROR(f.status());
  TB_ASSIGN_OR_RETURN(
      json::object out,
      d.video.join(t.actor, t.id, subject.value_or("self"),
                   person ? std::optional<json::object>(*person) : std::nullopt, mandateId));
  return Response::Json(200, json::object{{"session", out}});
}

Result<Response> GetSession(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(Target t, CallerAndId(d, req, "session"));
  TB_ASSIGN_OR_RETURN(json::object out, d.video.get(t.actor, t.id));
  return Response::Json(200, json::object{{"session", out}});
}

// Officer and applicant actions on a session; each answer is also pushed to both sides.
// `call` reads its fields from the reader and calls the service only when they are all valid;
// field errors (unknown keys included) answer before the service's own.
template <typename Call>
Result<Response> SessionAction(ApiDeps& d, Request& req,
                               std::initializer_list<std::string_view> allowed, Call call) {
  TB_ASSIGN_OR_RETURN(Target t, CallerAndId(d, req, "session"));
  TB_ASSIGN_OR_RETURN(json::object body, ParseJsonObject(req.body));
  FieldReader f(body);
  for (const auto& kv : body)
    if (std::find(allowed.begin(), allowed.end(), kv.key()) == allowed.end())
      f.fail(kv.key(), "unknown", "is not a known field");
  Result<json::object> out = call(t.actor, t.id, f);
  TB_RETURN_IF_ERROR(f.status());
  TB_ASSIGN_OR_RETURN(json::object session, std::move(out));
  Push(d, t.id, session);
  return Response::Json(200, json::object{{"session", session}});
}

Result<Response> Challenge(ApiDeps& d, Request& req) {
  return SessionAction(d, req, {},
                       [&d](const Actor& a, int64_t id, FieldReader& f) -> Result<json::object> {
                         if (!f.ok()) return json::object{};
                         return d.video.challenge(a, id);
                       });
}

Result<Response> ChallengeResult(ApiDeps& d, Request& req) {
  return SessionAction(d, req, {"challenge_id", "passed"},
                       [&d](const Actor& a, int64_t id, FieldReader& f) -> Result<json::object> {
                         auto cid = f.string("challenge_id", true, 80, 1);
                         auto passed = f.boolean("passed", true);
                         if (!f.ok()) return json::object{};
                         return d.video.challengeResult(a, id, *cid, *passed);
                       });
}

Result<Response> Checklist(ApiDeps& d, Request& req) {
  return SessionAction(d, req, {"document_matches", "face_matches", "present"},
                       [&d](const Actor& a, int64_t id, FieldReader& f) -> Result<json::object> {
                         auto doc = f.boolean("document_matches", true);
                         auto face = f.boolean("face_matches", true);
                         const json::object* present = f.object("present", false);
                         if (!f.ok()) return json::object{};
                         return d.video.checklist(
                             a, id, *doc, *face,
                             present ? std::optional<json::object>(*present) : std::nullopt);
                       });
}

Result<Response> Mrz(ApiDeps& d, Request& req) {
  return SessionAction(d, req, {"line1", "line2"},
                       [&d](const Actor& a, int64_t id, FieldReader& f) -> Result<json::object> {
                         auto l1 = f.string("line1", true, 44, 1);
                         auto l2 = f.string("line2", true, 44, 1);
                         if (!f.ok()) return json::object{};
                         return d.video.mrz(a, id, *l1, *l2);
                       });
}

Result<Response> Coercion(ApiDeps& d, Request& req) {
  return SessionAction(d, req, {"note"},
                       [&d](const Actor& a, int64_t id, FieldReader& f) -> Result<json::object> {
                         auto note = f.string("note", false, 1000);
                         if (!f.ok()) return json::object{};
                         return d.video.coercion(a, id, note.value_or(""));
                       });
}

Result<Response> Recording(ApiDeps& d, Request& req) {
  return SessionAction(d, req, {"on"},
                       [&d](const Actor& a, int64_t id, FieldReader& f) -> Result<json::object> {
                         auto on = f.boolean("on", true);
                         if (!f.ok()) return json::object{};
                         return d.video.recording(a, id, *on);
                       });
}

Result<Response> Consent(ApiDeps& d, Request& req) {
  return SessionAction(d, req, {"granted"},
                       [&d](const Actor& a, int64_t id, FieldReader& f) -> Result<json::object> {
                         auto granted = f.boolean("granted", true);
                         if (!f.ok()) return json::object{};
                         return d.video.consent(a, id, *granted);
                       });
}

Result<Response> HangUp(ApiDeps& d, Request& req) {
  return SessionAction(d, req, {},
                       [&d](const Actor& a, int64_t id, FieldReader& f) -> Result<json::object> {
                         if (!f.ok()) return json::object{};
                         return d.video.hangUp(a, id);
                       });
}

Result<Response> Decide(ApiDeps& d, Request& req) {
  return SessionAction(d, req, {"approve", "note"},
                       [&d](const Actor& a, int64_t id, FieldReader& f) -> Result<json::object> {
                         auto approve = f.boolean("approve", true);
                         auto note = f.string("note", false, 2000);
                         if (!f.ok()) return json::object{};
                         return d.video.decide(a, id, *approve, note.value_or(""));
                       });
}

//! The WebSocket's admission check, run as an ordinary request before the upgrade.
Result<Response> SignalCheck(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(accounts::Principal p, Authenticate(d, req));
  TB_RETURN_IF_ERROR(CheckSameOrigin(req));
  auto id = IdParam(req, "id");
  if (!id) return Status::NotFound("session not found");
  TB_ASSIGN_OR_RETURN(std::string role, d.video.roleIn(ActorOf(p, req), *id));
  return Response::Json(200, json::object{{"role", role}});
}

}  // namespace

void RegisterVideoRoutes(http::Router& r, ApiDeps& d) {
  using bhttp::verb;
  constexpr size_t kAction = 8 * 1024;
  static constexpr ApiRoute kRoutes[] = {
      {verb::get, "/api/v1/config/ice", BodyKind::kNone, IceConfig},
      {verb::post, "/api/v1/slots", BodyKind::kJson, PublishSlots, 4 * 1024},
      {verb::get, "/api/v1/slots", BodyKind::kNone, Slots},
      {verb::get, "/api/v1/appointments", BodyKind::kNone, Appointments},
      {verb::post, "/api/v1/appointments", BodyKind::kJson, Book, 4 * 1024},
      {verb::post, "/api/v1/appointments/:id/reschedule", BodyKind::kJson, Reschedule, 4 * 1024},
      {verb::post, "/api/v1/appointments/:id/cancel", BodyKind::kJson, CancelAppointment, 1024},
      {verb::post, "/api/v1/appointments/:id/session", BodyKind::kJson, JoinSession, 1024},
      {verb::get, "/api/v1/video/sessions/:id", BodyKind::kNone, GetSession},
      {verb::post, "/api/v1/video/sessions/:id/challenges", BodyKind::kJson, Challenge, kAction},
      {verb::post, "/api/v1/video/sessions/:id/challenge-results", BodyKind::kJson, ChallengeResult,
       kAction},
      {verb::post, "/api/v1/video/sessions/:id/checklist", BodyKind::kJson, Checklist, kAction},
      {verb::post, "/api/v1/video/sessions/:id/mrz", BodyKind::kJson, Mrz, kAction},
      {verb::post, "/api/v1/video/sessions/:id/coercion", BodyKind::kJson, Coercion, kAction},
      {verb::post, "/api/v1/video/sessions/:id/recording", BodyKind::kJson, Recording, kAction},
      {verb::post, "/api/v1/video/sessions/:id/consent", BodyKind::kJson, Consent, kAction},
      {verb::post, "/api/v1/video/sessions/:id/hangup", BodyKind::kJson, HangUp, kAction},
      {verb::post, "/api/v1/video/sessions/:id/decision", BodyKind::kJson, Decide, kAction},
  };
  AddRoutes(r, d, kRoutes);

  // Signalling. The check runs as an ordinary request: signed in, a participant, and (for
  // browsers) from our own origin, since cookies travel with cross-site WebSocket requests.
  r.addWebSocket(
      "/api/v1/video/sessions/:id/signal",
      [&d](Request& req) {
        Result<Response> answer = SignalCheck(d, req);
        if (!answer.ok()) return StatusResponse(answer.status(), req);
        return std::move(answer).value();
      },
      [&d](Request req, boost::beast::tcp_stream stream,
           bhttp::request<bhttp::empty_body> upgrade) -> asio::awaitable<void> {
        auto workers = req.workers;
        auto principal = co_await OnWorkers(workers, [&] { return Authenticate(d, req); });
        auto id = IdParam(req, "id");
        if (!principal.ok() || !id) co_return;
        Actor actor = ActorOf(*principal, req);
        auto peer =
            co_await http::AcceptWebSocket(std::move(stream), upgrade, 64 * 1024, d.hub.timeouts());
        if (!peer) co_return;
        boost::system::error_code ec;
        auto joined = co_await OnWorkers(workers, [&] { return d.video.connected(actor, *id); });
        if (!joined.ok()) co_return;
        auto role = co_await OnWorkers(workers, [&] { return d.video.roleIn(actor, *id); });
        std::string room = Room(*id);
        d.hub.join(room, role.ok() ? *role : "", peer);
        peer->send(
            json::serialize(json::object{{"type", "hello"}, {"role", role.ok() ? *role : ""}}));
        auto presence = [&] {
          json::object present{{"applicant", false}, {"officer", false}};
          for (const auto& r : d.hub.roles(room)) present[r] = true;
          d.hub.broadcast(
              room, json::serialize(json::object{{"type", "presence"}, {"present", present}}));
        };
        Push(d, *id, *joined);
        presence();
        // A side that comes back (perhaps before the server noticed its old connection die)
        // is announced, so the officer's browser negotiates fresh media with it.
        d.hub.sendToOthers(room, peer.get(),
                           json::serialize(json::object{{"type", "peer_joined"},
                                                        {"role", role.ok() ? *role : ""}}));
        auto io = co_await asio::this_coro::executor;
        for (;;) {
          boost::beast::flat_buffer buffer;
          co_await peer->stream().async_read(buffer, asio::redirect_error(asio::use_awaitable, ec));
          if (ec) break;
          std::string text = boost::beast::buffers_to_string(buffer.data());
          auto msg = ParseJsonObject(text);
          if (!msg.ok() || !msg->contains("type") || !msg->at("type").is_string()) continue;
          std::string type(msg->at("type").as_string());
          if (type == "ping") {
            // The browser's own check that this connection still works (it cannot see the
            // protocol-level pings).
            peer->send(R"({"type":"pong"})");
          } else if (type == "signal") {
            // SDP offers/answers and ICE candidates pass through untouched, to the other side only.
            d.hub.sendToOthers(room, peer.get(), text);
          } else if (type == "media") {
            FieldReader f(*msg);
            auto state = f.string("state", true, 20);
            auto w = f.integer("width", false, 0, 10000);
            auto h = f.integer("height", false, 0, 10000);
            auto frames = f.integer("frames", false, 0, INT64_MAX);
            if (!f.ok()) continue;
            auto s = co_await OnWorkers(workers, [&] {
              return d.video.media(actor, *id, *state, int(w.value_or(0)), int(h.value_or(0)),
                                   frames.value_or(0));
            });
            if (s.ok()) {
              Push(d, *id, *s);
              if (Reconnecting(*s)) Watch(d, *id, io, workers);
            }
          }
        }
        d.hub.leave(room, peer);
        auto left = co_await OnWorkers(workers, [&] { return d.video.disconnected(actor, *id); });
        if (left.ok()) {
          Push(d, *id, *left);
          if (Reconnecting(*left)) Watch(d, *id, io, workers);
        }
        presence();
      });
}

}  // namespace tongban::api
