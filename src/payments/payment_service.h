#pragma once
// Fees on cases: what a case owes (from its catalogue item), payments recorded at a window, in
// cash at a liaison site or by a proxy (a relative paying for an elderly parent), numbered
// receipts (a gap-free sequence per issuing unit and year, e.g. QT-EEB-2026-000042), refunds
// when a paid case is refused or withdrawn, and the receipt PDF. Every change is audited and
// written to the outbox in the same transaction.
//
// cases/ does not know this module: server/payment_hook.* calls the functions that take a
// db::Transaction& from the case's own transaction (refuse `issue` while unpaid, a refund due
// on a refusal, the fee in the case view).

#include <optional>
#include <string>

#include "access/mandate_use.h"
#include "catalog/catalog.h"
#include "common/actor.h"
#include "common/clock.h"
#include "common/json.h"
#include "db/database.h"
#include "payments/payment_provider.h"
#include "reference/reference.h"

namespace tongban::payments {

//! What a case owes.
struct Fee {
  int64_t amountCents = 0;  // 0: nothing to pay
  std::string currency = "CNY";
  catalog::Item::FeeDue due = catalog::Item::FeeDue::kBeforeIssue;
};

//! The fee of `item` for a case with `formJson`: the catalogue's amount, or the form's number
//! named by the item's `fee_from_field` (a fine).
Fee FeeOf(const catalog::Item& item, const std::string& formJson);

//! none | unpaid | paid | refund_due | refunded
std::string FeeStatus(const db::CaseRow& c, const Fee& fee,
                      const std::vector<db::PaymentRow>& rows);

struct PaymentRequest {
  std::string method;     // window | site_cash
  std::string payerKind;  // applicant | proxy
  std::string payerName;  // proxy only
  std::string payerRelationship;
  std::optional<double> amount;  // if given, must be the fee
  std::string note;
  //! A proxy paying under a power of attorney: it must be active and grant `pay` on the case;
  //! the payer is then the grantee and the receipt names the mandate.
  std::optional<int64_t> mandateId;
};

struct RefundRequest {
  std::string method;  // window | site_cash: where the money is handed back
  std::string note;
};

struct ReceiptFile {
  std::string filename;
  std::string pdf;
};

//! Relationships a proxy payer may have to the applicant.
const std::vector<std::string>& Relationships();

class PaymentService {
 public:
  //! `calendarOffsetMinutes`: the zone whose year numbers the receipts (China Standard Time).
  PaymentService(db::Database& db, const Clock& clock, const reference::ReferenceData& ref,
                 PaymentProvider& provider, int calendarOffsetMinutes = 480);

  //! Powers of attorney (mandates/, wired by server/): checks and records a payment by a proxy
  //! under a mandate.
  void setMandateUses(access::MandateUses* m) { mandates_ = m; }

  // In the case's transaction (server/payment_hook.*).
  //! Conflict with field `fee` while a fee due before issue is unpaid.
  Status checkIssue(db::Transaction& tx, const db::CaseRow& c, const catalog::Item& item) const;
  //! The case was refused or withdrawn: a paid fee becomes refund_due (audited).
  Status refundDue(db::Transaction& tx, const Actor& actor, const db::CaseRow& c) const;
  //! The case's fee as `actor` sees it; nullopt when the item has no fee and nothing was paid.
  Result<std::optional<json::object>> describe(db::Transaction& tx, const Actor& actor,
                                               const db::CaseRow& c,
                                               const catalog::Item& item) const;

  //! Records a payment of the case's fee: officers and supervisors at their unit's window,
  //! liaison officers in cash at their site. Answers the fee as the caller sees it.
  Result<json::object> recordPayment(const Actor& actor, int64_t caseId, const PaymentRequest& r);
  //! Records that a fee due for refund was paid back; the refund gets its own receipt.
  Result<json::object> recordRefund(const Actor& actor, int64_t caseId, const RefundRequest& r);
  //! The receipt PDF of a payment or refund, for the applicant and the staff who see the case
  //! (their read is audited).
  Result<ReceiptFile> receipt(const Actor& actor, int64_t paymentId);

 private:
  Status checkRecorder(const Actor& actor, const std::string& method) const;
  Result<std::string> nextReceiptNo(db::Transaction& tx, const db::CaseRow& c) const;
  json::object feeJson(db::Transaction& tx, const Actor& actor, const db::CaseRow& c,
                       const Fee& fee, const std::vector<db::PaymentRow>& rows) const;

  db::Database& db_;
  const Clock& clock_;
  const reference::ReferenceData& ref_;
  PaymentProvider& provider_;
  int offsetMinutes_;
  access::MandateUses* mandates_ = nullptr;
};

}  // namespace tongban::payments
