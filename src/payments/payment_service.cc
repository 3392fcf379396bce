#include "payments/payment_service.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "access/access.h"
#include "audit/audit.h"
#include "common/text.h"
#include "payments/receipt_pdf.h"

namespace tongban::payments {

namespace {

int64_t Cents(double amount) { return std::llround(amount * 100); }

//! 120 for 12000 cents, 12.5 for 1250: amounts as the API and the catalogue write them.
json::value Amount(int64_t cents) {
  if (cents % 100 == 0) return cents / 100;
  return double(cents) / 100;
}

//! "120.00 CNY"
std::string AmountText(int64_t cents, const std::string& currency) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%lld.%02lld %s", static_cast<long long>(cents / 100),
                static_cast<long long>(cents % 100), currency.c_str());
  return buf;
}

//! A case refused or withdrawn ends without a result: nothing is owed, and what was paid is due
//! back. A closed case owes nothing more either (it was refused, or delivered and settled).
bool EndedWithoutResult(const db::CaseRow& c) {
  return c.state == "rejected" || c.state == "withdrawn" || c.state == "closed";
}

bool AcceptsPayment(const std::string& state) {
  static const std::vector<std::string> k = {"submitted",        "accepted",       "in_review",
                                             "needs_supplement", "pending_second", "approved",
                                             "issued",           "delivered"};
  return std::find(k.begin(), k.end(), state) != k.end();
}

const db::PaymentRow* Paid(const std::vector<db::PaymentRow>& rows) {
  for (const auto& r : rows)
    if (r.kind == "payment") return &r;
  return nullptr;
}

const db::PaymentRow* RefundOf(const std::vector<db::PaymentRow>& rows, int64_t paymentId) {
  for (const auto& r : rows)
    if (r.kind == "refund" && r.refundOf && *r.refundOf == paymentId) return &r;
  return nullptr;
}

}  // namespace

const std::vector<std::string>& Relationships() {
  static const std::vector<std::string> k = {"child",      "spouse",   "parent", "sibling",
                                             "grandchild", "relative", "friend", "other"};
  return k;
}

Fee FeeOf(const catalog::Item& item, const std::string& formJson) {
  Fee f;
  f.currency = item.currency;
  f.due = item.feeDue;
  f.amountCents = Cents(item.fee);
  if (!item.feeFromField.empty()) {
    auto form = ParseJsonObject(formJson);
    f.amountCents = 0;
    if (form.ok())
      if (const auto* v = form->if_contains(item.feeFromField); v && v->is_number())
        f.amountCents = std::max<int64_t>(0, Cents(v->to_number<double>()));
  }
  return f;
}

std::string FeeStatus(const db::CaseRow& c, const Fee& fee,
                      const std::vector<db::PaymentRow>& rows) {
  if (const db::PaymentRow* p = Paid(rows)) {
    if (RefundOf(rows, p->id)) return "refunded";
    if (p->refundDueSince) return "refund_due";
    return "paid";
  }
  if (fee.amountCents <= 0 || EndedWithoutResult(c) || c.state == "draft") return "none";
  return "unpaid";
}

PaymentService::PaymentService(db::Database& db, const Clock& clock,
                               const reference::ReferenceData& ref, PaymentProvider& provider,
                               int calendarOffsetMinutes)
    : db_(db),
      clock_(clock),
      ref_(ref),
      provider_(provider),
      offsetMinutes_(calendarOffsetMinutes) {}

Status PaymentService::checkIssue(db::Transaction& tx, const db::CaseRow& c,
                                  const catalog::Item& item) const {
  Fee fee = FeeOf(item, c.formJson);
  if (fee.amountCents <= 0 || fee.due != catalog::Item::FeeDue::kBeforeIssue) return Status::Ok();
  TB_ASSIGN_OR_RETURN(auto rows, tx.payments().byCase(c.id));
  if (FeeStatus(c, fee, rows) == "paid") return Status::Ok();
  return Status(StatusCode::kConflict, "the fee has not been paid",
                {{"fee",
                  {"unpaid", "the fee of " + AmountText(fee.amountCents, fee.currency) +
                                 " must be paid before the result is issued"}}});
}

Status PaymentService::refundDue(db::Transaction& tx, const Actor& actor,
                                 const db::CaseRow& c) const {
  TB_ASSIGN_OR_RETURN(auto rows, tx.payments().byCase(c.id));
  const db::PaymentRow* p = Paid(rows);
  if (!p || p->refundDueSince || RefundOf(rows, p->id)) return Status::Ok();
  TimePoint now = clock_.now();
  TB_RETURN_IF_ERROR(tx.payments().setRefundDue(p->id, now));
  TB_RETURN_IF_ERROR(tx.audit().append(
      audit::Event(actor, now, "payment.refund_due", "case", std::to_string(c.id), c.applicantId,
                   {{"receipt_no", p->receiptNo}, {"amount_cents", p->amountCents}})));
  return tx.outbox().append({0, now, "payment.refund_due",
                             json::serialize(json::object{{"case_id", c.id},
                                                          {"applicant_id", c.applicantId},
                                                          {"payment_id", p->id},
                                                          {"unit_id", c.unitId}})});
}

json::object PaymentService::feeJson(db::Transaction& tx, const Actor& actor, const db::CaseRow& c,
                                     const Fee& fee,
                                     const std::vector<db::PaymentRow>& rows) const {
  auto ref = ref_.get();
  bool staff = access::WorksCases(actor) || access::IsLiaison(actor);
  std::string status = FeeStatus(c, fee, rows);
  json::object o{{"amount", Amount(fee.amountCents)},
                 {"currency", fee.currency},
                 {"due", catalog::FeeDueName(fee.due)},
                 {"status", status}};
  json::array payments;
  for (const auto& r : rows) {
    json::object p{
        {"id", r.id},
        {"kind", r.kind},
        {"receipt_no", r.receiptNo},
        {"amount", Amount(r.amountCents)},
        {"currency", r.currency},
        {"method", r.method},
        {"payer",
         {{"kind", r.payerKind}, {"name", r.payerName}, {"relationship", r.payerRelationship}}},
        {"mandate_id", r.mandateId ? json::value(*r.mandateId) : json::value(nullptr)},
        {"paid_at", TimeJson(r.recordedAt)},
        {"receipt_url", "/api/v1/payments/" + std::to_string(r.id) + "/receipt.pdf"}};
    if (r.unitId)
      if (const auto* u = ref->units->byId(*r.unitId))
        p["place"] = catalog::UnitDirectory::Name(*u);
    if (r.refundOf) p["refund_of"] = *r.refundOf;
    if (staff) {
      auto who = tx.users().byId(r.recordedBy);
      p["recorded_by"] = {{"id", r.recordedBy},
                          {"name", who.ok() ? who->displayName : std::string()}};
    }
    payments.push_back(std::move(p));
  }
  o["payments"] = std::move(payments);
  if (staff) {
    bool officer = access::DecidesCases(actor) || access::IsLiaison(actor);
    o["can_record"] = officer && status == "unpaid" && AcceptsPayment(c.state);
    o["can_refund"] = officer && status == "refund_due";
    o["method"] = access::IsLiaison(actor) ? "site_cash" : "window";
  }
  return o;
}

Result<std::optional<json::object>> PaymentService::describe(db::Transaction& tx,
                                                             const Actor& actor,
                                                             const db::CaseRow& c,
                                                             const catalog::Item& item) const {
  Fee fee = FeeOf(item, c.formJson);
  TB_ASSIGN_OR_RETURN(auto rows, tx.payments().byCase(c.id));
  if (fee.amountCents <= 0 && rows.empty() && item.feeFromField.empty())
    return std::optional<json::object>();
  return std::optional<json::object>(feeJson(tx, actor, c, fee, rows));
}

Status PaymentService::checkRecorder(const Actor& actor, const std::string& method) const {
  if (access::IsApplicant(actor))
    return Status::PermissionDenied("payments are recorded by the office that takes the money");
  if (access::DecidesCases(actor)) {
    if (method != "window")
      return Status::InvalidField("method", "not_here",
                                  "officers record payments made at their unit's window");
    return Status::Ok();
  }
  if (access::IsLiaison(actor)) {
    if (method != "site_cash")
      return Status::InvalidField("method", "not_here",
                                  "liaison officers record cash paid at their site");
    return Status::Ok();
  }
  return Status::PermissionDenied(
      "only officers, supervisors and liaison officers record payments");
}

Result<std::string> PaymentService::nextReceiptNo(db::Transaction& tx, const db::CaseRow& c) const {
  const db::UnitRow* unit = ref_.get()->units->byId(c.unitId);
  if (!unit) return Status::Internal("case unit missing");
  std::string year = FormatDate(LocalDate(clock_.now(), offsetMinutes_)).substr(0, 4);
  TB_ASSIGN_OR_RETURN(int64_t n, tx.payments().nextReceiptNumber(unit->code, std::stoi(year)));
  char buf[16];
  std::snprintf(buf, sizeof buf, "%06lld", static_cast<long long>(n));
  return unit->code + "-" + year + "-" + buf;
}

Result<json::object> PaymentService::recordPayment(const Actor& actor, int64_t caseId,
                                                   const PaymentRequest& r) {
  FieldErrors errors;
  if (!provider_.accepts(r.method)) errors["method"] = {"option", "must be window or site_cash"};
  std::string payerName = text::Trim(r.payerName);
  std::string relationship = text::Trim(r.payerRelationship);
  if (r.mandateId && r.payerKind != "proxy")
    errors["payer.kind"] = {"mandate", "a payment under an authorisation is a proxy's"};
  if (r.payerKind == "proxy" && r.mandateId) {
    // The mandate names the payer; a relationship may still be given.
    if (payerName.size() > 100) errors["payer.name"] = {"too_long", "must be at most 100 bytes"};
    if (relationship.empty()) relationship = "other";
    const auto& rel = Relationships();
    if (std::find(rel.begin(), rel.end(), relationship) == rel.end())
      errors["payer.relationship"] = {"option",
                                      "must be child, spouse, parent, sibling, grandchild, "
                                      "relative, friend or other"};
  } else if (r.payerKind == "proxy") {
    if (payerName.empty()) errors["payer.name"] = {"required", "who paid?"};
    if (payerName.size() > 100) errors["payer.name"] = {"too_long", "must be at most 100 bytes"};
    const auto& rel = Relationships();
    if (std::find(rel.begin(), rel.end(), relationship) == rel.end())
      errors["payer.relationship"] = {"option",
                                      "must be child, spouse, parent, sibling, grandchild, "
                                      "relative, friend or other"};
  } else if (r.payerKind == "applicant") {
    if (!payerName.empty() || !relationship.empty())
      errors["payer.name"] = {"forbidden", "the applicant pays under their own name"};
  } else {
    errors["payer.kind"] = {"option", "must be applicant or proxy"};
  }
  if (r.note.size() > 500) errors["note"] = {"too_long", "must be at most 500 bytes"};
  if (!errors.empty()) return Status::InvalidArgument("invalid payment", errors);
  TB_RETURN_IF_ERROR(checkRecorder(actor, r.method));
  json::object out;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    auto ref = ref_.get();
    TB_ASSIGN_OR_RETURN(db::CaseRow c, access::LoadVisibleCase(tx, *ref->units, actor, caseId));
    const catalog::Item* item = ref->catalog->item(c.itemCode);
    if (!item) return Status::Internal("case item left the catalogue");
    Fee fee = FeeOf(*item, c.formJson);
    TB_ASSIGN_OR_RETURN(auto rows, tx.payments().byCase(c.id));
    if (!AcceptsPayment(c.state))
      return Status::Conflict("a case that is " + c.state + " takes no payment");
    std::string status = FeeStatus(c, fee, rows);
    if (fee.amountCents <= 0 && status == "none")
      return Status(StatusCode::kConflict, "this service has no fee",
                    {{"fee", {"no_fee", "there is nothing to pay"}}});
    if (status != "unpaid")
      return Status(StatusCode::kConflict, "the fee is " + status,
                    {{"fee", {status, "the fee is " + status}}});
    if (r.amount && Cents(*r.amount) != fee.amountCents)
      return Status::InvalidField("amount", "mismatch",
                                  "the fee is " + AmountText(fee.amountCents, fee.currency));
    TimePoint now = clock_.now();
    db::PaymentRow p;
    p.caseId = c.id;
    p.kind = "payment";
    p.amountCents = fee.amountCents;
    p.currency = fee.currency;
    p.method = r.method;
    p.payerKind = r.payerKind;
    p.payerName = payerName;
    p.payerRelationship = relationship;
    p.unitId = actor.unitId;
    p.provider = provider_.name();
    TB_ASSIGN_OR_RETURN(p.receiptNo, nextReceiptNo(tx, c));
    if (r.mandateId) {
      if (!mandates_) return Status::Internal("authorisations are not wired");
      TB_ASSIGN_OR_RETURN(access::MandateUse use, mandates_->use(tx, actor, *r.mandateId, c, "pay",
                                                                 "payment", p.receiptNo));
      p.mandateId = use.mandateId;
      if (p.payerName.empty()) p.payerName = use.granteeName;
    }
    TB_ASSIGN_OR_RETURN(p.providerRef, provider_.record(tx, {"payment", p.method, p.amountCents,
                                                             p.currency, c.caseNo, p.receiptNo}));
    p.recordedBy = actor.userId.value_or(0);
    p.recordedAt = now;
    p.note = text::Trim(r.note);
    TB_ASSIGN_OR_RETURN(p.id, tx.payments().insert(p));
    TB_RETURN_IF_ERROR(tx.audit().append(audit::Event(
        actor, now, "payment.record", "case", std::to_string(c.id), c.applicantId,
        {{"receipt_no", p.receiptNo},
         {"amount_cents", p.amountCents},
         {"method", p.method},
         {"payer", p.payerKind},
         {"mandate_id", p.mandateId ? json::value(*p.mandateId) : json::value(nullptr)}})));
    TB_RETURN_IF_ERROR(tx.outbox().append(
        {0, now, "payment.recorded",
         json::serialize(json::object{{"case_id", c.id},
                                      {"case_no", c.caseNo},
                                      {"applicant_id", c.applicantId},
                                      {"item_code", c.itemCode},
                                      {"unit_id", c.unitId},
                                      {"payment_id", p.id},
                                      {"receipt_no", p.receiptNo},
                                      {"amount", AmountText(p.amountCents, p.currency)},
                                      {"method", p.method},
                                      {"payer", p.payerKind}})}));
    rows.push_back(p);
    out = feeJson(tx, actor, c, fee, rows);
    return Status::Ok();
  }));
  return out;
}

Result<json::object> PaymentService::recordRefund(const Actor& actor, int64_t caseId,
                                                  const RefundRequest& r) {
  if (!provider_.accepts(r.method))
    return Status::InvalidField("method", "option", "must be window or site_cash");
  if (r.note.size() > 500) return Status::InvalidField("note", "too_long", "at most 500 bytes");
  TB_RETURN_IF_ERROR(checkRecorder(actor, r.method));
  json::object out;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    auto ref = ref_.get();
    TB_ASSIGN_OR_RETURN(db::CaseRow c, access::LoadVisibleCase(tx, *ref->units, actor, caseId));
    const catalog::Item* item = ref->catalog->item(c.itemCode);
    if (!item) return Status::Internal("case item left the catalogue");
    Fee fee = FeeOf(*item, c.formJson);
    TB_ASSIGN_OR_RETURN(auto rows, tx.payments().byCase(c.id));
    std::string status = FeeStatus(c, fee, rows);
    if (status != "refund_due")
      return Status(StatusCode::kConflict, "no refund is due on this case",
                    {{"fee", {status, "the fee is " + status}}});
    const db::PaymentRow& paid = *Paid(rows);
    TimePoint now = clock_.now();
    db::PaymentRow p;
    p.caseId = c.id;
    p.kind = "refund";
    p.amountCents = paid.amountCents;
    p.currency = paid.currency;
    p.method = r.method;
    p.payerKind = paid.payerKind;  // the money goes back to whoever paid it
    p.payerName = paid.payerName;
    p.payerRelationship = paid.payerRelationship;
    p.unitId = actor.unitId;
    p.provider = provider_.name();
    p.refundOf = paid.id;
    TB_ASSIGN_OR_RETURN(p.receiptNo, nextReceiptNo(tx, c));
    TB_ASSIGN_OR_RETURN(p.providerRef, provider_.record(tx, {"refund", p.method, p.amountCents,
                                                             p.currency, c.caseNo, p.receiptNo}));
    p.recordedBy = actor.userId.value_or(0);
    p.recordedAt = now;
    p.note = text::Trim(r.note);
    TB_ASSIGN_OR_RETURN(p.id, tx.payments().insert(p));
    TB_RETURN_IF_ERROR(tx.audit().append(audit::Event(
        actor, now, "payment.refund", "case", std::to_string(c.id), c.applicantId,
        {{"receipt_no", p.receiptNo}, {"refund_of", paid.receiptNo}, {"method", p.method}})));
    TB_RETURN_IF_ERROR(tx.outbox().append(
        {0, now, "payment.refunded",
         json::serialize(json::object{{"case_id", c.id},
                                      {"case_no", c.caseNo},
                                      {"applicant_id", c.applicantId},
                                      {"item_code", c.itemCode},
                                      {"unit_id", c.unitId},
                                      {"payment_id", p.id},
                                      {"receipt_no", p.receiptNo},
                                      {"amount", AmountText(p.amountCents, p.currency)},
                                      {"method", p.method}})}));
    rows.push_back(p);
    out = feeJson(tx, actor, c, fee, rows);
    return Status::Ok();
  }));
  return out;
}

Result<ReceiptFile> PaymentService::receipt(const Actor& actor, int64_t paymentId) {
  ReceiptPage page;
  auto load = [&](db::Transaction& tx, bool& own) -> Status {
    auto ref = ref_.get();
    auto p = tx.payments().byId(paymentId);
    if (p.status().IsNotFound()) return Status::NotFound("receipt not found");
    TB_RETURN_IF_ERROR(p.status());
    auto c = access::LoadVisibleCase(tx, *ref->units, actor, p->caseId);
    if (c.status().IsNotFound()) return Status::NotFound("receipt not found");
    TB_RETURN_IF_ERROR(c.status());
    own = actor.userId && c->applicantId == *actor.userId;
    TB_ASSIGN_OR_RETURN(db::UserRow applicant, tx.users().byId(c->applicantId));
    const catalog::Item* item = ref->catalog->item(c->itemCode);
    const db::UnitRow* unit = ref->units->byId(c->unitId);
    bool refund = p->kind == "refund";
    page.title = refund ? "退款收据  Refund receipt" : "缴费收据  Payment receipt";
    page.receiptNo = p->receiptNo;
    page.issuer = unit ? unit->nameZh + "  " + unit->nameEn : "";
    std::string name = applicant.displayName;
    auto form = ParseJsonObject(c->formJson);
    if (form.ok())
      if (const auto* zh = form->if_contains("name_zh");
          zh && zh->is_string() && !zh->as_string().empty() && zh->as_string() != name)
        name += "（" + std::string(zh->as_string()) + "）";
    page.rows = {
        {"收据编号 Receipt number", p->receiptNo},
        {"办件编号 Case number", c->caseNo},
        {"事项 Service", item ? item->name.zh + " / " + item->name.en : c->itemCode},
        {"申请人 Applicant", name},
        {refund ? "退款金额 Amount refunded" : "金额 Amount",
         AmountText(p->amountCents, p->currency)},
        {"方式 Method", p->method == "window" ? "窗口缴纳 Paid at the window"
                                              : "联络点现金 Cash at a liaison site"},
    };
    if (p->payerKind == "proxy")
      page.rows.push_back({refund ? "退还给 Refunded to" : "代缴人 Paid by (proxy)",
                           p->payerName + " (" + p->payerRelationship + ")"});
    if (p->mandateId)
      page.rows.push_back({"授权委托书 Authorisation", "#" + std::to_string(*p->mandateId)});
    else
      page.rows.push_back(
          {refund ? "退还给 Refunded to" : "缴款人 Paid by", "申请人本人 The applicant"});
    if (p->unitId)
      if (const auto* u = ref->units->byId(*p->unitId))
        page.rows.push_back({"收款地点 Place", u->nameZh + " / " + u->nameEn});
    page.rows.push_back({"日期 Date (UTC)", FormatTimestamp(p->recordedAt).substr(0, 16)});
    if (p->refundOf) {
      auto orig = tx.payments().byId(*p->refundOf);
      if (orig.ok()) page.rows.push_back({"原收据 Refund of receipt", orig->receiptNo});
    }
    page.footer =
        "本收据由通办系统生成，收据编号在系统中唯一，可凭办件编号向出具单位查询。\n"
        "Issued by Tongban. The receipt number is unique; the issuing unit can confirm it from "
        "the case number.";
    return Status::Ok();
  };
  bool own = false;
  TB_RETURN_IF_ERROR(db_.read([&](db::Transaction& tx) { return load(tx, own); }));
  if (!own) {
    // Anyone but the applicant reading the receipt is reading their personal data: audited.
    TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
      bool ignored = false;
      TB_RETURN_IF_ERROR(load(tx, ignored));
      auto p = tx.payments().byId(paymentId);
      TB_RETURN_IF_ERROR(p.status());
      auto c = tx.cases().byId(p->caseId);
      TB_RETURN_IF_ERROR(c.status());
      return tx.audit().append(audit::Event(actor, clock_.now(), "payment.receipt_read", "case",
                                            std::to_string(c->id), c->applicantId,
                                            {{"receipt_no", p->receiptNo}}));
    }));
  }
  TB_ASSIGN_OR_RETURN(std::string pdf, RenderReceiptPdf(page));
  return ReceiptFile{"receipt-" + page.receiptNo + ".pdf", std::move(pdf)};
}

}  // namespace tongban::payments
