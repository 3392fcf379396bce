#pragma once
// Ties deliveries (delivery/) to a case's steps, which neither module may do itself: a delivery
// opens when the result is issued, `deliver` waits until the person has received it, and the
// case view carries the delivery as its reader may see it.

#include "cases/case_hook.h"
#include "delivery/delivery_service.h"

namespace tongban::server {

class DeliveryHook final : public cases::CaseHook {
 public:
  explicit DeliveryHook(delivery::DeliveryService& delivery) : delivery_(delivery) {}

  Status before(db::Transaction& tx, const Actor& actor, const db::CaseRow& c,
                const catalog::Item& item, const std::string& action,
                const std::string& to) override;
  Status after(db::Transaction& tx, const Actor& actor, const db::CaseRow& c,
               const catalog::Item& item, const std::string& action,
               const std::string& from) override;
  void describe(db::Transaction& tx, const Actor& actor, const db::CaseRow& c,
                const catalog::Item& item, json::object& view) override;

 private:
  delivery::DeliveryService& delivery_;
};

}  // namespace tongban::server
