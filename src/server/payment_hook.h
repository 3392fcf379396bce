#pragma once
// Fees in a case's steps, wired here because cases/ and payments/ do not know each other: an
// unpaid fee due before issue refuses `issue`, a refusal or withdrawal makes a paid fee due for
// refund, and the case view carries the fee (`fee`).

#include "cases/case_hook.h"
#include "payments/payment_service.h"

namespace tongban::server {

class PaymentHook final : public cases::CaseHook {
 public:
  explicit PaymentHook(payments::PaymentService& payments) : payments_(payments) {}
  Status before(db::Transaction& tx, const Actor& actor, const db::CaseRow& c,
                const catalog::Item& item, const std::string& action,
                const std::string& to) override;
  Status after(db::Transaction& tx, const Actor& actor, const db::CaseRow& c,
               const catalog::Item& item, const std::string& action,
               const std::string& from) override;
  void describe(db::Transaction& tx, const Actor& actor, const db::CaseRow& c,
                const catalog::Item& item, json::object& view) override;

 private:
  payments::PaymentService& payments_;
};

}  // namespace tongban::server
