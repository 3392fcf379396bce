// Consultations, FAQ, notifications, webhooks, and the per-user live WebSocket that pushes
// notifications and chat messages (and takes chat messages, as the REST endpoints do).

#include "access/access.h"
#include "api/routes.h"
#include "audit/audit.h"
#include "common/crypto.h"
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

bool IsAdmin(const accounts::Principal& p) { return access::IsAdmin(access::RoleOf(p.user)); }
}  // namespace

std::string UserRoom(int64_t userId) { return "user:" + std::to_string(userId); }

void RegisterConsultRoutes(http::Router& r, ApiDeps& d) {
  r.add(bhttp::verb::get, "/api/v1/faq", BodyKind::kNone, 0, [&d](Request& req) {
    std::string q = req.query["q"], item = req.query["item"];
    if (q.size() > 200)
      return StatusResponse(Status::InvalidField("q", "too_long", "at most 200 bytes"), req);
    auto out = item.empty() ? d.faq.search(q, 8, req.query["any"] == "1") : d.faq.forItem(item);
    if (!out.ok()) return StatusResponse(out.status(), req);
    return Response::Json(200, json::object{{"articles", *out}});
  });

  r.add(bhttp::verb::get, "/api/v1/canned-answers", BodyKind::kNone, 0, [&d](Request& req) {
    auto p = Authenticate(d, req);
    if (!p.ok()) return StatusResponse(p.status(), req);
    if (access::IsApplicant(access::RoleOf(p->user)))
      return StatusResponse(Status::PermissionDenied("for staff"), req);
    auto out = d.consult.canned();
    if (!out.ok()) return StatusResponse(out.status(), req);
    return Response::Json(200, json::object{{"answers", *out}});
  });

  r.add(bhttp::verb::post, "/api/v1/consultations", BodyKind::kJson, 16 * 1024, [&d](Request& req) {
    auto p = Authenticate(d, req);
    if (!p.ok()) return StatusResponse(p.status(), req);
    auto body = ParseJsonObject(req.body);
    if (!body.ok()) return StatusResponse(body.status(), req);
    FieldReader f(*body);
    f.rejectUnknown({"topic", "item_code", "body"});
    auto topic = f.string("topic", true, 200, 1);
    auto item = f.string("item_code", false, 20);
    auto text = f.string("body", true, 4000, 1);
    if (!f.ok()) return StatusResponse(f.status(), req);
    return JsonAnswer(d.consult.ask(ActorOf(*p, req), *topic, item.value_or(""), *text), req,
                      "consultation", 201);
  });

  r.add(bhttp::verb::get, "/api/v1/consultations", BodyKind::kNone, 0, [&d](Request& req) {
    auto p = Authenticate(d, req);
    if (!p.ok()) return StatusResponse(p.status(), req);
    auto out = d.consult.list(ActorOf(*p, req));
    if (!out.ok()) return StatusResponse(out.status(), req);
    return Response::Json(200, json::object{{"consultations", *out}});
  });

  r.add(bhttp::verb::get, "/api/v1/consultations/:id", BodyKind::kNone, 0, [&d](Request& req) {
    auto t = CallerAndId(d, req, "consultation");
    if (!t.ok()) return StatusResponse(t.status(), req);
    return JsonAnswer(d.consult.get(t->actor, t->id), req, "consultation");
  });

  r.add(bhttp::verb::post, "/api/v1/consultations/:id/messages", BodyKind::kJson, 16 * 1024,
        [&d](Request& req) {
          auto t = CallerAndId(d, req, "consultation");
          if (!t.ok()) return StatusResponse(t.status(), req);
          auto body = ParseJsonObject(req.body);
          if (!body.ok()) return StatusResponse(body.status(), req);
          FieldReader f(*body);
          f.rejectUnknown({"body"});
          auto text = f.string("body", true, 4000, 1);
          if (!f.ok()) return StatusResponse(f.status(), req);
          return JsonAnswer(d.consult.post(t->actor, t->id, *text), req, "consultation");
        });

  r.add(bhttp::verb::post, "/api/v1/consultations/:id/attachments", BodyKind::kFile,
        d.options.maxUploadBody, [&d](Request& req) {
          auto t = CallerAndId(d, req, "consultation");
          if (!t.ok()) return StatusResponse(t.status(), req);
          if (req.bodyFile.empty())
            return StatusResponse(
                Status::InvalidField("body", "empty", "send the file as the body"), req);
          std::string name =
              req.query.count("filename") ? req.query["filename"].substr(0, 120) : "attachment";
          for (char& c : name)
            if (static_cast<unsigned char>(c) < 0x20 || c == '"' || c == '/' || c == '\\') c = '_';
          return JsonAnswer(
              d.consult.attach(t->actor, t->id, name.empty() ? "attachment" : name, req.bodyFile),
              req, "consultation", 201);
        });

  r.add(bhttp::verb::get, "/api/v1/consultations/:id/attachments/:doc", BodyKind::kNone, 0,
        [&d](Request& req) {
          auto p = Authenticate(d, req);
          if (!p.ok()) return StatusResponse(p.status(), req);
          auto id = IdParam(req, "id");
          auto doc = IdParam(req, "doc");
          if (!id || !doc) return StatusResponse(Status::NotFound("attachment not found"), req);
          std::string mime;
          auto path = d.consult.attachment(ActorOf(*p, req), *id, *doc, mime);
          if (!path.ok()) return StatusResponse(path.status(), req);
          Response resp;
          resp.contentType = mime;
          resp.file = *path;
          resp.headers.emplace_back("Cache-Control", "private, no-store");
          return resp;
        });

  r.add(bhttp::verb::post, "/api/v1/consultations/:id/take", BodyKind::kJson, 1024,
        [&d](Request& req) {
          auto t = CallerAndId(d, req, "consultation");
          if (!t.ok()) return StatusResponse(t.status(), req);
          return JsonAnswer(d.consult.take(t->actor, t->id), req, "consultation");
        });

  r.add(bhttp::verb::post, "/api/v1/consultations/:id/handover", BodyKind::kJson, 1024,
        [&d](Request& req) {
          auto t = CallerAndId(d, req, "consultation");
          if (!t.ok()) return StatusResponse(t.status(), req);
          auto body = ParseJsonObject(req.body);
          if (!body.ok()) return StatusResponse(body.status(), req);
          FieldReader f(*body);
          f.rejectUnknown({"to_user_id"});
          auto to = f.integer("to_user_id", false, 1, INT64_MAX);
          if (!f.ok()) return StatusResponse(f.status(), req);
          return JsonAnswer(d.consult.handover(t->actor, t->id, to), req, "consultation");
        });

  r.add(bhttp::verb::post, "/api/v1/consultations/:id/close", BodyKind::kJson, 4 * 1024,
        [&d](Request& req) {
          auto t = CallerAndId(d, req, "consultation");
          if (!t.ok()) return StatusResponse(t.status(), req);
          auto body = ParseJsonObject(req.body);
          if (!body.ok()) return StatusResponse(body.status(), req);
          FieldReader f(*body);
          f.rejectUnknown({"score", "comment"});
          auto score = f.integer("score", false, 1, 5);
          auto comment = f.string("comment", false, 1000);
          if (!f.ok()) return StatusResponse(f.status(), req);
          std::optional<int> s;
          if (score) s = int(*score);
          return JsonAnswer(d.consult.close(t->actor, t->id, s, comment.value_or("")), req,
                            "consultation");
        });

  r.add(bhttp::verb::put, "/api/v1/duty", BodyKind::kJson, 1024, [&d](Request& req) {
    auto p = Authenticate(d, req);
    if (!p.ok()) return StatusResponse(p.status(), req);
    auto body = ParseJsonObject(req.body);
    if (!body.ok()) return StatusResponse(body.status(), req);
    FieldReader f(*body);
    f.rejectUnknown({"on_duty"});
    auto on = f.boolean("on_duty", true);
    if (!f.ok()) return StatusResponse(f.status(), req);
    Status s = d.consult.setDuty(ActorOf(*p, req), *on);
    if (!s.ok()) return StatusResponse(s, req);
    return Response::Json(200, json::object{{"on_duty", *on}});
  });

  r.add(bhttp::verb::get, "/api/v1/duty", BodyKind::kNone, 0, [&d](Request& req) {
    auto p = Authenticate(d, req);
    if (!p.ok()) return StatusResponse(p.status(), req);
    if (access::IsApplicant(access::RoleOf(p->user)))
      return StatusResponse(Status::PermissionDenied("for staff"), req);
    auto out = d.consult.onDutyNow();
    if (!out.ok()) return StatusResponse(out.status(), req);
    bool me = false;
    for (const auto& u : *out) me = me || u.at("id").as_int64() == p->user.id;
    return Response::Json(200, json::object{{"on_duty", *out}, {"me", me}});
  });

  r.add(bhttp::verb::get, "/api/v1/notifications", BodyKind::kNone, 0, [&d](Request& req) {
    auto p = Authenticate(d, req);
    if (!p.ok()) return StatusResponse(p.status(), req);
    json::array items;
    int64_t unread = 0;
    Status s = d.db.read([&](db::Transaction& tx) -> Status {
      TB_ASSIGN_OR_RETURN(auto rows, tx.notifications().byUser(p->user.id, 100));
      for (const auto& n : rows)
        items.push_back({{"id", n.id},
                         {"at", TimeJson(n.at)},
                         {"kind", n.kind},
                         {"title", n.title},
                         {"body", n.body},
                         {"link", n.link},
                         {"read", n.readAt.has_value()}});
      TB_ASSIGN_OR_RETURN(unread, tx.notifications().unread(p->user.id));
      return Status::Ok();
    });
    if (!s.ok()) return StatusResponse(s, req);
    return Response::Json(200, json::object{{"notifications", items}, {"unread", unread}});
  });

  r.add(bhttp::verb::post, "/api/v1/notifications/:id/read", BodyKind::kJson, 1024,
        [&d](Request& req) {
          auto t = CallerAndId(d, req, "notification");
          if (!t.ok()) return StatusResponse(t.status(), req);
          Status s = d.db.write([&](db::Transaction& tx) {
            return tx.notifications().markRead(t->principal.user.id, t->id,
                                               FormatTimestamp(d.clock.now()));
          });
          if (!s.ok()) return StatusResponse(s, req);
          return Response::Json(200, json::object{{"read", true}});
        });

  r.add(bhttp::verb::post, "/api/v1/webhooks", BodyKind::kJson, 4 * 1024, [&d](Request& req) {
    auto p = Authenticate(d, req);
    if (!p.ok()) return StatusResponse(p.status(), req);
    if (!IsAdmin(*p))
      return StatusResponse(Status::PermissionDenied("administrators register webhooks"), req);
    auto body = ParseJsonObject(req.body);
    if (!body.ok()) return StatusResponse(body.status(), req);
    FieldReader f(*body);
    f.rejectUnknown({"url", "topics", "owner_unit_id"});
    auto url = f.string("url", true, 500, 1);
    auto owner = f.integer("owner_unit_id", false, 1, INT64_MAX);
    json::array topics;
    if (auto it = body->find("topics");
        it == body->end() || !it->value().is_array() || it->value().as_array().empty()) {
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
    if (!f.ok()) return StatusResponse(f.status(), req);
    db::WebhookRow w;
    w.ownerUnitId = owner;
    w.url = *url;
    w.secret = crypto::RandomToken(32);
    w.topicsJson = json::serialize(topics);
    w.createdAt = d.clock.now();
    Actor actor = ActorOf(*p, req);
    Status s = d.db.write([&](db::Transaction& tx) -> Status {
      TB_ASSIGN_OR_RETURN(w.id, tx.notifications().insertWebhook(w));
      return tx.audit().append(audit::Event(actor, d.clock.now(), "webhook.create", "webhook",
                                            std::to_string(w.id), std::nullopt, {{"url", w.url}}));
    });
    if (!s.ok()) return StatusResponse(s, req);
    // The secret is shown once; receivers check X-Tongban-Signature with it.
    return Response::Json(
        201,
        json::object{
            {"webhook", {{"id", w.id}, {"url", w.url}, {"topics", topics}, {"secret", w.secret}}}});
  });

  r.add(bhttp::verb::get, "/api/v1/deliveries", BodyKind::kNone, 0, [&d](Request& req) {
    auto p = Authenticate(d, req);
    if (!p.ok()) return StatusResponse(p.status(), req);
    if (!IsAdmin(*p))
      return StatusResponse(Status::PermissionDenied("administrators read the delivery log"), req);
    json::array out;
    Status s = d.db.read([&](db::Transaction& tx) -> Status {
      TB_ASSIGN_OR_RETURN(auto rows, tx.notifications().deliveries(std::nullopt, 200));
      for (const auto& r : rows)
        out.push_back(
            {{"id", r.id},
             {"channel", r.channel},
             {"target", r.target},
             {"topic", r.topic},
             {"status", r.status},
             {"attempts", r.attempts},
             {"last_error", r.lastError},
             {"next_attempt_at", TimeJson(r.nextAttemptAt)},
             {"updated_at", TimeJson(r.updatedAt)},
             {"webhook_id", r.webhookId ? json::value(*r.webhookId) : json::value(nullptr)}});
      return Status::Ok();
    });
    if (!s.ok()) return StatusResponse(s, req);
    return Response::Json(200, json::object{{"deliveries", out}});
  });

  // The live socket: one per signed-in tab.
  r.addWebSocket(
      "/api/v1/live",
      [&d](Request& req) {
        auto p = Authenticate(d, req);
        if (!p.ok()) return StatusResponse(p.status(), req);
        if (Status o = CheckSameOrigin(req); !o.ok()) return StatusResponse(o, req);
        return Response::Json(200, json::object{{"user_id", p->user.id}});
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
