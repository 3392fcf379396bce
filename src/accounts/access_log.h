#pragma once
// Who looked at or changed a person's data: the person's own view of the audit trail. Staff
// appear by role and unit, never by name; each entry says what was touched and why.

#include <cstdint>

#include "common/json.h"
#include "common/status.h"
#include "db/database.h"
#include "reference/reference.h"

namespace tongban::accounts {

class AccessLog {
 public:
  AccessLog(db::Database& db, const reference::ReferenceData& reference)
      : db_(db), reference_(reference) {}

  //! The newest events (at most 200) about `userId`; `othersOnly` leaves out the person's own.
  //! Each event: at, action, actor_role, actor_unit, by_me, object_type, object_id, case and
  //! purpose (own | automatic | security | case | identity | consultation | verification |
  //! other).
  Result<json::array> events(int64_t userId, bool othersOnly);

 private:
  db::Database& db_;
  const reference::ReferenceData& reference_;
};

}  // namespace tongban::accounts
