#include "audit/audit.h"

namespace tongban::audit {

db::AuditRow Event(const Actor& actor, TimePoint at, std::string action, std::string objectType,
                   std::string objectId, std::optional<int64_t> subjectUserId,
                   const json::object& detail) {
  db::AuditRow row;
  row.at = at;
  row.actorId = actor.userId;
  row.actorRole = actor.role.empty() ? "anonymous" : actor.role;
  row.action = std::move(action);
  row.objectType = std::move(objectType);
  row.objectId = std::move(objectId);
  row.subjectUserId = subjectUserId;
  row.requestId = actor.requestId;
  row.ip = actor.ip;
  if (actor.proxy) {
    // Both identities: the person who acted (actorId) and whom they acted for, under which
    // power of attorney.
    json::object d = detail;
    d["acting_for"] = actor.proxy->principalId;
    d["mandate_id"] = actor.proxy->mandateId;
    row.detailJson = json::serialize(d);
  } else {
    row.detailJson = json::serialize(detail);
  }
  return row;
}

}  // namespace tongban::audit
