#include "server/payment_hook.h"

#include "common/log.h"

namespace tongban::server {

Status PaymentHook::before(db::Transaction& tx, const Actor&, const db::CaseRow& c,
                           const catalog::Item& item, const std::string& action,
                           const std::string&) {
  if (action != "issue") return Status::Ok();
  return payments_.checkIssue(tx, c, item);
}

Status PaymentHook::after(db::Transaction& tx, const Actor& actor, const db::CaseRow& c,
                          const catalog::Item&, const std::string& action, const std::string&) {
  if (action != "reject" && action != "withdraw") return Status::Ok();
  return payments_.refundDue(tx, actor, c);
}

void PaymentHook::describe(db::Transaction& tx, const Actor& actor, const db::CaseRow& c,
                           const catalog::Item& item, json::object& view) {
  auto fee = payments_.describe(tx, actor, c, item);
  if (!fee.ok()) {
    log::Warn("fee left out of the case view",
              {{"case_id", c.id}, {"error", fee.status().message()}});
    return;
  }
  if (*fee) view["fee"] = std::move(**fee);
}

}  // namespace tongban::server
