// SQLite repositories of the outbox, notifications, e-mail choices, webhooks and deliveries
// (db/notify_store.h).

#include "db/sqlite/sqlite_repo.h"

namespace tongban::db {

namespace {

// ---------------------------------------------------------------- outbox
class SqliteOutbox final : public OutboxRepository, Repo {
 public:
  using Repo::Repo;
  Status append(const OutboxRow& o) override {
    PREPARE(s, "INSERT INTO outbox (at, topic, payload) VALUES (?,?,?)");
    s.bind(1, o.at).bind(2, o.topic).bind(3, o.payloadJson);
    return s.run();
  }
  Result<std::vector<OutboxRow>> pending(int limit) override {
    PREPARE(s,
            "SELECT id, at, topic, payload FROM outbox WHERE delivered_at IS NULL ORDER BY id "
            "LIMIT ?");
    s.bind(1, limit);
    std::vector<OutboxRow> out;
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool row, s.step());
      if (!row) break;
      out.push_back({s.i64(0), s.time(1), s.text(2), s.text(3)});
    }
    return out;
  }
  Status markDelivered(const std::vector<int64_t>& ids, TimePoint at) override {
    for (int64_t id : ids) {
      PREPARE(s, "UPDATE outbox SET delivered_at = ? WHERE id = ?");
      s.bind(1, at).bind(2, id);
      TB_RETURN_IF_ERROR(s.run());
    }
    return Status::Ok();
  }
};

// ---------------------------------------------------------------- notifications, webhooks,
// deliveries
#define DLV_COLS                                                                              \
  "id, channel, target, webhook_id, event_id, topic, payload, status, attempts, last_error, " \
  "next_attempt_at, created_at, updated_at"

class SqliteNotifications final : public NotificationRepository, Repo {
 public:
  using Repo::Repo;
  Result<int64_t> insert(const NotificationRow& r) override {
    PREPARE(s,
            "INSERT INTO notifications (user_id, at, kind, title, body, link, read_at) VALUES "
            "(?,?,?,?,?,?,?)");
    s.bind(1, r.userId)
        .bind(2, r.at)
        .bind(3, r.kind)
        .bind(4, r.title)
        .bind(5, r.body)
        .bind(6, r.link)
        .bind(7, r.readAt);
    TB_RETURN_IF_ERROR(s.run());
    return conn_.lastInsertId();
  }
  Result<std::vector<NotificationRow>> byUser(int64_t userId, int limit) override {
    PREPARE(s,
            "SELECT id, user_id, at, kind, title, body, link, read_at FROM notifications WHERE "
            "user_id = ? ORDER BY id DESC LIMIT ?");
    s.bind(1, userId).bind(2, limit);
    std::vector<NotificationRow> out;
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool row, s.step());
      if (!row) break;
      out.push_back({s.i64(0), s.i64(1), s.time(2), s.text(3), s.text(4), s.text(5), s.text(6),
                     s.optTime(7)});
    }
    return out;
  }
  Status markRead(int64_t userId, int64_t id, TimePoint at) override {
    PREPARE(
        s, "UPDATE notifications SET read_at = ? WHERE id = ? AND user_id = ? AND read_at IS NULL");
    s.bind(1, at).bind(2, id).bind(3, userId);
    return s.run();
  }
  Result<int64_t> unread(int64_t userId) override {
    PREPARE(s, "SELECT count(*) FROM notifications WHERE user_id = ? AND read_at IS NULL");
    s.bind(1, userId);
    TB_ASSIGN_OR_RETURN(bool row, s.step());
    return row ? s.i64(0) : 0;
  }
  Result<NotificationPrefsRow> preferences(int64_t userId) override {
    PREPARE(s,
            "SELECT email_cases, email_appointments, email_consultations, updated_at FROM "
            "notification_prefs WHERE user_id = ?");
    s.bind(1, userId);
    NotificationPrefsRow r;
    r.userId = userId;
    TB_ASSIGN_OR_RETURN(bool row, s.step());
    if (row) {
      r.emailCases = s.i64(0) != 0;
      r.emailAppointments = s.i64(1) != 0;
      r.emailConsultations = s.i64(2) != 0;
      r.updatedAt = s.time(3);
    }
    return r;
  }
  Status setPreferences(const NotificationPrefsRow& r) override {
    PREPARE(s,
            "INSERT INTO notification_prefs (user_id, email_cases, email_appointments, "
            "email_consultations, updated_at) VALUES (?,?,?,?,?) ON CONFLICT(user_id) DO UPDATE "
            "SET email_cases = excluded.email_cases, email_appointments = "
            "excluded.email_appointments, email_consultations = excluded.email_consultations, "
            "updated_at = excluded.updated_at");
    s.bind(1, r.userId).bind(2, int64_t(r.emailCases)).bind(3, int64_t(r.emailAppointments));
    s.bind(4, int64_t(r.emailConsultations)).bind(5, r.updatedAt);
    return s.run();
  }
  Result<int64_t> insertWebhook(const WebhookRow& r) override {
    PREPARE(s,
            "INSERT INTO webhooks (owner_unit_id, url, secret, topics, active, created_at) VALUES "
            "(?,?,?,?,?,?)");
    s.bind(1, r.ownerUnitId)
        .bind(2, r.url)
        .bind(3, r.secret)
        .bind(4, r.topicsJson)
        .bind(5, int64_t(r.active))
        .bind(6, r.createdAt);
    TB_RETURN_IF_ERROR(s.run());
    return conn_.lastInsertId();
  }
  Result<std::vector<WebhookRow>> webhooks() override {
    PREPARE(s,
            "SELECT id, owner_unit_id, url, secret, topics, active, created_at FROM webhooks ORDER "
            "BY id");
    std::vector<WebhookRow> out;
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool row, s.step());
      if (!row) break;
      out.push_back(
          {s.i64(0), s.optI64(1), s.text(2), s.text(3), s.text(4), s.i64(5) != 0, s.time(6)});
    }
    return out;
  }
  Status setWebhookActive(int64_t id, bool active) override {
    PREPARE(s, "UPDATE webhooks SET active = ? WHERE id = ?");
    s.bind(1, int64_t(active ? 1 : 0)).bind(2, id);
    TB_RETURN_IF_ERROR(s.run());
    if (conn_.changes() == 0) return Status::NotFound("webhook not found");
    return Status::Ok();
  }
  Result<std::vector<WebhookStatsRow>> webhookStats() override {
    std::vector<WebhookStatsRow> out;
    auto at = [&](int64_t id) -> WebhookStatsRow& {
      for (auto& r : out)
        if (r.webhookId == id) return r;
      out.push_back({});
      out.back().webhookId = id;
      return out.back();
    };
    {
      PREPARE(s,
              "SELECT webhook_id, status, count(*) FROM deliveries WHERE webhook_id IS NOT NULL "
              "GROUP BY webhook_id, status");
      for (;;) {
        TB_ASSIGN_OR_RETURN(bool row, s.step());
        if (!row) break;
        at(s.i64(0)).byStatus[s.text(1)] = s.i64(2);
      }
    }
    PREPARE(e,
            "SELECT d.webhook_id, d.last_error, d.updated_at FROM deliveries d WHERE d.id IN "
            "(SELECT max(id) FROM deliveries WHERE webhook_id IS NOT NULL AND last_error <> '' "
            "GROUP BY webhook_id)");
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool row, e.step());
      if (!row) break;
      auto& r = at(e.i64(0));
      r.lastError = e.text(1);
      r.lastErrorAt = e.time(2);
    }
    return out;
  }
  Result<int64_t> insertDelivery(const DeliveryRow& r) override {
    PREPARE(s, "INSERT INTO deliveries (" DLV_COLS ") VALUES (NULL,?,?,?,?,?,?,?,?,?,?,?,?)");
    bindAll(s, r);
    TB_RETURN_IF_ERROR(s.run());
    return conn_.lastInsertId();
  }
  Status updateDelivery(const DeliveryRow& r) override {
    PREPARE(s,
            "UPDATE deliveries SET channel=?, target=?, webhook_id=?, event_id=?, topic=?, "
            "payload=?, status=?, attempts=?, "
            "last_error=?, next_attempt_at=?, created_at=?, updated_at=? WHERE id=? AND "
            "status = 'pending'");
    bindAll(s, r);
    s.bind(13, r.id);
    return s.run();
  }
  Result<std::vector<DeliveryRow>> dueDeliveries(TimePoint now, int limit) override {
    PREPARE(s, "SELECT " DLV_COLS
               " FROM deliveries WHERE status = 'pending' AND next_attempt_at <= ? AND "
               "(webhook_id IS NULL OR webhook_id IN (SELECT id FROM webhooks WHERE active = 1)) "
               "ORDER BY next_attempt_at, id LIMIT ?");
    s.bind(1, now).bind(2, limit);
    return many(s);
  }
  Result<std::vector<DeliveryRow>> deliveries(std::optional<int64_t> webhookId,
                                              int limit) override {
    PREPARE(s, "SELECT " DLV_COLS
               " FROM deliveries WHERE (?1 IS NULL OR webhook_id = ?1) ORDER BY id DESC LIMIT ?2");
    s.bind(1, webhookId).bind(2, limit);
    return many(s);
  }
  Result<DeliveryRow> deliveryById(int64_t id) override {
    PREPARE(s, "SELECT " DLV_COLS " FROM deliveries WHERE id = ?");
    s.bind(1, id);
    TB_ASSIGN_OR_RETURN(auto rows, many(s));
    if (rows.empty()) return Status::NotFound("delivery not found");
    return rows.front();
  }
  Status requeueDelivery(int64_t id, TimePoint now) override {
    PREPARE(s,
            "UPDATE deliveries SET status = 'pending', attempts = 0, next_attempt_at = ?1, "
            "updated_at = ?1 WHERE id = ?2 AND status = 'failed'");
    s.bind(1, now).bind(2, id);
    TB_RETURN_IF_ERROR(s.run());
    if (conn_.changes() == 0) return Status::Conflict("only a failed delivery can be retried");
    return Status::Ok();
  }

 private:
  static void bindAll(Stmt& s, const DeliveryRow& r) {
    s.bind(1, r.channel)
        .bind(2, r.target)
        .bind(3, r.webhookId)
        .bind(4, r.eventId)
        .bind(5, r.topic)
        .bind(6, r.payload);
    s.bind(7, r.status)
        .bind(8, int64_t(r.attempts))
        .bind(9, r.lastError)
        .bind(10, r.nextAttemptAt)
        .bind(11, r.createdAt);
    s.bind(12, r.updatedAt);
  }
  static Result<std::vector<DeliveryRow>> many(Stmt& s) {
    std::vector<DeliveryRow> out;
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool row, s.step());
      if (!row) break;
      DeliveryRow r;
      r.id = s.i64(0);
      r.channel = s.text(1);
      r.target = s.text(2);
      r.webhookId = s.optI64(3);
      r.eventId = s.i64(4);
      r.topic = s.text(5);
      r.payload = s.text(6);
      r.status = s.text(7);
      r.attempts = int(s.i64(8));
      r.lastError = s.text(9);
      r.nextAttemptAt = s.time(10);
      r.createdAt = s.time(11);
      r.updatedAt = s.time(12);
      out.push_back(std::move(r));
    }
    return out;
  }
};

}  // namespace

std::unique_ptr<OutboxRepository> MakeSqliteOutbox(SqliteConnection& conn) {
  return std::make_unique<SqliteOutbox>(conn);
}

std::unique_ptr<NotificationRepository> MakeSqliteNotifications(SqliteConnection& conn) {
  return std::make_unique<SqliteNotifications>(conn);
}

}  // namespace tongban::db
