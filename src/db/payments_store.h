#pragma once
// Payments: fees paid on cases and the refunds of them, each with its numbered receipt, and the
// receipt counters (one gap-free sequence per issuing unit and year). Reached through
// db::Transaction (db/database.h). Every method returns a non-OK Status on error.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"

namespace tongban::db {

//! One movement of money on a case: a payment, or the refund of one (`refundOf`).
struct PaymentRow {
  int64_t id = 0;
  int64_t caseId = 0;
  std::string kind;  // payment | refund
  int64_t amountCents = 0;
  std::string currency;
  std::string method;             // window | site_cash
  std::string payerKind;          // applicant | proxy
  std::string payerName;          // the proxy's name ("" for the applicant)
  std::string payerRelationship;  // the proxy's relationship to the applicant
  std::optional<int64_t> unitId;  // where the money changed hands (the window's or site's unit)
  std::string provider;           // which PaymentProvider recorded it ("counter")
  std::string providerRef;        // the provider's reference
  std::string receiptNo;          // unique, e.g. QT-EEB-2026-000042
  int64_t recordedBy = 0;
  TimePoint recordedAt;
  std::optional<int64_t> refundOf;          // refunds: the payment refunded
  std::optional<TimePoint> refundDueSince;  // payments: the case was refused or withdrawn
  std::string note;
  std::optional<int64_t> mandateId;  // a proxy paid under this power of attorney
};

class PaymentRepository {
 public:
  virtual ~PaymentRepository() = default;
  virtual Result<int64_t> insert(const PaymentRow& p) = 0;
  virtual Result<PaymentRow> byId(int64_t id) = 0;
  //! Payments and refunds of a case, oldest first.
  virtual Result<std::vector<PaymentRow>> byCase(int64_t caseId) = 0;
  virtual Status setRefundDue(int64_t paymentId, TimePoint since) = 0;
  //! The next number of `issuer`'s receipts in `year` (1, 2, …), counted in the same transaction
  //! as the receipt that uses it: a rolled-back payment gives its number back, so there are no
  //! gaps.
  virtual Result<int64_t> nextReceiptNumber(const std::string& issuer, int year) = 0;
};

}  // namespace tongban::db
