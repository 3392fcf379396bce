#pragma once
// Who takes the money. A PaymentProvider records a payment or a refund and answers its own
// reference for it. The only implementation records money handed over at a counter (a unit's
// window, or cash at an overseas liaison site), which is how fees are paid today; an online
// provider would be a second implementation, not a change to PaymentService.

#include <cstdint>
#include <string>

#include "common/status.h"
#include "db/database.h"

namespace tongban::payments {

//! One movement of money as the provider sees it.
struct Movement {
  std::string kind;    // payment | refund
  std::string method;  // window | site_cash
  int64_t amountCents = 0;
  std::string currency;
  std::string caseNo;
  std::string receiptNo;
};

class PaymentProvider {
 public:
  virtual ~PaymentProvider() = default;
  //! Stored with each payment ("counter").
  virtual std::string name() const = 0;
  //! Whether this provider takes `method`.
  virtual bool accepts(const std::string& method) const = 0;
  //! Records `m` inside the transaction of the payment; the answer is the provider's reference.
  virtual Result<std::string> record(db::Transaction& tx, const Movement& m) = 0;
};

//! Money handed over in person and counted by the officer or liaison officer who records it:
//! nothing to call, the receipt number is the reference.
class CounterPayments final : public PaymentProvider {
 public:
  std::string name() const override { return "counter"; }
  bool accepts(const std::string& method) const override {
    return method == "window" || method == "site_cash";
  }
  Result<std::string> record(db::Transaction&, const Movement& m) override {
    if (!accepts(m.method)) return Status::InvalidField("method", "option", "window or site_cash");
    return m.method + ":" + m.receiptNo;
  }
};

}  // namespace tongban::payments
