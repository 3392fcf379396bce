// Fees on cases: recording a payment or a refund, and the numbered receipt PDF.

#include "api/routes.h"

namespace tongban::api {

using http::BodyKind;
using http::Request;
using http::Response;
namespace bhttp = boost::beast::http;

namespace {

//! `{"method": "window", "payer": {"kind": "proxy", "name": "…", "relationship": "child"},
//! "amount": 120, "note": "…"}`
Result<Response> RecordPayment(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(Target t, CallerAndId(d, req, "case"));
  TB_ASSIGN_OR_RETURN(json::object body, ParseJsonObject(req.body));
  FieldReader f(body);
  f.rejectUnknown({"method", "payer", "amount", "note", "mandate_id"});
  payments::PaymentRequest r;
  auto method = f.string("method", true, 20);
  auto note = f.string("note", false, 500);
  r.mandateId = f.integer("mandate_id", false, 1, INT64_MAX);
  const json::object* payer = f.object("payer", true);
  if (payer) {
    FieldReader p(*payer, "payer");
    p.rejectUnknown({"kind", "name", "relationship"});
    auto kind = p.string("kind", true, 20);
    auto name = p.string("name", false, 100);
    auto relationship = p.string("relationship", false, 20);
    for (auto& e : p.errors()) f.errors().insert(e);
    r.payerKind = kind.value_or("");
    r.payerName = name.value_or("");
    r.payerRelationship = relationship.value_or("");
  }
  if (const json::value* amount = body.if_contains("amount")) {
    if (!amount->is_number() || amount->to_number<double>() < 0 ||
        amount->to_number<double>() > 1000000)
      f.fail("amount", "range", "must be a number from 0 to 1000000");
    else
      r.amount = amount->to_number<double>();
  }
  TB_RETURN_IF_ERROR(f.status());
  r.method = *method;
  r.note = note.value_or("");
  TB_ASSIGN_OR_RETURN(json::object fee, d.payments.recordPayment(t.actor, t.id, r));
  return Response::Json(201, json::object{{"fee", std::move(fee)}});
}

//! `{"method": "window", "note": "…"}`
Result<Response> RecordRefund(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(Target t, CallerAndId(d, req, "case"));
  TB_ASSIGN_OR_RETURN(json::object body, ParseJsonObject(req.body));
  FieldReader f(body);
  f.rejectUnknown({"method", "note"});
  auto method = f.string("method", true, 20);
  auto note = f.string("note", false, 500);
  TB_RETURN_IF_ERROR(f.status());
  TB_ASSIGN_OR_RETURN(json::object fee,
                      d.payments.recordRefund(t.actor, t.id, {*method, note.value_or("")}));
  return Response::Json(201, json::object{{"fee", std::move(fee)}});
}

Result<Response> Receipt(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(Target t, CallerAndId(d, req, "receipt"));
  TB_ASSIGN_OR_RETURN(payments::ReceiptFile file, d.payments.receipt(t.actor, t.id));
  Response resp;
  resp.contentType = "application/pdf";
  resp.body = std::move(file.pdf);
  resp.headers.emplace_back("Content-Disposition",
                            "inline; filename=\"" + SafeFilename(file.filename) + "\"");
  resp.headers.emplace_back("Cache-Control", "private, no-store");
  return resp;
}

}  // namespace

void RegisterPaymentRoutes(http::Router& r, ApiDeps& d) {
  using bhttp::verb;
  static constexpr ApiRoute kRoutes[] = {
      {verb::post, "/api/v1/cases/:id/payments", BodyKind::kJson, RecordPayment, 4 * 1024},
      {verb::post, "/api/v1/cases/:id/refunds", BodyKind::kJson, RecordRefund, 4 * 1024},
      {verb::get, "/api/v1/payments/:id/receipt.pdf", BodyKind::kNone, Receipt},
  };
  AddRoutes(r, d, kRoutes);
}

}  // namespace tongban::api
