#pragma once
// Builds audit events. Every action, and every read of someone's personal data by another
// person, appends one in the same transaction as the change it records.

#include <optional>
#include <string>

#include "common/actor.h"
#include "common/clock.h"
#include "common/json.h"
#include "db/audit_store.h"

namespace tongban::audit {

db::AuditRow Event(const Actor& actor, TimePoint at, std::string action, std::string objectType,
                   std::string objectId, std::optional<int64_t> subjectUserId,
                   const json::object& detail = {});

}  // namespace tongban::audit
