#pragma once
// Powers of attorney (mandates/): a grantor authorises a grantee to take some steps of their
// cases, within a scope and between two dates; what each use of one was. Reached through
// db::Transaction (db/database.h). Every method returns a non-OK Status on error.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"

namespace tongban::db {

struct MandateRow {
  int64_t id = 0;
  int64_t grantorId = 0;
  std::optional<int64_t> granteeId;  // empty until a person at home claims it
  // The person at home named by the grantor (also kept once bound: the letter names them).
  std::string granteeName, granteeIdNumber, granteePhone, granteeEmail;
  std::string claimHash;  // sha256 of the one-time claim code; "" once claimed or not needed
  int claimFailures = 0;
  std::string itemsJson = "[]";   // scope: item codes …
  std::optional<int64_t> caseId;  // … or one case
  std::string stepsJson = "[]";   // submit | supplement | pay | collect | sign_delivery
  Date validFrom, validUntil;
  std::string state = "requested";  // requested | verified | rejected | revoked
  int64_t unitId = 0;               // the unit whose officers check it
  std::optional<int64_t> letterDocumentId, idDocumentId;
  std::string checkMethod;  // document | video ("" until checked)
  std::optional<int64_t> checkedBy;
  std::optional<TimePoint> checkedAt;
  std::string checkNote;
  std::optional<int64_t> videoSessionId;
  std::optional<TimePoint> revokedAt;
  TimePoint createdAt, updatedAt;
};

//! One step a grantee took (or that staff recorded for them) under a mandate.
struct MandateUseRow {
  int64_t id = 0;
  int64_t mandateId = 0;
  int64_t caseId = 0;
  std::string step;       // submit | supplement | pay | collect | sign_delivery | read
  std::string action;     // what was done: create, submit, document, payment, handover, …
  std::string reference;  // receipt number, document id, …
  int64_t granteeId = 0;
  std::optional<int64_t> recordedBy;  // staff who recorded it (payments, hand-overs)
  TimePoint at;
};

class MandateRepository {
 public:
  virtual ~MandateRepository() = default;
  virtual Result<int64_t> insert(const MandateRow& m) = 0;
  virtual Status update(const MandateRow& m) = 0;
  virtual Result<MandateRow> byId(int64_t id) = 0;
  virtual Result<MandateRow> byClaimHash(const std::string& hash) = 0;
  virtual Result<std::vector<MandateRow>> byGrantor(int64_t userId) = 0;
  virtual Result<std::vector<MandateRow>> byGrantee(int64_t userId) = 0;
  //! Requested mandates whose check belongs to one of `unitIds`, oldest first.
  virtual Result<std::vector<MandateRow>> pending(const std::vector<int64_t>& unitIds) = 0;
  virtual Result<int64_t> insertUse(const MandateUseRow& u) = 0;
  virtual Result<std::vector<MandateUseRow>> usesByCase(int64_t caseId) = 0;
};

}  // namespace tongban::db
