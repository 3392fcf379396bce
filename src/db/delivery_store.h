#pragma once
// Rows and repository of the delivery of a case's result (delivery/): how the applicant receives
// it, where it is, and every step on its way. One delivery per case (migration 11).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"

namespace tongban::db {

struct CaseDeliveryRow {
  int64_t id = 0;
  int64_t caseId = 0;
  std::string option;  // pickup | post | home | electronic
  // pending (chosen, nothing issued yet) | ready (issued: waiting for pickup, dispatch or the
  // home visit) | dispatched (post: with the carrier) | arrived (post: the carrier delivered it)
  // | returned (came back undelivered) | handed_over (the person has it) | none (electronic)
  std::string status = "pending";
  std::optional<int64_t> siteUnitId;  // pickup: where; home: the site whose officer goes
  std::string addressJson = "{}";     // post and home: where to
  std::string carrier, trackingNo;
  // The pickup code is never stored: only a salt and sha256(salt + code). The code itself is
  // derived from a server key (delivery/), so the applicant can be shown it again.
  std::string codeSalt, codeHash;
  int codeFailures = 0;
  std::optional<int64_t> assigneeId;  // home delivery: the officer who takes it
  std::optional<int64_t> handedOverById;
  std::optional<TimePoint> handedOverAt;
  int attempt = 1;  // 1 + the number of times it was sent again after coming back
  TimePoint createdAt, updatedAt;
};

struct CaseDeliveryEventRow {
  int64_t id = 0;
  int64_t deliveryId = 0;
  TimePoint at;
  // chosen | ready | dispatched | in_transit | out_for_delivery | delivered | failed | returned
  // | resent | assigned | handed_over | received | code_failed | code_locked
  std::string kind;
  std::string source;  // applicant | staff | carrier | system
  std::optional<int64_t> actorId;
  std::string actorRole;
  std::string note, location;
  std::string externalId;  // the carrier's event id: an event is applied once
};

//! A member of staff who can take a home delivery.
struct DeliveryOfficer {
  int64_t id = 0;
  std::string name, role;
  int64_t unitId = 0;
};

class CaseDeliveryRepository {
 public:
  virtual ~CaseDeliveryRepository() = default;
  virtual Result<int64_t> insert(const CaseDeliveryRow& row) = 0;
  //! NotFound when no delivery was opened for the case.
  virtual Result<CaseDeliveryRow> byCase(int64_t caseId) = 0;
  virtual Status update(const CaseDeliveryRow& row) = 0;
  //! Deliveries sent with `carrier` under `trackingNo` (normally one).
  virtual Result<std::vector<CaseDeliveryRow>> byTracking(const std::string& carrier,
                                                          const std::string& trackingNo) = 0;
  virtual Result<int64_t> appendEvent(const CaseDeliveryEventRow& row) = 0;
  //! Oldest first.
  virtual Result<std::vector<CaseDeliveryEventRow>> events(int64_t deliveryId) = 0;
  virtual Result<bool> hasExternalEvent(int64_t deliveryId, const std::string& externalId) = 0;
  //! Enabled liaison officers, officers and supervisors of `unitIds`.
  virtual Result<std::vector<DeliveryOfficer>> officers(const std::vector<int64_t>& unitIds) = 0;
};

}  // namespace tongban::db
