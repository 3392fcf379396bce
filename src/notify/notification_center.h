#pragma once
// Turns committed outbox events into what reaches people: an in-app notification (pushed live),
// an e-mail in the person's language, and signed webhooks for departments and enterprises.
// E-mails and webhooks are queued as deliveries in the same transaction and sent by the
// DeliveryWorker, which retries with backoff and keeps a delivery log.

#include <functional>
#include <string>

#include "common/clock.h"
#include "common/json.h"
#include "db/database.h"

namespace tongban::notify {

struct Message {
  std::string kind;  // case_status | supplement_request | appointment_reminder | identity_verified
                     // | consultation_reply | consultation_message
  std::string title;
  std::string body;
  std::string link;  // path in the web app
};

//! The message for `kind` in `locale` (zh-CN, en, it; others fall back to English).
Message Render(const std::string& kind, const std::string& locale, const json::object& vars);

class NotificationCenter {
 public:
  using Push = std::function<void(int64_t userId, const json::object& message)>;
  //! `emailEnabled`: queue e-mails (an SMTP server is configured).
  NotificationCenter(db::Database& db, const Clock& clock, bool emailEnabled, Push push)
      : db_(db), clock_(clock), emailEnabled_(emailEnabled), push_(std::move(push)) {}

  //! Handles outbox events in one transaction; returns false to have the relay retry them.
  bool handle(const std::vector<db::OutboxRow>& events);

 private:
  Status handleOne(db::Transaction& tx, const db::OutboxRow& event,
                   const std::vector<db::WebhookRow>& hooks,
                   std::vector<std::pair<int64_t, json::object>>& pushed);
  Status notify(db::Transaction& tx, int64_t userId, const std::string& kind,
                const json::object& vars, const db::OutboxRow& event,
                std::vector<std::pair<int64_t, json::object>>& pushed);

  db::Database& db_;
  const Clock& clock_;
  bool emailEnabled_;
  Push push_;
};

}  // namespace tongban::notify
