#include "notify/notification_center.h"

#include <map>

namespace tongban::notify {

namespace {

using Strings = std::map<std::string, std::string>;

const std::map<std::string, Strings>& StateNames() {
  static const std::map<std::string, Strings> k = {
      {"zh-CN",
       {{"submitted", "已提交"},
        {"accepted", "已受理"},
        {"in_review", "审核中"},
        {"needs_supplement", "待补正"},
        {"pending_second", "待领导签批"},
        {"approved", "已批准"},
        {"rejected", "不予批准"},
        {"issued", "已制证"},
        {"delivered", "已送达"},
        {"closed", "已办结"},
        {"withdrawn", "已撤回"}}},
      {"en",
       {{"submitted", "submitted"},
        {"accepted", "accepted"},
        {"in_review", "under review"},
        {"needs_supplement", "waiting for more documents"},
        {"pending_second", "awaiting countersignature"},
        {"approved", "approved"},
        {"rejected", "rejected"},
        {"issued", "issued"},
        {"delivered", "delivered"},
        {"closed", "closed"},
        {"withdrawn", "withdrawn"}}},
      {"it",
       {{"submitted", "inviata"},
        {"accepted", "accettata"},
        {"in_review", "in esame"},
        {"needs_supplement", "in attesa di altri documenti"},
        {"pending_second", "in attesa di controfirma"},
        {"approved", "approvata"},
        {"rejected", "respinta"},
        {"issued", "rilasciata"},
        {"delivered", "consegnata"},
        {"closed", "chiusa"},
        {"withdrawn", "ritirata"}}},
  };
  return k;
}

// title, body per kind and locale; {placeholders} filled from the event.
const std::map<std::string, std::map<std::string, std::pair<std::string, std::string>>>&
Templates() {
  static const std::map<std::string, std::map<std::string, std::pair<std::string, std::string>>> k =
      {
          {"case_status",
           {{"zh-CN", {"办件 {case_no}：{state}", "您的办件 {case_no} 状态更新为：{state}。"}},
            {"en", {"Case {case_no}: {state}", "Your case {case_no} is now {state}."}},
            {"it", {"Pratica {case_no}: {state}", "La tua pratica {case_no} ora è {state}."}}}},
          {"supplement_request",
           {{"zh-CN",
             {"办件 {case_no} 需要补正材料", "办理单位需要您补充材料，请登录查看并补正。"}},
            {"en",
             {"Case {case_no}: more documents needed",
              "The office needs more documents from you. Please sign in to see what and answer."}},
            {"it",
             {"Pratica {case_no}: servono altri documenti",
              "L'ufficio ha bisogno di altri documenti. Accedi per vedere quali e rispondere."}}}},
          {"appointment_reminder",
           {{"zh-CN", {"预约提醒", "您预约的时间是 {starts_at}（UTC）。"}},
            {"en", {"Appointment reminder", "Your appointment is at {starts_at} (UTC)."}},
            {"it", {"Promemoria appuntamento", "Il tuo appuntamento è alle {starts_at} (UTC)."}}}},
          {"identity_verified",
           {{"zh-CN", {"身份核验已通过", "您的身份已通过视频核验，现在可以办理需要核验的事项。"}},
            {"en",
             {"Your identity is verified",
              "Your identity was confirmed in the video check. Services that need it are now open "
              "to you."}},
            {"it",
             {"Identità verificata",
              "La tua identità è stata confermata nella verifica video. Ora puoi usare i servizi "
              "che la richiedono."}}}},
          {"consultation_reply",
           {{"zh-CN", {"您的咨询有新回复", "“{topic}”有新的回复，请登录查看。"}},
            {"en",
             {"New reply to your question",
              "There is a new reply to “{topic}”. Sign in to read it."}},
            {"it",
             {"Nuova risposta alla tua domanda",
              "C'è una nuova risposta a «{topic}». Accedi per leggerla."}}}},
          {"consultation_message",
           {{"zh-CN", {"咨询有新消息", "“{topic}”有新消息。"}},
            {"en", {"New message in a consultation", "There is a new message in “{topic}”."}},
            {"it", {"Nuovo messaggio", "C'è un nuovo messaggio in «{topic}»."}}}},
      };
  return k;
}

std::string Fill(std::string s, const json::object& vars) {
  for (const auto& kv : vars) {
    std::string key = "{" + std::string(kv.key()) + "}";
    std::string val =
        kv.value().is_string() ? std::string(kv.value().as_string()) : json::serialize(kv.value());
    for (size_t pos = s.find(key); pos != std::string::npos; pos = s.find(key, pos + val.size()))
      s.replace(pos, key.size(), val);
  }
  return s;
}

std::string Str(const json::object& o, const char* k) {
  auto it = o.find(k);
  return it != o.end() && it->value().is_string() ? std::string(it->value().as_string()) : "";
}
int64_t Int(const json::object& o, const char* k) {
  auto it = o.find(k);
  return it != o.end() && it->value().is_int64() ? it->value().as_int64() : 0;
}

}  // namespace

Message Render(const std::string& kind, const std::string& locale, const json::object& varsIn) {
  std::string loc = Templates().count(kind) && Templates().at(kind).count(locale) ? locale : "en";
  json::object vars = varsIn;
  if (vars.contains("state")) {
    const auto& names = StateNames().at(StateNames().count(loc) ? loc : "en");
    auto it = names.find(Str(vars, "state"));
    if (it != names.end()) vars["state"] = it->second;
  }
  Message m;
  m.kind = kind;
  auto t = Templates().find(kind);
  if (t == Templates().end()) {
    m.title = kind;
    return m;
  }
  m.title = Fill(t->second.at(loc).first, vars);
  m.body = Fill(t->second.at(loc).second, vars);
  return m;
}

Status NotificationCenter::notify(db::Transaction& tx, int64_t userId, const std::string& kind,
                                  const json::object& vars, const db::OutboxRow& event,
                                  std::vector<std::pair<int64_t, json::object>>& pushed) {
  auto user = tx.users().byId(userId);
  if (!user.ok()) return Status::Ok();  // nobody to tell
  Message m = Render(kind, user->locale, vars);
  db::NotificationRow n;
  n.userId = userId;
  n.at = FormatTimestamp(clock_.now());
  n.kind = kind;
  n.title = m.title;
  n.body = m.body;
  n.link = Str(vars, "link");
  TB_ASSIGN_OR_RETURN(n.id, tx.notifications().insert(n));
  pushed.emplace_back(userId, json::object{{"type", "notification"},
                                           {"notification",
                                            {{"id", n.id},
                                             {"kind", n.kind},
                                             {"title", n.title},
                                             {"body", n.body},
                                             {"link", n.link},
                                             {"at", n.at}}}});
  if (emailEnabled_ && user->role == "applicant") {
    db::DeliveryRow d;
    d.channel = "email";
    d.target = user->email;
    d.eventId = event.id;
    d.topic = event.topic;
    d.payload = json::serialize(json::object{
        {"subject", m.title}, {"body", m.body + "\n\n" + n.link}, {"locale", user->locale}});
    d.nextAttemptAt = d.createdAt = d.updatedAt = n.at;
    TB_RETURN_IF_ERROR(tx.notifications().insertDelivery(d).status());
  }
  return Status::Ok();
}

bool NotificationCenter::handle(const std::vector<db::OutboxRow>& events) {
  std::vector<std::pair<int64_t, json::object>> pushed;
  Status s = db_.write([&](db::Transaction& tx) -> Status {
    pushed.clear();
    TB_ASSIGN_OR_RETURN(auto hooks, tx.notifications().webhooks());
    for (const auto& e : events) TB_RETURN_IF_ERROR(handleOne(tx, e, hooks, pushed));
    return Status::Ok();
  });
  if (!s.ok()) return false;
  for (auto& [user, msg] : pushed) push_(user, msg);
  return true;
}

Status NotificationCenter::handleOne(db::Transaction& tx, const db::OutboxRow& event,
                                     const std::vector<db::WebhookRow>& hooks,
                                     std::vector<std::pair<int64_t, json::object>>& pushed) {
  auto payload = ParseJsonObject(event.payloadJson);
  if (!payload.ok()) return Status::Ok();  // unreadable events are skipped, not retried forever
  const json::object& p = *payload;
  if (event.topic == "case.state_changed") {
    std::string action = Str(p, "action"), to = Str(p, "to");
    std::string link = "/cases/" + std::to_string(Int(p, "case_id"));
    json::object vars{{"case_no", Str(p, "case_no")}, {"state", to}, {"link", link}};
    if (action == "request_supplement")
      TB_RETURN_IF_ERROR(
          notify(tx, Int(p, "applicant_id"), "supplement_request", vars, event, pushed));
    else if (action != "start_review" && action != "create")
      TB_RETURN_IF_ERROR(notify(tx, Int(p, "applicant_id"), "case_status", vars, event, pushed));
  } else if (event.topic == "appointment.reminder") {
    TB_RETURN_IF_ERROR(notify(tx, Int(p, "applicant_id"), "appointment_reminder",
                              {{"starts_at", Str(p, "starts_at")}, {"link", "/appointments"}},
                              event, pushed));
  } else if (event.topic == "identity.verified") {
    TB_RETURN_IF_ERROR(notify(tx, Int(p, "applicant_id"), "identity_verified",
                              {{"link", "/appointments"}}, event, pushed));
  } else if (event.topic == "consultation.message") {
    // The message itself goes live to both sides; the other side also gets a notification.
    json::object live{{"type", "consultation.message"},
                      {"consultation_id", Int(p, "consultation_id")},
                      {"message",
                       {{"id", Int(p, "message_id")},
                        {"at", Str(p, "at")},
                        {"author_role", Str(p, "author_role")},
                        {"body", Str(p, "body")},
                        {"mine", Str(p, "author_role") == "applicant"}}}};
    pushed.emplace_back(Int(p, "applicant_id"), live);
    if (Int(p, "assignee_id")) pushed.emplace_back(Int(p, "assignee_id"), live);
    json::object vars{{"topic", Str(p, "topic")},
                      {"link", "/help/" + std::to_string(Int(p, "consultation_id"))}};
    if (Str(p, "author_role") == "applicant") {
      if (Int(p, "assignee_id")) {
        vars["link"] = "/staff/consult/" + std::to_string(Int(p, "consultation_id"));
        TB_RETURN_IF_ERROR(
            notify(tx, Int(p, "assignee_id"), "consultation_message", vars, event, pushed));
      }
    } else {
      TB_RETURN_IF_ERROR(
          notify(tx, Int(p, "applicant_id"), "consultation_reply", vars, event, pushed));
    }
  }
  // Webhooks subscribed to this topic get the event itself, signed.
  for (const auto& h : hooks) {
    if (!h.active) continue;
    boost::system::error_code ec;
    auto topics = json::parse(h.topicsJson, ec);
    if (ec || !topics.is_array()) continue;
    bool wanted = false;
    for (const auto& t : topics.as_array()) wanted = wanted || t == event.topic.c_str() || t == "*";
    if (!wanted) continue;
    db::DeliveryRow d;
    d.channel = "webhook";
    d.target = h.url;
    d.webhookId = h.id;
    d.eventId = event.id;
    d.topic = event.topic;
    d.payload = json::serialize(
        json::object{{"id", event.id}, {"topic", event.topic}, {"at", event.at}, {"data", p}});
    d.nextAttemptAt = d.createdAt = d.updatedAt = FormatTimestamp(clock_.now());
    TB_RETURN_IF_ERROR(tx.notifications().insertDelivery(d).status());
  }
  return Status::Ok();
}

}  // namespace tongban::notify
