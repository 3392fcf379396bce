#pragma once
// Delivery of a case's result: the applicant chooses among the item's options (pickup at a unit
// or an overseas liaison site, post abroad, home delivery for elderly or disabled people,
// electronic), staff and carriers record its way, and the person receives it against a one-time
// pickup code or confirms the post arrived. Every step is audited, kept as a delivery event (the
// case page shows them) and written to the outbox (topic `delivery.updated`, which notify/ turns
// into the applicant's notifications).
//
// cases/ does not know this module: server/delivery_hook.* ties it to the case's steps (a
// delivery opens on `issue`, `deliver` needs a hand-over), and api/delivery_api.cc runs a
// hand-over inside the `deliver` transition (CaseService::transition's alsoInTx).

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "catalog/catalog.h"
#include "common/actor.h"
#include "common/clock.h"
#include "common/json.h"
#include "common/status.h"
#include "db/database.h"
#include "reference/reference.h"

namespace tongban::delivery {

//! Wrong codes before a pickup code locks (staff then issue a new one with `resend`).
inline constexpr int kMaxCodeFailures = 5;

struct ChooseRequest {
  std::string option;                 // pickup | post | home | electronic
  std::optional<int64_t> siteUnitId;  // pickup and home
  std::optional<json::object> address;
  bool needsHomeDelivery = false;  // the applicant says they are elderly or disabled
};

struct EventRequest {
  std::string kind;  // in_transit | out_for_delivery | delivered | failed | returned | note
  std::string note, location;
  std::string externalId;  // carriers: their event id (applied once)
};

class DeliveryService {
 public:
  //! `codeKey`: the server's secret from which pickup codes are derived (never stored in the
  //! database, so a copy of it does not reveal codes).
  DeliveryService(db::Database& db, const Clock& clock, const reference::ReferenceData& ref,
                  std::string codeKey);

  // ---- parts of the case's own steps (server/delivery_hook.*), inside its transaction.
  //! Before `deliver`: the person must have received it (or there is nothing to hand over).
  Status checkHandedOver(db::Transaction& tx, const db::CaseRow& c, const catalog::Item& item);
  //! After `issue`: the delivery opens (ready; a pickup code for pickup and home delivery).
  Status open(db::Transaction& tx, const Actor& actor, const db::CaseRow& c,
              const catalog::Item& item);
  //! After `deliver`: a delivery not yet marked handed over is marked so (a post that arrived).
  Status delivered(db::Transaction& tx, const Actor& actor, const db::CaseRow& c);
  //! `view["delivery"]` as `actor` sees it.
  void describe(db::Transaction& tx, const Actor& actor, const db::CaseRow& c,
                const catalog::Item& item, json::object& view);
  //! The hand-over against the pickup code, run inside the `deliver` transition. Refuses a
  //! wrong or used code (call verifyCode first, in its own transaction, so failures count).
  Status handOverIn(db::Transaction& tx, const Actor& actor, const db::CaseRow& c,
                    const std::string& code);
  //! The applicant (or their liaison) confirms the post arrived, inside `deliver`.
  Status receivedIn(db::Transaction& tx, const Actor& actor, const db::CaseRow& c);

  // ---- own transactions. Each answers Ok or why not; the API then answers with the case.
  //! Checks a pickup code before the hand-over and counts a wrong one (locked after
  //! kMaxCodeFailures). Only staff who may hand this delivery over.
  Status verifyCode(const Actor& actor, int64_t caseId, const std::string& code);
  Status choose(const Actor& actor, int64_t caseId, const ChooseRequest& req);
  Status dispatch(const Actor& actor, int64_t caseId, const std::string& carrier,
                  const std::string& trackingNo);
  Status addEvent(const Actor& actor, int64_t caseId, const EventRequest& req);
  Status markReturned(const Actor& actor, int64_t caseId, const std::string& note);
  //! Sends a returned delivery again (a new code for pickup and home), or issues a new code
  //! for a locked one.
  Status resend(const Actor& actor, int64_t caseId, const std::string& note);
  Status assign(const Actor& actor, int64_t caseId, int64_t userId);
  //! Who may take a home delivery of this case: staff of its site and of the case's unit.
  Result<json::array> officers(const Actor& actor, int64_t caseId);
  //! An event pushed by a carrier (signature already checked by the API). NotFound for an
  //! unknown tracking number; Ok without a change for an event id seen before.
  Result<bool> carrierEvent(const Actor& actor, const std::string& carrier,
                            const std::string& trackingNo, const EventRequest& req);

 private:
  std::string codeFor(const db::CaseDeliveryRow& d) const;
  void newCode(db::CaseDeliveryRow& d) const;
  bool codeMatches(const db::CaseDeliveryRow& d, const std::string& code) const;
  Status record(db::Transaction& tx, const Actor& actor, const db::CaseRow& c,
                db::CaseDeliveryRow& d, const std::string& kind, const std::string& source,
                const std::string& note = "", const std::string& location = "",
                const std::string& externalId = "", bool notify = false);
  Result<db::CaseDeliveryRow> loadOrOpen(db::Transaction& tx, const db::CaseRow& c,
                                         const catalog::Item& item);
  bool mayHandOver(const Actor& actor, const db::CaseRow& c, const db::CaseDeliveryRow& d) const;
  bool worksCase(const Actor& actor, const db::CaseRow& c) const;
  //! Runs `fn` on the case `actor` may see, with its item and delivery, in a write transaction.
  Status change(const Actor& actor, int64_t caseId,
                const std::function<Status(db::Transaction&, const db::CaseRow&,
                                           const catalog::Item&, db::CaseDeliveryRow&)>& fn);

  db::Database& db_;
  const Clock& clock_;
  const reference::ReferenceData& ref_;
  std::string codeKey_;
};

//! The delivery options `item` offers, in its order ("home" is added separately).
bool Offers(const catalog::Item& item, const std::string& option);

}  // namespace tongban::delivery
