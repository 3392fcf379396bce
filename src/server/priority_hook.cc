#include "server/priority_hook.h"

namespace tongban::server {

Status PriorityHook::clockStarted(db::Transaction& tx, db::CaseRow& c, const catalog::Item&) {
  // Approved before the office accepted it: the legal clock starts now, but the deadline stays
  // the shortened one the supervisor granted.
  if (auto due = green_.expeditedDeadline(tx, c); due && (!c.deadline || *c.deadline > *due))
    c.deadline = due;
  return Status::Ok();
}

void PriorityHook::summarize(db::Transaction& tx, const Actor&, const db::CaseRow& c,
                             json::object& view) {
  view["expedited"] = c.priority == "urgent" && green_.expeditedDeadline(tx, c).has_value();
  view["specialist_team"] = difficult_.handedOver(tx, c);
}

void PriorityHook::describe(db::Transaction& tx, const Actor& actor, const db::CaseRow& c,
                            const catalog::Item&, json::object& view) {
  view["green_channel"] = green_.describe(tx, actor, c);
  if (auto s = difficult_.describe(tx, actor, c)) view["specialist"] = std::move(*s);
}

}  // namespace tongban::server
