// SQLite repository of payments, refunds and receipt counters (db/payments_store.h).

#include "db/sqlite/sqlite_repo.h"

namespace tongban::db {

namespace {

#define PAYMENT_COLS                                                                            \
  "id, case_id, kind, amount_cents, currency, method, payer_kind, payer_name, "                 \
  "payer_relationship, unit_id, provider, provider_ref, receipt_no, recorded_by, recorded_at, " \
  "refund_of, refund_due_since, note, mandate_id"

PaymentRow ReadPayment(const Stmt& s) {
  PaymentRow p;
  p.id = s.i64(0);
  p.caseId = s.i64(1);
  p.kind = s.text(2);
  p.amountCents = s.i64(3);
  p.currency = s.text(4);
  p.method = s.text(5);
  p.payerKind = s.text(6);
  p.payerName = s.text(7);
  p.payerRelationship = s.text(8);
  p.unitId = s.optI64(9);
  p.provider = s.text(10);
  p.providerRef = s.text(11);
  p.receiptNo = s.text(12);
  p.recordedBy = s.i64(13);
  p.recordedAt = s.time(14);
  p.refundOf = s.optI64(15);
  p.refundDueSince = s.optTime(16);
  p.note = s.text(17);
  p.mandateId = s.optI64(18);
  return p;
}

class SqlitePayments final : public PaymentRepository, Repo {
 public:
  using Repo::Repo;
  Result<int64_t> insert(const PaymentRow& p) override {
    PREPARE(s, "INSERT INTO payments (" PAYMENT_COLS
               ") VALUES (NULL,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    s.bind(1, p.caseId).bind(2, p.kind).bind(3, p.amountCents).bind(4, p.currency);
    s.bind(5, p.method).bind(6, p.payerKind).bind(7, p.payerName).bind(8, p.payerRelationship);
    s.bind(9, p.unitId).bind(10, p.provider).bind(11, p.providerRef).bind(12, p.receiptNo);
    s.bind(13, p.recordedBy).bind(14, p.recordedAt).bind(15, p.refundOf);
    s.bind(16, p.refundDueSince).bind(17, p.note).bind(18, p.mandateId);
    TB_RETURN_IF_ERROR(s.run());
    return conn_.lastInsertId();
  }
  Result<PaymentRow> byId(int64_t id) override {
    PREPARE(s, "SELECT " PAYMENT_COLS " FROM payments WHERE id = ?");
    s.bind(1, id);
    TB_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) return Status::NotFound("payment not found");
    return ReadPayment(s);
  }
  Result<std::vector<PaymentRow>> byCase(int64_t caseId) override {
    PREPARE(s, "SELECT " PAYMENT_COLS " FROM payments WHERE case_id = ? ORDER BY id");
    s.bind(1, caseId);
    std::vector<PaymentRow> out;
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool row, s.step());
      if (!row) break;
      out.push_back(ReadPayment(s));
    }
    return out;
  }
  Status setRefundDue(int64_t paymentId, TimePoint since) override {
    PREPARE(s, "UPDATE payments SET refund_due_since = ? WHERE id = ? AND kind = 'payment'");
    s.bind(1, since).bind(2, paymentId);
    TB_RETURN_IF_ERROR(s.run());
    if (conn_.changes() == 0) return Status::NotFound("payment not found");
    return Status::Ok();
  }
  Result<int64_t> nextReceiptNumber(const std::string& issuer, int year) override {
    PREPARE(s,
            "INSERT INTO receipt_counters (issuer, year, last) VALUES (?1, ?2, 1) "
            "ON CONFLICT (issuer, year) DO UPDATE SET last = last + 1 RETURNING last");
    s.bind(1, issuer).bind(2, int64_t(year));
    TB_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) return Status::Internal("receipt counter did not answer");
    int64_t n = s.i64(0);
    // Finish the statement so the next call starts it afresh.
    TB_ASSIGN_OR_RETURN(bool more, s.step());
    (void)more;
    return n;
  }
};

#undef PAYMENT_COLS

}  // namespace

std::unique_ptr<PaymentRepository> MakeSqlitePayments(SqliteConnection& conn) {
  return std::make_unique<SqlitePayments>(conn);
}

}  // namespace tongban::db
