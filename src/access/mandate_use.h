#pragma once
// A step staff record for a grantee under a power of attorney: a payment at the counter, a
// result handed over. The module that records the step (payments/, the hand-over in api/) asks
// through this interface, inside its own transaction; mandates/ implements it and server/ wires
// it, so neither module includes the other.

#include <cstdint>
#include <string>
#include <string_view>

#include "common/actor.h"
#include "common/status.h"
#include "db/database.h"

namespace tongban::access {

struct MandateUse {
  int64_t mandateId = 0;
  int64_t granteeId = 0;
  std::string granteeName;
};

class MandateUses {
 public:
  virtual ~MandateUses() = default;
  //! Checks that mandate `mandateId` is active and allows `step` (pay | collect) on `c`, and
  //! records the use (both identities, audited, the grantor told) in `tx`. PermissionDenied
  //! (field `mandate_id`) when it does not.
  virtual Result<MandateUse> use(db::Transaction& tx, const Actor& recorder, int64_t mandateId,
                                 const db::CaseRow& c, std::string_view step,
                                 std::string_view action, const std::string& reference) = 0;
};

}  // namespace tongban::access
