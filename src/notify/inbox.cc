#include "notify/inbox.h"

#include "access/access.h"
#include "audit/audit.h"
#include "common/crypto.h"

namespace tongban::notify {

Result<InboxPage> Inbox::list(int64_t userId, int limit) {
  InboxPage page;
  TB_RETURN_IF_ERROR(db_.read([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(page.notifications, tx.notifications().byUser(userId, limit));
    TB_ASSIGN_OR_RETURN(page.unread, tx.notifications().unread(userId));
    return Status::Ok();
  }));
  return page;
}

Status Inbox::markRead(int64_t userId, int64_t notificationId) {
  return db_.write([&](db::Transaction& tx) {
    return tx.notifications().markRead(userId, notificationId, clock_.now());
  });
}

Result<db::NotificationPrefsRow> Inbox::preferences(int64_t userId) {
  db::NotificationPrefsRow prefs;
  TB_RETURN_IF_ERROR(db_.read([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(prefs, tx.notifications().preferences(userId));
    return Status::Ok();
  }));
  return prefs;
}

Result<db::NotificationPrefsRow> Inbox::setPreferences(int64_t userId, const EmailChoices& change) {
  db::NotificationPrefsRow prefs;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(prefs, tx.notifications().preferences(userId));
    if (change.cases) prefs.emailCases = *change.cases;
    if (change.appointments) prefs.emailAppointments = *change.appointments;
    if (change.consultations) prefs.emailConsultations = *change.consultations;
    prefs.updatedAt = clock_.now();
    return tx.notifications().setPreferences(prefs);
  }));
  return prefs;
}

namespace {

std::optional<db::WebhookStatsRow> StatsOf(const std::vector<db::WebhookStatsRow>& stats,
                                           int64_t webhookId) {
  std::optional<db::WebhookStatsRow> out;
  for (const auto& x : stats)
    if (x.webhookId == webhookId) out = x;
  return out;
}

}  // namespace

Status Webhooks::CheckAdmin(const Actor& actor, const std::string& why) {
  if (!access::IsAdmin(actor)) return Status::PermissionDenied(why);
  return Status::Ok();
}

Result<db::WebhookRow> Webhooks::create(const Actor& actor, std::optional<int64_t> ownerUnitId,
                                        const std::string& url, const std::string& topicsJson) {
  TB_RETURN_IF_ERROR(CheckAdmin(actor, "administrators register webhooks"));
  db::WebhookRow w;
  w.ownerUnitId = ownerUnitId;
  w.url = url;
  w.secret = crypto::RandomToken(32);
  w.topicsJson = topicsJson;
  w.createdAt = clock_.now();
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(w.id, tx.notifications().insertWebhook(w));
    return tx.audit().append(audit::Event(actor, clock_.now(), "webhook.create", "webhook",
                                          std::to_string(w.id), std::nullopt, {{"url", w.url}}));
  }));
  return w;
}

Result<std::vector<WebhookView>> Webhooks::list(const Actor& actor) {
  TB_RETURN_IF_ERROR(CheckAdmin(actor, "for administrators"));
  std::vector<WebhookView> out;
  TB_RETURN_IF_ERROR(db_.read([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(auto hooks, tx.notifications().webhooks());
    TB_ASSIGN_OR_RETURN(auto stats, tx.notifications().webhookStats());
    for (auto it = hooks.rbegin(); it != hooks.rend(); ++it)  // newest first
      out.push_back({*it, StatsOf(stats, it->id)});
    return Status::Ok();
  }));
  return out;
}

Result<WebhookView> Webhooks::setDisabled(const Actor& actor, int64_t id, bool disabled) {
  TB_RETURN_IF_ERROR(CheckAdmin(actor, "for administrators"));
  WebhookView out;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    TB_RETURN_IF_ERROR(tx.notifications().setWebhookActive(id, !disabled));
    TB_RETURN_IF_ERROR(tx.audit().append(
        audit::Event(actor, clock_.now(), disabled ? "webhook.disable" : "webhook.enable",
                     "webhook", std::to_string(id), std::nullopt)));
    TB_ASSIGN_OR_RETURN(auto hooks, tx.notifications().webhooks());
    TB_ASSIGN_OR_RETURN(auto stats, tx.notifications().webhookStats());
    for (const auto& h : hooks)
      if (h.id == id) out = {h, StatsOf(stats, h.id)};
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<db::DeliveryRow>> Webhooks::deliveries(const Actor& actor, int limit) {
  TB_RETURN_IF_ERROR(CheckAdmin(actor, "administrators read the delivery log"));
  std::vector<db::DeliveryRow> out;
  TB_RETURN_IF_ERROR(db_.read([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(out, tx.notifications().deliveries(std::nullopt, limit));
    return Status::Ok();
  }));
  return out;
}

Result<db::DeliveryRow> Webhooks::retry(const Actor& actor, int64_t deliveryId) {
  TB_RETURN_IF_ERROR(CheckAdmin(actor, "for administrators"));
  db::DeliveryRow row;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(row, tx.notifications().deliveryById(deliveryId));
    if (row.status != "failed")
      return Status::Conflict("only a failed delivery can be retried (this one is " + row.status +
                              ")");
    if (row.webhookId) {
      TB_ASSIGN_OR_RETURN(auto hooks, tx.notifications().webhooks());
      for (const auto& h : hooks)
        if (h.id == *row.webhookId && !h.active)
          return Status::Conflict("the webhook is disabled; enable it first");
    }
    int previous = row.attempts;
    TB_RETURN_IF_ERROR(tx.notifications().requeueDelivery(deliveryId, clock_.now()));
    TB_RETURN_IF_ERROR(tx.audit().append(
        audit::Event(actor, clock_.now(), "delivery.retry", "delivery", std::to_string(deliveryId),
                     std::nullopt, {{"channel", row.channel}, {"previous_attempts", previous}})));
    TB_ASSIGN_OR_RETURN(row, tx.notifications().deliveryById(deliveryId));
    return Status::Ok();
  }));
  return row;
}

}  // namespace tongban::notify
