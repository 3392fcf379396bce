#pragma once
// Events and what they become: the outbox, in-app notifications, e-mail choices, webhooks
// and the delivery log.
// Rows are plain data as the repositories hand them to domain code; timestamps are
// TimePoint (UTC) and calendar dates Date (common/clock.h); the store converts them to its
// own column types. Every method returns a
// non-OK Status on error. Reached through db::Transaction (db/database.h).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"

namespace tongban::db {

struct OutboxRow {
  int64_t id = 0;
  TimePoint at;
  std::string topic;
  std::string payloadJson;
};

struct NotificationRow {
  int64_t id = 0;
  int64_t userId = 0;
  TimePoint at;
  std::string kind, title, body, link;
  std::optional<TimePoint> readAt;
};

//! Per-person e-mail choices by kind of notification; in-app notifications are always on.
struct NotificationPrefsRow {
  int64_t userId = 0;
  bool emailCases = true;          // case updates (and identity check results)
  bool emailAppointments = true;   // confirmations, changes, reminders
  bool emailConsultations = true;  // replies to questions
  TimePoint updatedAt;
};

struct WebhookRow {
  int64_t id = 0;
  std::optional<int64_t> ownerUnitId;
  std::string url, secret;
  std::string topicsJson = "[]";
  bool active = true;
  TimePoint createdAt;
};

struct DeliveryRow {
  int64_t id = 0;
  std::string channel;  // email | webhook
  std::string target;   // address or URL
  std::optional<int64_t> webhookId;
  int64_t eventId = 0;
  std::string topic, payload;
  std::string status = "pending";  // pending | sent | failed
  int attempts = 0;
  std::string lastError;
  TimePoint nextAttemptAt, createdAt, updatedAt;
};

//! One webhook's deliveries by status, and its most recent error.
struct WebhookStatsRow {
  int64_t webhookId = 0;
  std::map<std::string, int64_t> byStatus;  // pending | sent | failed → count
  std::string lastError;
  std::optional<TimePoint> lastErrorAt;
};

class OutboxRepository {
 public:
  virtual ~OutboxRepository() = default;
  virtual Status append(const OutboxRow& row) = 0;
  virtual Result<std::vector<OutboxRow>> pending(int limit) = 0;
  virtual Status markDelivered(const std::vector<int64_t>& ids, TimePoint at) = 0;
};

class NotificationRepository {
 public:
  virtual ~NotificationRepository() = default;
  virtual Result<int64_t> insert(const NotificationRow& row) = 0;
  virtual Result<std::vector<NotificationRow>> byUser(int64_t userId, int limit) = 0;
  virtual Status markRead(int64_t userId, int64_t id, TimePoint at) = 0;
  virtual Result<int64_t> unread(int64_t userId) = 0;
  //! The person's e-mail choices; all on when they never chose.
  virtual Result<NotificationPrefsRow> preferences(int64_t userId) = 0;
  virtual Status setPreferences(const NotificationPrefsRow& row) = 0;
  virtual Result<int64_t> insertWebhook(const WebhookRow& row) = 0;
  virtual Result<std::vector<WebhookRow>> webhooks() = 0;
  //! NotFound if there is no such webhook.
  virtual Status setWebhookActive(int64_t id, bool active) = 0;
  //! Deliveries of every webhook counted by status, with each one's latest error.
  virtual Result<std::vector<WebhookStatsRow>> webhookStats() = 0;
  virtual Result<int64_t> insertDelivery(const DeliveryRow& row) = 0;
  virtual Status updateDelivery(const DeliveryRow& row) = 0;
  //! Pending deliveries whose next attempt is due at `now`; none of a disabled webhook.
  virtual Result<std::vector<DeliveryRow>> dueDeliveries(TimePoint now, int limit) = 0;
  virtual Result<std::vector<DeliveryRow>> deliveries(std::optional<int64_t> webhookId,
                                                      int limit) = 0;
  virtual Result<DeliveryRow> deliveryById(int64_t id) = 0;
  //! A failed delivery back to pending, due at `now`, its attempts counted afresh. Conflict if
  //! it is not failed (any more).
  virtual Status requeueDelivery(int64_t id, TimePoint now) = 0;
};

}  // namespace tongban::db
