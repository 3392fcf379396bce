// Consultations, FAQ, notifications, webhooks, and the per-user live WebSocket that pushes
// notifications and chat messages (and takes chat messages, as the REST endpoints do).

#include "access/access.h"
#include "api/routes.h"
#include "common/event_topics.h"
#include "http/server.h"
#include "http/ws_hub.h"

namespace tongban::api {

using http::BodyKind;
using http::Request;
using http::Response;
namespace bhttp = boost::beast::http;
namespace asio = boost::asio;

namespace {

Result<Response> SearchFaq(ApiDeps& d, Request& req) {
  std::string q = req.query["q"], item = req.query["item"];
  if (q.size() > 200) return Status::InvalidField("q", "too_long", "at most 200 bytes");
  TB_ASSIGN_OR_RETURN(
      auto out, item.empty() ? d.faq.search(q, 8, req.query["any"] == "1") : d.faq.forItem(item));
  return Response::Json(200, json::object{{"articles", out}});
}

Result<Response> CannedAnswers(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(auto p, Authenticate(d, req));
  if (access::IsApplicant(access::RoleOf(p.user))) return Status::PermissionDenied("for staff");
  TB_ASSIGN_OR_RETURN(auto out, d.consult.canned());
  return Response::Json(200, json::object{{"answers", out}});
}

Result<Response> Ask(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(auto p, Authenticate(d, req));
  TB_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req.body));
  FieldReader f(body);
  f.rejectUnknown({"topic", "item_code", "body"});
  auto topic = f.string("topic", true, 200, 1);
  auto item = f.string("item_code", false, 20);
  auto text = f.string("body", true, 4000, 1);
  TB_RETURN_IF_ERROR(f.status());
  return JsonAnswer(d.consult.ask(ActorOf(p, req), *topic, item.value_or(""), *text), req,
                    "consultation", 201);
}

Result<Response> ListConsultations(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(auto p, Authenticate(d, req));
  TB_ASSIGN_OR_RETURN(auto out, d.consult.list(ActorOf(p, req)));
  return Response::Json(200, json::object{{"consultations", out}});
}

Result<Response> GetConsultation(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(auto t, CallerAndId(d, req, "consultation"));
  return JsonAnswer(d.consult.get(t.actor, t.id), req, "consultation");
}

Result<Response> PostMessage(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(auto t, CallerAndId(d, req, "consultation"));
  TB_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req.body));
  FieldReader f(body);
  f.rejectUnknown({"body"});
  auto text = f.string("body", true, 4000, 1);
  TB_RETURN_IF_ERROR(f.status());
  return JsonAnswer(d.consult.post(t.actor, t.id, *text), req, "consultation");
}

Result<Response> Attach(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(auto t, CallerAndId(d, req, "consultation"));
  if (req.bodyFile.empty())
    return Status::InvalidField("body", "empty", "send the file as the body");
  std::string name =
      SafeFilename(req.query.count("filename") ? req.query["filename"] : "", "attachment");
  return JsonAnswer(d.consult.attach(t.actor, t.id, name, req.bodyFile), req, "consultation", 201);
}

Result<Response> Attachment(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(auto p, Authenticate(d, req));
  auto id = IdParam(req, "id");
  auto doc = IdParam(req, "doc");
  if (!id || !doc) return Status::NotFound("attachment not found");
  std::string mime;
  TB_ASSIGN_OR_RETURN(auto path, d.consult.attachment(ActorOf(p, req), *id, *doc, mime));
  Response resp;
  resp.contentType = mime;
  resp.file = path;
  resp.headers.emplace_back("Cache-Control", "private, no-store");
  return resp;
}

Result<Response> Take(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(auto t, CallerAndId(d, req, "consultation"));
  return JsonAnswer(d.consult.take(t.actor, t.id), req, "consultation");
}

Result<Response> Handover(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(auto t, CallerAndId(d, req, "consultation"));
  TB_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req.body));
  FieldReader f(body);
  f.rejectUnknown({"to_user_id"});
  auto to = f.integer("to_user_id", false, 1, INT64_MAX);
  TB_RETURN_IF_ERROR(f.status());
  return JsonAnswer(d.consult.handover(t.actor, t.id, to), req, "consultation");
}

Result<Response> Close(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(auto t, CallerAndId(d, req, "consultation"));
  TB_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req.body));
  FieldReader f(body);
  f.rejectUnknown({"score", "comment"});
  auto score = f.integer("score", false, 1, 5);
  auto comment = f.string("comment", false, 1000);
  TB_RETURN_IF_ERROR(f.status());
  std::optional<int> s;
  if (score) s = int(*score);
  return JsonAnswer(d.consult.close(t.actor, t.id, s, comment.value_or("")), req, "consultation");
}

Result<Response> SetDuty(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(auto p, Authenticate(d, req));
  TB_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req.body));
  FieldReader f(body);
  f.rejectUnknown({"on_duty"});
  auto on = f.boolean("on_duty", true);
  TB_RETURN_IF_ERROR(f.status());
  TB_RETURN_IF_ERROR(d.consult.setDuty(ActorOf(p, req), *on));
  return Response::Json(200, json::object{{"on_duty", *on}});
}

Result<Response> GetDuty(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(auto p, Authenticate(d, req));
  if (access::IsApplicant(access::RoleOf(p.user))) return Status::PermissionDenied("for staff");
  TB_ASSIGN_OR_RETURN(auto out, d.consult.onDutyNow());
  bool me = false;
  for (const auto& u : out) me = me || u.at("id").as_int64() == p.user.id;
  return Response::Json(200, json::object{{"on_duty", out}, {"me", me}});
}

Result<Response> Notifications(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(auto p, Authenticate(d, req));
  TB_ASSIGN_OR_RETURN(auto page, d.inbox.list(p.user.id, 100));
  json::array items;
  for (const auto& n : page.notifications)
    items.push_back({{"id", n.id},
                     {"at", TimeJson(n.at)},
                     {"kind", n.kind},
                     {"title", n.title},
                     {"body", n.body},
                     {"link", n.link},
                     {"read", n.readAt.has_value()}});
  return Response::Json(200, json::object{{"notifications", items}, {"unread", page.unread}});
}

Result<Response> MarkRead(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(auto t, CallerAndId(d, req, "notification"));
  TB_RETURN_IF_ERROR(d.inbox.markRead(t.principal.user.id, t.id));
  return Response::Json(200, json::object{{"read", true}});
}

Result<Response> CreateWebhook(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(auto p, Authenticate(d, req));
  Actor actor = ActorOf(p, req);
  TB_RETURN_IF_ERROR(notify::Webhooks::CheckAdmin(actor, "administrators register webhooks"));
  TB_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req.body));
  FieldReader f(body);
  f.rejectUnknown({"url", "topics", "owner_unit_id"});
  auto url = f.string("url", true, 500, 1);
  auto owner = f.integer("owner_unit_id", false, 1, INT64_MAX);
  json::array topics;
  if (auto it = body.find("topics");
      it == body.end() || !it->value().is_array() || it->value().as_array().empty()) {
    f.fail("topics", "required", "a non-empty array of event topics (or \"*\")");
  } else {
    for (const auto& t : it->value().as_array()) {
      if (!t.is_string() || t.as_string().size() > 60)
        f.fail("topics", "type", "topics are strings");
      else if (t.as_string() != "*" && !IsEventTopic(t.as_string()))
        f.fail("topics", "topic",
               "unknown topic '" + std::string(t.as_string()) +
                   "' (see GET /api/v1/event-topics; \"*\" is every topic)");
      else
        topics.push_back(t);
    }
  }
  if (url && url->rfind("http://", 0) != 0 && url->rfind("https://", 0) != 0)
    f.fail("url", "scheme", "must be http:// or https://");
  TB_RETURN_IF_ERROR(f.status());
  TB_ASSIGN_OR_RETURN(auto w, d.webhooks.create(actor, owner, *url, json::serialize(topics)));
  // The secret is shown once; receivers check X-Tongban-Signature with it.
  return Response::Json(
      201,
      json::object{
          {"webhook", {{"id", w.id}, {"url", w.url}, {"topics", topics}, {"secret", w.secret}}}});
}

Result<Response> Deliveries(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(auto p, Authenticate(d, req));
  TB_ASSIGN_OR_RETURN(auto rows, d.webhooks.deliveries(ActorOf(p, req), 200));
  json::array out;
  for (const auto& r : rows) out.push_back(DeliveryJson(r));
  return Response::Json(200, json::object{{"deliveries", out}});
}

//! The check before the live socket is upgraded: a signed-in caller from this origin.
Result<Response> LiveCheck(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(auto p, Authenticate(d, req));
  TB_RETURN_IF_ERROR(CheckSameOrigin(req));
  return Response::Json(200, json::object{{"user_id", p.user.id}});
}

}  // namespace

std::string UserRoom(int64_t userId) { return "user:" + std::to_string(userId); }

void RegisterConsultRoutes(http::Router& r, ApiDeps& d) {
  using V = bhttp::verb;
  static constexpr ApiRoute kRoutes[] = {
      {V::get, "/api/v1/faq", BodyKind::kNone, SearchFaq},
      {V::get, "/api/v1/canned-answers", BodyKind::kNone, CannedAnswers},
      {V::post, "/api/v1/consultations", BodyKind::kJson, Ask, 16 * 1024},
      {V::get, "/api/v1/consultations", BodyKind::kNone, ListConsultations},
      {V::get, "/api/v1/consultations/:id", BodyKind::kNone, GetConsultation},
      {V::post, "/api/v1/consultations/:id/messages", BodyKind::kJson, PostMessage, 16 * 1024},
      {V::post, "/api/v1/consultations/:id/attachments", BodyKind::kFile, Attach},
      {V::get, "/api/v1/consultations/:id/attachments/:doc", BodyKind::kNone, Attachment},
      {V::post, "/api/v1/consultations/:id/take", BodyKind::kJson, Take, 1024},
      {V::post, "/api/v1/consultations/:id/handover", BodyKind::kJson, Handover, 1024},
      {V::post, "/api/v1/consultations/:id/close", BodyKind::kJson, Close, 4 * 1024},
      {V::put, "/api/v1/duty", BodyKind::kJson, SetDuty, 1024},
      {V::get, "/api/v1/duty", BodyKind::kNone, GetDuty},
      {V::get, "/api/v1/notifications", BodyKind::kNone, Notifications},
      {V::post, "/api/v1/notifications/:id/read", BodyKind::kJson, MarkRead, 1024},
      {V::post, "/api/v1/webhooks", BodyKind::kJson, CreateWebhook, 4 * 1024},
      {V::get, "/api/v1/deliveries", BodyKind::kNone, Deliveries},
  };
  AddRoutes(r, d, kRoutes);

  // The live socket: one per signed-in tab.
  r.addWebSocket(
      "/api/v1/live",
      [&d](Request& req) {
        Result<Response> answer = LiveCheck(d, req);
        if (!answer.ok()) return StatusResponse(answer.status(), req);
        return std::move(answer).value();
      },
      [&d](Request req, boost::beast::tcp_stream stream,
           bhttp::request<bhttp::empty_body> upgrade) -> asio::awaitable<void> {
        auto workers = req.workers;
        auto principal = co_await OnWorkers(workers, [&] { return Authenticate(d, req); });
        if (!principal.ok()) co_return;
        Actor actor = ActorOf(*principal, req);
        auto peer =
            co_await http::AcceptWebSocket(std::move(stream), upgrade, 16 * 1024, d.hub.timeouts());
        if (!peer) co_return;
        boost::system::error_code ec;
        std::string room = UserRoom(*actor.userId);
        d.hub.join(room, actor.role, peer);
        peer->send(json::serialize(json::object{{"type", "hello"}, {"user_id", *actor.userId}}));
        for (;;) {
          boost::beast::flat_buffer buffer;
          co_await peer->stream().async_read(buffer, asio::redirect_error(asio::use_awaitable, ec));
          if (ec) break;
          auto msg = ParseJsonObject(boost::beast::buffers_to_string(buffer.data()));
          if (!msg.ok() || !msg->contains("type") || msg->at("type") != "consultation.message")
            continue;
          FieldReader f(*msg);
          auto cid = f.integer("consultation_id", true, 1, INT64_MAX);
          auto body = f.string("body", true, 4000, 1);
          if (!f.ok()) {
            peer->send(json::serialize(
                json::object{{"type", "error"}, {"fields", {{"body", "invalid"}}}}));
            continue;
          }
          auto out =
              co_await OnWorkers(workers, [&] { return d.consult.post(actor, *cid, *body); });
          if (!out.ok())
            peer->send(json::serialize(json::object{{"type", "error"},
                                                    {"code", StatusCodeName(out.status().code())},
                                                    {"message", out.status().message()}}));
        }
        d.hub.leave(room, peer);
      });
}

}  // namespace tongban::api
