#include "delivery/delivery_service.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "access/access.h"
#include "audit/audit.h"
#include "common/crypto.h"
#include "common/log.h"

namespace tongban::delivery {

namespace {

bool IsCarrierKind(const std::string& k) {
  return k == "in_transit" || k == "out_for_delivery" || k == "delivered" || k == "failed" ||
         k == "returned";
}

//! Every physical option needs someone to hand it over; electronic needs nothing.
bool OnlyElectronic(const catalog::Item& item) {
  return !item.delivery.empty() && std::all_of(item.delivery.begin(), item.delivery.end(),
                                               [](const auto& o) { return o == "electronic"; });
}

bool HasCode(const db::CaseDeliveryRow& d) { return d.option == "pickup" || d.option == "home"; }

//! Where a result can be collected: the owning unit, the service sites below it and every
//! overseas liaison site.
std::vector<const db::UnitRow*> Sites(const catalog::UnitDirectory& units, const db::CaseRow& c) {
  std::vector<const db::UnitRow*> out;
  for (const auto& u : units.all()) {
    bool own = u.id == c.unitId || (u.kind == "service_site" && units.isWithin(u.id, c.unitId));
    if (own || u.kind == "liaison_site") out.push_back(&u);
  }
  return out;
}

bool IsSite(const catalog::UnitDirectory& units, const db::CaseRow& c, int64_t id) {
  for (const auto* u : Sites(units, c))
    if (u->id == id) return true;
  return false;
}

//! Address abroad from the form, when the item asks for one (the applicant can change it).
json::object AddressFromForm(const std::string& formJson) {
  json::object a;
  auto form = ParseJsonObject(formJson);
  if (!form.ok()) return a;
  auto str = [&](const char* k) {
    auto it = form->find(k);
    return it != form->end() && it->value().is_string() ? std::string(it->value().as_string())
                                                        : std::string();
  };
  std::string lines = str("address_abroad");
  if (lines.empty()) return a;
  a["lines"] = lines;
  std::string name = str("surname") + (str("given_names").empty() ? "" : " " + str("given_names"));
  if (!str("surname").empty()) a["recipient"] = name;
  if (!str("country_of_residence").empty()) a["country"] = str("country_of_residence");
  if (!str("phone").empty()) a["phone"] = str("phone");
  return a;
}

Status ValidateAddress(const json::object& in, json::object& out) {
  FieldReader f(in, "address.");
  f.rejectUnknown({"recipient", "lines", "postcode", "country", "phone"});
  auto recipient = f.string("recipient", true, 100, 1);
  auto lines = f.string("lines", true, 300, 3);
  auto postcode = f.string("postcode", false, 20);
  auto country = f.string("country", true, 2, 2);
  auto phone = f.string("phone", false, 40);
  if (country && (!std::isupper(static_cast<unsigned char>((*country)[0])) ||
                  !std::isupper(static_cast<unsigned char>((*country)[1]))))
    f.fail("country", "format", "a two-letter country code, e.g. IT");
  TB_RETURN_IF_ERROR(f.status());
  out = {{"recipient", *recipient}, {"lines", *lines}, {"country", *country}};
  if (postcode && !postcode->empty()) out["postcode"] = *postcode;
  if (phone && !phone->empty()) out["phone"] = *phone;
  return Status::Ok();
}

Status NotHandedOver(const std::string& message) {
  return Status(StatusCode::kConflict, message, {{"delivery", {"not_handed_over", message}}});
}

}  // namespace

bool Offers(const catalog::Item& item, const std::string& option) {
  if (option == "home") return Offers(item, "pickup");
  return std::find(item.delivery.begin(), item.delivery.end(), option) != item.delivery.end();
}

DeliveryService::DeliveryService(db::Database& db, const Clock& clock,
                                 const reference::ReferenceData& ref, std::string codeKey)
    : db_(db), clock_(clock), ref_(ref), codeKey_(std::move(codeKey)) {}

// ------------------------------------------------------------------ pickup codes

std::string DeliveryService::codeFor(const db::CaseDeliveryRow& d) const {
  // 8 digits from an HMAC of the delivery and its salt: the same code every time the applicant
  // looks, a new one with each new salt, and nothing in the database that reveals it.
  std::string mac =
      crypto::HmacSha256Hex(codeKey_, "pickup:" + std::to_string(d.caseId) + ":" +
                                          std::to_string(d.attempt) + ":" + d.codeSalt);
  uint64_t n = std::stoull(mac.substr(0, 15), nullptr, 16);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%08llu", static_cast<unsigned long long>(n % 100000000ULL));
  return buf;
}

void DeliveryService::newCode(db::CaseDeliveryRow& d) const {
  d.codeSalt = crypto::RandomToken(16);
  d.codeHash = crypto::Sha256Hex(d.codeSalt + ":" + codeFor(d));
  d.codeFailures = 0;
}

bool DeliveryService::codeMatches(const db::CaseDeliveryRow& d, const std::string& code) const {
  if (d.codeHash.empty()) return false;
  return crypto::ConstantTimeEquals(crypto::Sha256Hex(d.codeSalt + ":" + code), d.codeHash);
}

// ------------------------------------------------------------------ shared steps

Status DeliveryService::record(db::Transaction& tx, const Actor& actor, const db::CaseRow& c,
                               db::CaseDeliveryRow& d, const std::string& kind,
                               const std::string& source, const std::string& note,
                               const std::string& location, const std::string& externalId,
                               bool notify) {
  TimePoint now = clock_.now();
  d.updatedAt = now;
  if (d.id == 0) {
    d.createdAt = now;
    TB_ASSIGN_OR_RETURN(d.id, tx.deliveries().insert(d));
  } else {
    TB_RETURN_IF_ERROR(tx.deliveries().update(d));
  }
  db::CaseDeliveryEventRow e;
  e.deliveryId = d.id;
  e.at = now;
  e.kind = kind;
  e.source = source;
  e.actorId = actor.userId;
  e.actorRole = actor.role;
  e.note = note;
  e.location = location;
  e.externalId = externalId;
  TB_RETURN_IF_ERROR(tx.deliveries().appendEvent(e).status());
  json::object detail{{"option", d.option}, {"status", d.status}, {"attempt", d.attempt}};
  if (d.siteUnitId) detail["site_unit_id"] = *d.siteUnitId;
  if (!d.carrier.empty()) detail["carrier"] = d.carrier;
  if (!d.trackingNo.empty()) detail["tracking_no"] = d.trackingNo;
  if (d.assigneeId) detail["assignee_id"] = *d.assigneeId;
  TB_RETURN_IF_ERROR(tx.audit().append(audit::Event(actor, now, "delivery." + kind, "case",
                                                    std::to_string(c.id), c.applicantId, detail)));
  json::object event{
      {"case_id", c.id},         {"case_no", c.caseNo}, {"applicant_id", c.applicantId},
      {"item_code", c.itemCode}, {"unit_id", c.unitId}, {"kind", kind},
      {"option", d.option},      {"status", d.status},  {"notify", notify}};
  if (d.siteUnitId) event["site_unit_id"] = *d.siteUnitId;
  if (!d.carrier.empty()) event["carrier"] = d.carrier;
  if (!d.trackingNo.empty()) event["tracking_no"] = d.trackingNo;
  return tx.outbox().append({0, now, "delivery.updated", json::serialize(event)});
}

Result<db::CaseDeliveryRow> DeliveryService::loadOrOpen(db::Transaction& tx, const db::CaseRow& c,
                                                        const catalog::Item& item) {
  auto d = tx.deliveries().byCase(c.id);
  if (d.ok() || !d.status().IsNotFound()) return d;
  // Not chosen yet: the item's first option, at the owning unit for a pickup.
  db::CaseDeliveryRow row;
  row.caseId = c.id;
  row.option = item.delivery.empty() ? "electronic" : item.delivery.front();
  if (row.option == "pickup") row.siteUnitId = c.unitId;
  if (row.option == "post") row.addressJson = json::serialize(AddressFromForm(c.formJson));
  row.status = "pending";
  return row;
}

bool DeliveryService::worksCase(const Actor& actor, const db::CaseRow& c) const {
  return access::DecidesCases(actor) && access::InUnitScope(*ref_.get()->units, actor, c.unitId);
}

bool DeliveryService::mayHandOver(const Actor& actor, const db::CaseRow& c,
                                  const db::CaseDeliveryRow& d) const {
  if (!actor.userId || access::IsApplicant(actor)) return false;
  if (worksCase(actor, c)) return true;
  // The window of the chosen site (a liaison site abroad), or the officer taking it home.
  if (d.assigneeId && *d.assigneeId == *actor.userId) return true;
  return d.siteUnitId && actor.unitId && *d.siteUnitId == *actor.unitId &&
         (access::IsLiaison(actor) || access::DecidesCases(actor));
}

Status DeliveryService::change(
    const Actor& actor, int64_t caseId,
    const std::function<Status(db::Transaction&, const db::CaseRow&, const catalog::Item&,
                               db::CaseDeliveryRow&)>& fn) {
  return db_.write([&](db::Transaction& tx) -> Status {
    auto ref = ref_.get();
    TB_ASSIGN_OR_RETURN(db::CaseRow c, access::LoadVisibleCase(tx, *ref->units, actor, caseId));
    const catalog::Item* item = ref->catalog->item(c.itemCode);
    if (!item) return Status::Internal("case item " + c.itemCode + " left the catalogue");
    TB_ASSIGN_OR_RETURN(db::CaseDeliveryRow d, loadOrOpen(tx, c, *item));
    return fn(tx, c, *item, d);
  });
}

// ------------------------------------------------------------------ the case's steps

Status DeliveryService::checkHandedOver(db::Transaction& tx, const db::CaseRow& c,
                                        const catalog::Item& item) {
  if (OnlyElectronic(item)) return Status::Ok();
  auto d = tx.deliveries().byCase(c.id);
  if (!d.ok()) {
    if (!d.status().IsNotFound()) return d.status();
    return NotHandedOver("the result has not been handed over yet");
  }
  if (d->option == "electronic" || d->status == "handed_over" || d->status == "arrived")
    return Status::Ok();
  if (HasCode(*d))
    return NotHandedOver(
        "the person collects it with their pickup code; check the code to hand it "
        "over");
  return NotHandedOver("the post has not arrived yet");
}

Status DeliveryService::open(db::Transaction& tx, const Actor& actor, const db::CaseRow& c,
                             const catalog::Item& item) {
  TB_ASSIGN_OR_RETURN(db::CaseDeliveryRow d, loadOrOpen(tx, c, item));
  if (d.status != "pending") return Status::Ok();
  if (d.option == "electronic") {
    d.status = "none";
    return record(tx, actor, c, d, "ready", "system");
  }
  d.status = "ready";
  if (HasCode(d)) newCode(d);
  // Post is told when it is dispatched; a pickup when the code is ready.
  return record(tx, actor, c, d, "ready", "system", "", "", "", HasCode(d));
}

Status DeliveryService::delivered(db::Transaction& tx, const Actor& actor, const db::CaseRow& c) {
  auto d = tx.deliveries().byCase(c.id);
  if (!d.ok()) return d.status().IsNotFound() ? Status::Ok() : d.status();
  if (d->status == "handed_over" || d->status == "none") return Status::Ok();
  d->status = "handed_over";
  d->handedOverById = actor.userId;
  d->handedOverAt = clock_.now();
  return record(tx, actor, c, *d, "handed_over", "staff");
}

Status DeliveryService::handOverIn(db::Transaction& tx, const Actor& actor, const db::CaseRow& c,
                                   const std::string& code) {
  TB_ASSIGN_OR_RETURN(db::CaseDeliveryRow d, tx.deliveries().byCase(c.id));
  if (!mayHandOver(actor, c, d))
    return Status::PermissionDenied("only staff of the site or of the case's unit hand it over");
  if (!HasCode(d)) return Status::Conflict("this delivery is not collected with a code");
  if (d.status == "handed_over")
    return Status(StatusCode::kConflict, "this result was already handed over",
                  {{"code", {"used", "this code was already used"}}});
  if (d.status != "ready")
    return Status::Conflict("the result is not ready to be handed over (" + d.status + ")");
  if (d.codeFailures >= kMaxCodeFailures)
    return Status(StatusCode::kConflict, "too many wrong codes: issue a new code",
                  {{"code", {"locked", "too many wrong codes"}}});
  if (!codeMatches(d, code)) return Status::InvalidField("code", "wrong", "this code is not right");
  d.status = "handed_over";
  d.handedOverById = actor.userId;
  d.handedOverAt = clock_.now();
  d.codeHash.clear();  // works once
  return record(tx, actor, c, d, "handed_over", access::IsApplicant(actor) ? "applicant" : "staff");
}

Status DeliveryService::receivedIn(db::Transaction& tx, const Actor& actor, const db::CaseRow& c) {
  TB_ASSIGN_OR_RETURN(db::CaseDeliveryRow d, tx.deliveries().byCase(c.id));
  bool own = actor.userId && (*actor.userId == c.applicantId ||
                              (access::IsLiaison(actor) && *actor.userId == c.submittedById));
  if (!own) return Status::PermissionDenied("only the applicant confirms receipt");
  if (d.option != "post") return Status::Conflict("only a posted result is confirmed this way");
  if (d.status != "dispatched" && d.status != "arrived")
    return Status::Conflict("the result has not been sent yet");
  d.status = "handed_over";
  d.handedOverById = actor.userId;
  d.handedOverAt = clock_.now();
  return record(tx, actor, c, d, "received", "applicant");
}

// ------------------------------------------------------------------ own transactions

Status DeliveryService::verifyCode(const Actor& actor, int64_t caseId, const std::string& code) {
  Status verdict = Status::Ok();
  TB_RETURN_IF_ERROR(change(
      actor, caseId,
      [&](db::Transaction& tx, const db::CaseRow& c, const catalog::Item&, db::CaseDeliveryRow& d) {
        if (d.id == 0 || !mayHandOver(actor, c, d))
          return d.id == 0 ? NotHandedOver("the result is not ready")
                           : Status::PermissionDenied(
                                 "only staff of the site or of the case's unit hand it over");
        if (!HasCode(d)) return Status::Conflict("this delivery is not collected with a code");
        if (d.status == "handed_over")
          return Status(StatusCode::kConflict, "this result was already handed over",
                        {{"code", {"used", "this code was already used"}}});
        if (d.status != "ready")
          return Status::Conflict("the result is not ready to be handed over (" + d.status + ")");
        if (d.codeFailures >= kMaxCodeFailures)
          return Status(StatusCode::kConflict, "too many wrong codes: issue a new code",
                        {{"code", {"locked", "too many wrong codes"}}});
        if (codeMatches(d, code)) return Status::Ok();
        // A wrong code is counted (and committed) before the caller hears it was wrong.
        d.codeFailures += 1;
        bool locked = d.codeFailures >= kMaxCodeFailures;
        verdict = locked ? Status(StatusCode::kConflict, "too many wrong codes: issue a new code",
                                  {{"code", {"locked", "too many wrong codes"}}})
                         : Status::InvalidField("code", "wrong", "this code is not right");
        return record(tx, actor, c, d, locked ? "code_locked" : "code_failed", "staff", "", "", "",
                      locked);
      }));
  return verdict;
}

Status DeliveryService::choose(const Actor& actor, int64_t caseId, const ChooseRequest& req) {
  return change(
      actor, caseId,
      [&](db::Transaction& tx, const db::CaseRow& c, const catalog::Item& item,
          db::CaseDeliveryRow& d) -> Status {
        bool own = actor.userId && (*actor.userId == c.applicantId ||
                                    (access::IsLiaison(actor) && *actor.userId == c.submittedById));
        if (!own)
          return Status::PermissionDenied("the applicant chooses how to receive the result");
        if (c.state == "draft" || c.state == "rejected" || c.state == "withdrawn" ||
            c.state == "delivered" || c.state == "closed")
          return Status::Conflict("a case that is " + c.state + " has nothing to deliver");
        if (d.status == "handed_over")
          return Status::Conflict("the result was already handed over");
        if (d.status == "dispatched" || d.status == "arrived")
          return Status::Conflict("the result is already on its way");
        FieldErrors errors;
        if (req.option != "pickup" && req.option != "post" && req.option != "home" &&
            req.option != "electronic")
          errors["option"] = {"unknown", "pickup, post, home or electronic"};
        else if (!Offers(item, req.option))
          errors["option"] = {"not_offered", "this service does not offer " + req.option};
        else if (req.option == "home" && c.priority != "care" && !req.needsHomeDelivery)
          errors["option"] = {"not_eligible",
                              "home delivery is for elderly and disabled applicants"};
        auto units = ref_.get()->units;
        json::object address;
        if (req.option == "pickup" || req.option == "home") {
          if (!req.siteUnitId)
            errors["site_unit_id"] = {"required", "choose where"};
          else if (!IsSite(*units, c, *req.siteUnitId))
            errors["site_unit_id"] = {"unknown", "not a site that hands out this result"};
        }
        if (req.option == "post" || req.option == "home") {
          if (!req.address)
            errors["address"] = {"required", "say where to"};
          else {
            Status a = ValidateAddress(*req.address, address);
            for (const auto& [k, v] : a.fields()) errors[k] = v;
          }
        }
        if (!errors.empty()) return Status::InvalidArgument("invalid delivery choice", errors);
        bool was = d.option == "pickup" || d.option == "home";
        std::string oldSite = d.siteUnitId ? std::to_string(*d.siteUnitId) : "";
        d.option = req.option;
        d.siteUnitId =
            (req.option == "pickup" || req.option == "home") ? req.siteUnitId : std::nullopt;
        d.addressJson = json::serialize(address);
        if (req.option != "home") d.assigneeId.reset();
        if (d.status == "returned" || (d.id == 0 && c.state == "issued")) d.status = "ready";
        bool ready = d.status == "ready" || d.status == "none";
        if (ready) d.status = req.option == "electronic" ? "none" : "ready";
        // Once issued, a new place or way gets a new code (the old one must not work elsewhere).
        bool codeNow = ready && HasCode(d) &&
                       (!was || oldSite != std::to_string(*d.siteUnitId) || d.codeHash.empty());
        if (codeNow) newCode(d);
        if (!HasCode(d)) d.codeHash.clear();
        TB_RETURN_IF_ERROR(
            record(tx, actor, c, d, "chosen", access::IsApplicant(actor) ? "applicant" : "staff"));
        if (codeNow)
          TB_RETURN_IF_ERROR(record(tx, actor, c, d, "ready", "system", "", "", "", true));
        return Status::Ok();
      });
}

Status DeliveryService::dispatch(const Actor& actor, int64_t caseId, const std::string& carrier,
                                 const std::string& trackingNo) {
  return change(actor, caseId,
                [&](db::Transaction& tx, const db::CaseRow& c, const catalog::Item&,
                    db::CaseDeliveryRow& d) -> Status {
                  if (!worksCase(actor, c))
                    return Status::PermissionDenied("officers of the unit post results");
                  if (d.option != "post")
                    return Status::Conflict("this result is not sent by post");
                  if (d.status != "ready" && d.status != "dispatched")
                    return Status::Conflict("the result cannot be sent now (" + d.status + ")");
                  auto address = ParseJsonObject(d.addressJson);
                  if (!address.ok() || address->empty())
                    return Status(
                        StatusCode::kConflict, "the applicant has not given an address",
                        {{"address", {"required", "the applicant must give an address first"}}});
                  d.carrier = carrier;
                  d.trackingNo = trackingNo;
                  d.status = "dispatched";
                  return record(tx, actor, c, d, "dispatched", "staff", "", "", "", true);
                });
}

Status DeliveryService::addEvent(const Actor& actor, int64_t caseId, const EventRequest& req) {
  return change(actor, caseId,
                [&](db::Transaction& tx, const db::CaseRow& c, const catalog::Item&,
                    db::CaseDeliveryRow& d) -> Status {
                  if (!worksCase(actor, c))
                    return Status::PermissionDenied("officers of the unit record this");
                  if (!IsCarrierKind(req.kind) && req.kind != "note")
                    return Status::InvalidField(
                        "kind", "unknown",
                        "in_transit, out_for_delivery, delivered, failed, returned or "
                        "note");
                  if (d.option != "post" || (d.status != "dispatched" && d.status != "arrived"))
                    return Status::Conflict("only a posted result on its way has tracking events");
                  if (req.kind == "delivered") d.status = "arrived";
                  if (req.kind == "returned") d.status = "returned";
                  bool notify = req.kind == "out_for_delivery" || req.kind == "delivered" ||
                                req.kind == "failed" || req.kind == "returned";
                  return record(tx, actor, c, d, req.kind, "staff", req.note, req.location, "",
                                notify);
                });
}

Result<bool> DeliveryService::carrierEvent(const Actor& actor, const std::string& carrier,
                                           const std::string& trackingNo, const EventRequest& req) {
  if (!IsCarrierKind(req.kind))
    return Status::InvalidField("kind", "unknown",
                                "in_transit, out_for_delivery, delivered, failed or returned");
  bool applied = false;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(auto rows, tx.deliveries().byTracking(carrier, trackingNo));
    const db::CaseDeliveryRow* live = nullptr;
    for (const auto& r : rows)
      if (r.status == "dispatched" || r.status == "arrived") live = &r;
    if (!live) return Status::NotFound("no parcel with this tracking number is on its way");
    db::CaseDeliveryRow d = *live;
    if (!req.externalId.empty()) {
      TB_ASSIGN_OR_RETURN(bool seen, tx.deliveries().hasExternalEvent(d.id, req.externalId));
      if (seen) return Status::Ok();  // a retried push: applied once
    }
    TB_ASSIGN_OR_RETURN(db::CaseRow c, tx.cases().byId(d.caseId));
    if (req.kind == "delivered") d.status = "arrived";
    if (req.kind == "returned") d.status = "returned";
    bool notify = req.kind != "in_transit";
    applied = true;
    return record(tx, actor, c, d, req.kind, "carrier", req.note, req.location, req.externalId,
                  notify);
  }));
  return applied;
}

Status DeliveryService::markReturned(const Actor& actor, int64_t caseId, const std::string& note) {
  return change(
      actor, caseId,
      [&](db::Transaction& tx, const db::CaseRow& c, const catalog::Item&,
          db::CaseDeliveryRow& d) -> Status {
        if (!worksCase(actor, c) && !(d.id && mayHandOver(actor, c, d)))
          return Status::PermissionDenied("staff of the unit or the site record a return");
        if (d.status != "ready" && d.status != "dispatched" && d.status != "arrived")
          return Status::Conflict("only a result on its way or waiting can come back (" + d.status +
                                  ")");
        if (d.option == "electronic") return Status::Conflict("nothing was sent");
        d.status = "returned";
        d.codeHash.clear();  // an uncollected code stops working
        return record(tx, actor, c, d, "returned", "staff", note, "", "", true);
      });
}

Status DeliveryService::resend(const Actor& actor, int64_t caseId, const std::string& note) {
  return change(
      actor, caseId,
      [&](db::Transaction& tx, const db::CaseRow& c, const catalog::Item&,
          db::CaseDeliveryRow& d) -> Status {
        if (!worksCase(actor, c))
          return Status::PermissionDenied("officers of the unit send again");
        bool locked = d.status == "ready" && HasCode(d) && d.codeFailures >= kMaxCodeFailures;
        if (d.status != "returned" && !locked)
          return Status::Conflict("only a returned delivery or a locked code is sent again");
        d.attempt += 1;
        d.status = "ready";
        d.carrier.clear();
        d.trackingNo.clear();
        if (HasCode(d)) newCode(d);
        return record(tx, actor, c, d, "resent", "staff", note, "", "", HasCode(d));
      });
}

Status DeliveryService::assign(const Actor& actor, int64_t caseId, int64_t userId) {
  return change(
      actor, caseId,
      [&](db::Transaction& tx, const db::CaseRow& c, const catalog::Item&,
          db::CaseDeliveryRow& d) -> Status {
        if (!worksCase(actor, c))
          return Status::PermissionDenied("officers of the unit assign home deliveries");
        if (d.option != "home") return Status::Conflict("this result is not delivered at home");
        if (d.status != "ready")
          return Status::Conflict("the result is not ready (" + d.status + ")");
        std::vector<int64_t> units{c.unitId};
        if (d.siteUnitId) units.push_back(*d.siteUnitId);
        TB_ASSIGN_OR_RETURN(auto staff, tx.deliveries().officers(units));
        if (std::none_of(staff.begin(), staff.end(), [&](auto& o) { return o.id == userId; }))
          return Status::InvalidField("user_id", "unknown",
                                      "not an officer of the site or of the case's unit");
        d.assigneeId = userId;
        return record(tx, actor, c, d, "assigned", "staff", "", "", "", true);
      });
}

Result<json::array> DeliveryService::officers(const Actor& actor, int64_t caseId) {
  json::array out;
  TB_RETURN_IF_ERROR(db_.read([&](db::Transaction& tx) -> Status {
    auto ref = ref_.get();
    TB_ASSIGN_OR_RETURN(db::CaseRow c, access::LoadVisibleCase(tx, *ref->units, actor, caseId));
    if (!worksCase(actor, c)) return Status::PermissionDenied("for officers of the unit");
    std::vector<int64_t> units{c.unitId};
    auto d = tx.deliveries().byCase(c.id);
    if (d.ok() && d->siteUnitId) units.push_back(*d->siteUnitId);
    TB_ASSIGN_OR_RETURN(auto staff, tx.deliveries().officers(units));
    for (const auto& o : staff) {
      json::object j{{"id", o.id}, {"name", o.name}, {"role", o.role}};
      if (const auto* u = ref->units->byId(o.unitId)) j["unit"] = catalog::UnitDirectory::Name(*u);
      out.push_back(std::move(j));
    }
    return Status::Ok();
  }));
  return out;
}

// ------------------------------------------------------------------ the view

void DeliveryService::describe(db::Transaction& tx, const Actor& actor, const db::CaseRow& c,
                               const catalog::Item& item, json::object& view) {
  auto row = loadOrOpen(tx, c, item);
  if (!row.ok()) {
    log::Write(log::Level::kWarn, "delivery view",
               {{"case", c.id}, {"error", row.status().message()}});
    return;
  }
  db::CaseDeliveryRow& d = *row;
  auto units = ref_.get()->units;
  bool applicant = actor.userId && *actor.userId == c.applicantId;
  bool own =
      applicant || (actor.userId && access::IsLiaison(actor) && *actor.userId == c.submittedById);
  bool staff = access::IsStaff(actor) && !own;
  bool works = worksCase(actor, c);
  bool finished = c.state == "delivered" || c.state == "closed";
  bool open = c.state != "draft" && c.state != "rejected" && c.state != "withdrawn" && !finished;

  json::object o;
  o["option"] = d.option;
  o["chosen"] = d.id != 0;
  o["status"] = finished && d.status != "none" ? std::string("handed_over") : d.status;
  o["attempt"] = d.attempt;
  json::array options;
  for (const auto& opt : item.delivery) options.emplace_back(opt);
  o["options"] = std::move(options);
  o["home_offered"] = Offers(item, "home");
  o["home_eligible"] = c.priority == "care";
  if (d.siteUnitId)
    if (const auto* u = units->byId(*d.siteUnitId)) o["site"] = catalog::UnitDirectory::ToJson(*u);
  auto address = ParseJsonObject(d.addressJson);
  o["address"] =
      address.ok() && !address->empty() ? json::value(std::move(*address)) : json::value(nullptr);
  // What the form already says, so the address form starts filled in.
  if (own && d.option != "post") o["address_suggestion"] = AddressFromForm(c.formJson);
  o["carrier"] = d.carrier;
  o["tracking_no"] = d.trackingNo;
  o["handed_over_at"] = TimeJson(d.handedOverAt);
  bool locked = HasCode(d) && d.codeFailures >= kMaxCodeFailures;
  o["code_locked"] = locked;
  // The code is for the person who collects: never in anyone else's view.
  if (applicant && HasCode(d) && d.status == "ready" && !locked && !d.codeHash.empty() && !finished)
    o["pickup_code"] = codeFor(d);
  bool choosable =
      own && open && d.status != "handed_over" && d.status != "dispatched" && d.status != "arrived";
  if (choosable) {
    json::array sites;
    for (const auto* u : Sites(*units, c)) {
      json::object j = catalog::UnitDirectory::ToJson(*u);
      j["parent_id"] = u->parentId ? json::value(*u->parentId) : json::value(nullptr);
      sites.push_back(std::move(j));
    }
    o["sites"] = std::move(sites);
  }
  bool issued = c.state == "issued";
  o["can"] = {
      {"choose", choosable},
      {"confirm_received",
       own && issued && d.option == "post" && (d.status == "dispatched" || d.status == "arrived")},
      {"hand_over", issued && d.id != 0 && HasCode(d) && d.status == "ready" && !locked &&
                        mayHandOver(actor, c, d)},
      {"dispatch",
       works && issued && d.option == "post" && (d.status == "ready" || d.status == "dispatched")},
      {"add_event", works && issued && d.option == "post" &&
                        (d.status == "dispatched" || d.status == "arrived")},
      {"mark_returned",
       (works || (d.id != 0 && mayHandOver(actor, c, d))) && issued && d.option != "electronic" &&
           (d.status == "ready" || d.status == "dispatched" || d.status == "arrived")},
      {"resend", works && issued && (d.status == "returned" || (d.status == "ready" && locked))},
      {"assign", works && issued && d.option == "home" && d.status == "ready"},
  };
  if (staff) {
    o["code_failures"] = d.codeFailures;
    if (d.assigneeId) {
      auto u = tx.users().byId(*d.assigneeId);
      if (u.ok()) o["assignee"] = {{"id", u->id}, {"name", u->displayName}, {"role", u->role}};
    }
    if (d.handedOverById) {
      auto u = tx.users().byId(*d.handedOverById);
      if (u.ok())
        o["handed_over_by"] = {{"id", u->id}, {"name", u->displayName}, {"role", u->role}};
    }
  } else if (d.assigneeId) {
    o["assigned"] = true;  // someone will come; who, only staff know
  }
  json::array events;
  if (d.id) {
    auto ev = tx.deliveries().events(d.id);
    if (ev.ok())
      for (const auto& e : *ev) {
        json::object j{{"at", TimeJson(e.at)},
                       {"kind", e.kind},
                       {"source", e.source},
                       {"note", e.note},
                       {"location", e.location}};
        if (staff && e.actorId) {
          auto who = tx.users().byId(*e.actorId);
          if (who.ok()) j["actor_name"] = who->displayName;
        }
        if (staff) j["actor_role"] = e.actorRole;
        events.push_back(std::move(j));
      }
  }
  o["events"] = std::move(events);
  view["delivery"] = std::move(o);
}

}  // namespace tongban::delivery
