#pragma once
// What a person and an administrator read and change of notify/'s own data, for the API: the
// person's in-app notifications and e-mail choices (Inbox), and the webhooks with their delivery
// log (Webhooks). Sending stays with NotificationCenter and DeliveryWorker.

#include <optional>
#include <string>
#include <vector>

#include "common/actor.h"
#include "common/clock.h"
#include "common/status.h"
#include "db/database.h"

namespace tongban::notify {

//! The newest notifications of one person and how many are unread.
struct InboxPage {
  std::vector<db::NotificationRow> notifications;
  int64_t unread = 0;
};

//! A change to the e-mail choices; unset members stay as they are (in-app is always on).
struct EmailChoices {
  std::optional<bool> cases;
  std::optional<bool> appointments;
  std::optional<bool> consultations;
};

class Inbox {
 public:
  Inbox(db::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  //! The person's newest notifications (at most `limit`) and their unread count.
  Result<InboxPage> list(int64_t userId, int limit);
  //! Marks one of the person's own notifications read, now.
  Status markRead(int64_t userId, int64_t notificationId);
  Result<db::NotificationPrefsRow> preferences(int64_t userId);
  //! Applies `change` to the person's choices and returns them as stored.
  Result<db::NotificationPrefsRow> setPreferences(int64_t userId, const EmailChoices& change);

 private:
  db::Database& db_;
  const Clock& clock_;
};

//! A webhook with its delivery counts (stats is empty when it has had no deliveries).
struct WebhookView {
  db::WebhookRow hook;
  std::optional<db::WebhookStatsRow> stats;
};

//! Webhooks and the delivery log: administrators only (PermissionDenied for anyone else).
class Webhooks {
 public:
  Webhooks(db::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  //! PermissionDenied with `why` unless the actor is an administrator; callers check this before
  //! reading their input, so a refused caller learns nothing about what input is valid.
  static Status CheckAdmin(const Actor& actor, const std::string& why);

  //! Registers a webhook with a fresh secret (returned in the row, shown once) and its audit
  //! event.
  Result<db::WebhookRow> create(const Actor& actor, std::optional<int64_t> ownerUnitId,
                                const std::string& url, const std::string& topicsJson);
  //! Every webhook, newest first.
  Result<std::vector<WebhookView>> list(const Actor& actor);
  //! Disables or enables a webhook (audited) and returns it as it is now.
  Result<WebhookView> setDisabled(const Actor& actor, int64_t id, bool disabled);
  //! The newest deliveries (e-mails and webhooks), at most `limit`.
  Result<std::vector<db::DeliveryRow>> deliveries(const Actor& actor, int limit);
  //! A failed delivery back to pending, due now, attempts counted afresh (audited).
  Result<db::DeliveryRow> retry(const Actor& actor, int64_t deliveryId);

 private:
  db::Database& db_;
  const Clock& clock_;
};

}  // namespace tongban::notify
