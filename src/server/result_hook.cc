#include "server/result_hook.h"

namespace tongban::server {

Status ResultHook::after(db::Transaction& tx, const Actor& actor, const db::CaseRow& c,
                         const catalog::Item& item, const std::string& action,
                         const std::string& /*from*/) {
  // Every workflow's issuing step is called `issue`; items without a result (queries) have none.
  if (action != "issue" || !item.result) return Status::Ok();
  return results_.issueIn(tx, actor, c, item).status();
}

void ResultHook::describe(db::Transaction& tx, const Actor& actor, const db::CaseRow& c,
                          const catalog::Item& item, json::object& view) {
  if (!item.result) return;
  view["results"] = results_.describeIn(tx, actor, c);
}

}  // namespace tongban::server
