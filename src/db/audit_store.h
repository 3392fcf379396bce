#pragma once
// The audit trail: who did what to whose data.
// Rows are plain data as the repositories hand them to domain code; timestamps are
// TimePoint (UTC) and calendar dates Date (common/clock.h); the store converts them to its
// own column types. Every method returns a
// non-OK Status on error. Reached through db::Transaction (db/database.h).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"

namespace tongban::db {

struct AuditRow {
  int64_t id = 0;
  TimePoint at;
  std::optional<int64_t> actorId;
  std::string actorRole;
  std::string action;
  std::string objectType;
  std::string objectId;
  std::optional<int64_t> subjectUserId;  // whose personal data this touched
  std::string requestId;
  std::string ip;
  std::string detailJson = "{}";
};

class AuditRepository {
 public:
  virtual ~AuditRepository() = default;
  virtual Status append(const AuditRow& row) = 0;
  //! Events that touched `userId`'s personal data, newest first.
  virtual Result<std::vector<AuditRow>> bySubject(int64_t userId, int limit) = 0;
  //! The same, leaving out what `userId` did themselves.
  virtual Result<std::vector<AuditRow>> bySubjectFromOthers(int64_t userId, int limit) = 0;
};

}  // namespace tongban::db
