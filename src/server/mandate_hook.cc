#include "server/mandate_hook.h"

#include "common/log.h"

namespace tongban::server {

void MandateHook::describe(db::Transaction& tx, const Actor&, const db::CaseRow& c,
                           const catalog::Item&, json::object& view) {
  auto uses = mandates_.usesOf(tx, c);
  if (!uses.ok()) {
    log::Warn("proxy actions left out of the case view",
              {{"case_id", c.id}, {"error", uses.status().message()}});
    return;
  }
  if (!uses->empty()) view["proxy_actions"] = std::move(*uses);
}

Status MandateHook::check(db::Transaction& tx, int64_t applicantId, int64_t mandateId) {
  return mandates_.checkVideoSubject(tx, applicantId, mandateId);
}

Status MandateHook::decided(db::Transaction& tx, const Actor& officer, int64_t sessionId,
                            int64_t mandateId, bool approve, const std::string& note) {
  return mandates_.videoDecided(tx, officer, sessionId, mandateId, approve, note);
}

}  // namespace tongban::server
