#pragma once
// Turns committed outbox events into what reaches people: an in-app notification (pushed live),
// an e-mail in the person's language, and signed webhooks for departments and enterprises.
// E-mails and webhooks are queued as deliveries in the same transaction and sent by the
// DeliveryWorker, which retries with backoff and keeps a delivery log.
//
// One notification per event that matters to the person (see README "Notifications"): for a
// case, the transitions the workflow marks `notify_applicant` (received, supplement requested,
// decided, issued, delivered), and a transition that the rule engine carries on at once in the
// same transaction (an instant item: submitted → accepted → approved → issued) tells only its
// final outcome. Case notifications are titled by the service's name in the person's language.
// In-app notifications always go; e-mail follows the person's choice per kind.

#include <functional>
#include <memory>
#include <string>

#include "catalog/catalog.h"
#include "catalog/units.h"
#include "common/clock.h"
#include "common/json.h"
#include "db/database.h"

namespace tongban::notify {

struct Message {
  std::string kind;
  std::string title;
  std::string body;
  std::string link;  // path in the web app
};

//! Every kind of notification, for tests and documentation.
const std::vector<std::string>& Kinds();

//! The e-mail preference a kind falls under: "cases", "appointments" or "consultations".
std::string EmailCategory(const std::string& kind);

//! The message for `kind` in `locale` (zh-CN, en, it, es, fr, pt, de; others get English),
//! with {placeholders} filled from `vars`. Optional parts (a reply-by date) are added only when
//! their variable is set.
Message Render(const std::string& kind, const std::string& locale, const json::object& vars);

//! "{what}" and "{place}" of an appointment message in `locale`: the kind of appointment and
//! where it is (the unit, and its address for a visit in person).
json::object AppointmentVars(const std::string& locale, const std::string& purpose,
                             const std::string& unitName, const std::string& address,
                             const std::string& startsAt);

//! The catalogue and the units as they are now (they can be reloaded).
struct Lookups {
  std::function<std::shared_ptr<const catalog::Catalog>()> catalog;
  std::function<std::shared_ptr<const catalog::UnitDirectory>()> units;
};

class NotificationCenter {
 public:
  using Push = std::function<void(int64_t userId, const json::object& message)>;
  //! `emailEnabled`: queue e-mails (an SMTP server is configured).
  NotificationCenter(db::Database& db, const Clock& clock, bool emailEnabled, Push push,
                     Lookups lookups = {})
      : db_(db),
        clock_(clock),
        emailEnabled_(emailEnabled),
        push_(std::move(push)),
        lookups_(std::move(lookups)) {}

  //! Handles outbox events in one transaction; returns false to have the relay retry them.
  bool handle(const std::vector<db::OutboxRow>& events);

 private:
  Status handleOne(db::Transaction& tx, const db::OutboxRow& event,
                   const std::vector<db::WebhookRow>& hooks,
                   std::vector<std::pair<int64_t, json::object>>& pushed);
  Status caseChanged(db::Transaction& tx, const json::object& p, const db::OutboxRow& event,
                     std::vector<std::pair<int64_t, json::object>>& pushed);
  Status deliveryChanged(db::Transaction& tx, const json::object& p, const db::OutboxRow& event,
                         std::vector<std::pair<int64_t, json::object>>& pushed);
  Status appointment(db::Transaction& tx, const std::string& kind, const json::object& p,
                     const db::OutboxRow& event,
                     std::vector<std::pair<int64_t, json::object>>& pushed);
  //! The catalogue item's name in the reader's language (its code if unknown).
  std::string serviceName(const std::string& itemCode, const std::string& locale) const;
  //! Writes the in-app notification for `user`, pushes it live, and queues the e-mail when the
  //! person wants this kind by e-mail.
  Status notify(db::Transaction& tx, const db::UserRow& user, const std::string& kind,
                const json::object& vars, const db::OutboxRow& event,
                std::vector<std::pair<int64_t, json::object>>& pushed);

  db::Database& db_;
  const Clock& clock_;
  bool emailEnabled_;
  Push push_;
  Lookups lookups_;
};

}  // namespace tongban::notify
