#include "server/delivery_hook.h"

namespace tongban::server {

Status DeliveryHook::before(db::Transaction& tx, const Actor& actor, const db::CaseRow& c,
                            const catalog::Item& item, const std::string& action,
                            const std::string& to) {
  if (action != "deliver") return Status::Ok();
  return delivery_.checkHandedOver(tx, c, item);
}

Status DeliveryHook::after(db::Transaction& tx, const Actor& actor, const db::CaseRow& c,
                           const catalog::Item& item, const std::string& action,
                           const std::string& from) {
  if (action == "issue") return delivery_.open(tx, actor, c, item);
  if (action == "deliver") return delivery_.delivered(tx, actor, c);
  return Status::Ok();
}

void DeliveryHook::describe(db::Transaction& tx, const Actor& actor, const db::CaseRow& c,
                            const catalog::Item& item, json::object& view) {
  // Only once there is, or soon will be, something to deliver.
  if (c.state == "draft" || c.state == "withdrawn" || c.state == "rejected") return;
  delivery_.describe(tx, actor, c, item, view);
}

}  // namespace tongban::server
