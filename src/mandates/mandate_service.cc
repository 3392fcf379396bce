#include "mandates/mandate_service.h"

#include <algorithm>
#include <cctype>

#include "access/access.h"
#include "audit/audit.h"
#include "common/crypto.h"
#include "common/text.h"

namespace tongban::mandates {

namespace fs = std::filesystem;

namespace {

constexpr int kMaxClaimFailures = 5;
constexpr int kMaxDays = 5 * 365 + 1;  // five years, one leap day

bool Has(const std::vector<std::string>& v, std::string_view x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

std::vector<std::string> StringList(const std::string& jsonText) {
  std::vector<std::string> out;
  boost::system::error_code ec;
  json::value v = json::parse(jsonText, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& e : v.as_array())
    if (e.is_string()) out.emplace_back(e.as_string());
  return out;
}

std::string ListJson(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return json::serialize(a);
}

//! ID numbers compare without spaces, dashes and case ("110101 19500101 123x" = "…123X").
std::string NormalId(std::string_view s) {
  std::string out;
  for (char c : s)
    if (std::isalnum(static_cast<unsigned char>(c)))
      out += char(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

//! A code a person can read out on the phone: ten characters without 0/O and 1/I.
std::string NewClaimCode() {
  static constexpr char kAlphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::string bytes = crypto::RandomBytes(10), code;
  for (unsigned char b : bytes) code += kAlphabet[b % 32];
  return code;
}

std::string ClaimHash(std::string_view code) {
  return crypto::Sha256Hex("mandate-claim:" + NormalId(code));
}

std::string LowerAscii(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return s;
}

std::string Masked(const std::string& idNumber) {
  if (idNumber.size() <= 4) return std::string(idNumber.size(), '*');
  return std::string(idNumber.size() - 4, '*') + idNumber.substr(idNumber.size() - 4);
}

}  // namespace

const std::vector<std::string>& Steps() {
  static const std::vector<std::string> k = {"submit", "supplement", "pay", "collect",
                                             "sign_delivery"};
  return k;
}

MandateService::MandateService(db::Database& db, const Clock& clock,
                               const reference::ReferenceData& ref, blobs::BlobStore& blobs,
                               int calendarOffsetMinutes)
    : db_(db), clock_(clock), ref_(ref), blobs_(blobs), offsetMinutes_(calendarOffsetMinutes) {}

Date MandateService::today() const { return LocalDate(clock_.now(), offsetMinutes_); }

std::string MandateService::stateOf(const db::MandateRow& m) const {
  if (m.state != "verified") return m.state;
  Date t = today();
  if (t > m.validUntil) return "expired";
  if (t < m.validFrom || !m.granteeId) return "verified";
  return "active";
}

bool MandateService::checks(const Actor& actor, const db::MandateRow& m) const {
  if (!access::DecidesCases(actor) && !access::ServesApplicants(actor)) return false;
  return access::InUnitScope(*ref_.get()->units, actor, m.unitId);
}

json::object MandateService::toJson(db::Transaction& tx, const Actor& actor,
                                    const db::MandateRow& m) const {
  auto ref = ref_.get();
  bool grantor = actor.userId && *actor.userId == m.grantorId;
  json::array items;
  for (const auto& code : StringList(m.itemsJson)) {
    json::object i{{"code", code}};
    if (const auto* item = ref->catalog->item(code)) {
      i["name"] = item->name.en;
      i["name_zh"] = item->name.zh;
    }
    items.push_back(std::move(i));
  }
  json::array steps;
  for (const auto& s : StringList(m.stepsJson)) steps.emplace_back(s);
  json::object o{
      {"id", m.id},
      {"state", stateOf(m)},
      {"items", std::move(items)},
      {"case_id", m.caseId ? json::value(*m.caseId) : json::value(nullptr)},
      {"steps", std::move(steps)},
      {"valid_from", DateJson(m.validFrom)},
      {"valid_until", DateJson(m.validUntil)},
      {"check_method", m.checkMethod},
      {"check_note", m.checkNote},
      {"checked_at", TimeJson(m.checkedAt)},
      {"revoked_at", TimeJson(m.revokedAt)},
      {"created_at", TimeJson(m.createdAt)},
      {"evidence",
       {{"letter", m.letterDocumentId.has_value()}, {"id_document", m.idDocumentId.has_value()}}},
      {"bound", m.granteeId.has_value()}};
  if (m.caseId)
    if (auto c = tx.cases().byId(*m.caseId); c.ok()) o["case_no"] = c->caseNo;
  if (const auto* u = ref->units->byId(m.unitId)) o["unit"] = catalog::UnitDirectory::Name(*u);
  auto grantorRow = tx.users().byId(m.grantorId);
  o["grantor"] = {{"id", m.grantorId},
                  {"name", grantorRow.ok() ? grantorRow->displayName : std::string()}};
  json::object grantee{{"name", m.granteeName}};
  if (m.granteeId)
    if (auto g = tx.users().byId(*m.granteeId); g.ok()) {
      grantee["id"] = g->id;
      if (m.granteeName.empty()) grantee["name"] = g->displayName;
      grantee["display_name"] = g->displayName;
    }
  // The full ID number is for the officer comparing it with the letter; the others see its end.
  if (!m.granteeIdNumber.empty())
    grantee["id_number"] = checks(actor, m) ? m.granteeIdNumber : Masked(m.granteeIdNumber);
  if (grantor || checks(actor, m)) {
    grantee["phone"] = m.granteePhone;
    grantee["email"] = m.granteeEmail;
  }
  o["grantee"] = std::move(grantee);
  o["mine"] = grantor;
  return o;
}

Result<Created> MandateService::create(const Actor& actor, const CreateRequest& r) {
  if (!access::IsApplicant(actor) || !actor.userId || actor.proxy)
    return Status::PermissionDenied("applicants authorise someone for their own cases");
  FieldErrors errors;
  std::string email = text::Trim(r.granteeEmail);
  std::string name = text::Trim(r.granteeName), idNumber = text::Trim(r.granteeIdNumber),
              phone = text::Trim(r.granteePhone);
  bool byEmail = !email.empty();
  if (!byEmail) {
    if (name.empty()) errors["grantee.name"] = {"required", "the full name on their ID"};
    if (NormalId(idNumber).size() < 6)
      errors["grantee.id_number"] = {"required", "their ID number (at least 6 characters)"};
    if (phone.size() < 5) errors["grantee.phone"] = {"required", "a phone number"};
  }
  if (name.size() > 100) errors["grantee.name"] = {"too_long", "at most 100 bytes"};
  if (idNumber.size() > 40) errors["grantee.id_number"] = {"too_long", "at most 40 bytes"};
  if (phone.size() > 40) errors["grantee.phone"] = {"too_long", "at most 40 bytes"};
  if (r.items.empty() == !r.caseId)
    errors["scope"] = {"one_of", "either a list of items or one case"};
  if (r.items.size() > 20) errors["scope.items"] = {"too_many", "at most 20 items"};
  if (r.steps.empty()) errors["steps"] = {"required", "at least one step"};
  for (const auto& s : r.steps)
    if (!Has(Steps(), s))
      errors["steps"] = {"option", "any of submit, supplement, pay, collect, sign_delivery"};
  auto from = ParseDate(r.validFrom), until = ParseDate(r.validUntil);
  if (!from) errors["valid_from"] = {"format", "YYYY-MM-DD"};
  if (!until) errors["valid_until"] = {"format", "YYYY-MM-DD"};
  if (from && *from < today()) errors["valid_from"] = {"past", "today or later"};
  if (from && until && *until < *from)
    errors["valid_until"] = {"before_start", "must not be before valid_from"};
  if (from && until && (*until - *from).count() > kMaxDays)
    errors["valid_until"] = {"too_long", "an authorisation lasts at most five years"};
  auto ref = ref_.get();
  int64_t unitId = 0;
  for (const auto& code : r.items) {
    const catalog::Item* item = ref->catalog->item(code);
    if (!item || item->kind == "query") {
      errors["scope.items"] = {"unknown", "no such service: " + code};
      continue;
    }
    if (!item->proxyAllowed) {
      errors["scope.items"] = {"proxy_not_allowed", code + " cannot be handled by a proxy"};
      continue;
    }
    const db::UnitRow* unit = ref->units->byCode(item->owner);
    if (!unit) return Status::Internal("item owner unit missing");
    if (unitId && unitId != unit->id)
      errors["scope.items"] = {"one_unit",
                               "the services of one authorisation belong to one office"};
    unitId = unit->id;
  }
  if (!errors.empty()) return Status::InvalidArgument("invalid authorisation", errors);
  std::vector<std::string> steps;
  for (const auto& s : Steps())
    if (Has(r.steps, s)) steps.push_back(s);

  Created out;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    db::MandateRow m;
    m.grantorId = *actor.userId;
    if (r.caseId) {
      auto c = tx.cases().byId(*r.caseId);
      if (!c.ok() || c->applicantId != *actor.userId)
        return Status::InvalidField("scope.case_id", "unknown", "not one of your cases");
      const catalog::Item* item = ref->catalog->item(c->itemCode);
      if (!item || !item->proxyAllowed)
        return Status::InvalidField("scope.case_id", "proxy_not_allowed",
                                    "this service cannot be handled by a proxy");
      m.caseId = c->id;
      m.unitId = c->unitId;
    } else {
      m.unitId = unitId;
    }
    if (byEmail) {
      auto u = tx.users().byEmail(LowerAscii(email));
      if (!u.ok() || access::RoleOf(*u) != access::Role::kApplicant)
        return Status::InvalidField("grantee.email", "unknown",
                                    "no applicant account with this e-mail");
      if (u->id == *actor.userId)
        return Status::InvalidField("grantee.email", "self", "you cannot authorise yourself");
      m.granteeId = u->id;
      m.granteeEmail = u->email;
      m.granteeName = name.empty() ? u->displayName : name;
    } else {
      m.granteeName = name;
      out.claimCode = NewClaimCode();
      m.claimHash = ClaimHash(out.claimCode);
    }
    m.granteeIdNumber = idNumber;
    m.granteePhone = phone;
    m.itemsJson = ListJson(r.items);
    m.stepsJson = ListJson(steps);
    m.validFrom = *from;
    m.validUntil = *until;
    m.createdAt = m.updatedAt = clock_.now();
    TB_ASSIGN_OR_RETURN(m.id, tx.mandates().insert(m));
    TB_RETURN_IF_ERROR(tx.audit().append(
        audit::Event(actor, m.createdAt, "mandate.create", "mandate", std::to_string(m.id),
                     m.grantorId, {{"steps", m.stepsJson}, {"items", m.itemsJson}})));
    out.mandate = toJson(tx, actor, m);
    return Status::Ok();
  }));
  return out;
}

Result<json::object> MandateService::mine(const Actor& actor) {
  if (!actor.userId || !access::IsApplicant(actor))
    return Status::PermissionDenied("authorisations are between applicants");
  json::object out;
  TB_RETURN_IF_ERROR(db_.read([&](db::Transaction& tx) -> Status {
    json::array given, held;
    TB_ASSIGN_OR_RETURN(auto g, tx.mandates().byGrantor(*actor.userId));
    for (const auto& m : g) given.push_back(toJson(tx, actor, m));
    TB_ASSIGN_OR_RETURN(auto h, tx.mandates().byGrantee(*actor.userId));
    for (const auto& m : h) held.push_back(toJson(tx, actor, m));
    out = {{"given", std::move(given)}, {"held", std::move(held)}};
    return Status::Ok();
  }));
  return out;
}

Result<json::object> MandateService::get(const Actor& actor, int64_t id) {
  json::object out;
  TB_RETURN_IF_ERROR(db_.read([&](db::Transaction& tx) -> Status {
    auto m = tx.mandates().byId(id);
    if (!m.ok()) return m.status();
    bool party = actor.userId && (*actor.userId == m->grantorId ||
                                  (m->granteeId && *actor.userId == *m->granteeId));
    if (!party && !checks(actor, *m)) return Status::NotFound("authorisation not found");
    out = toJson(tx, actor, *m);
    return Status::Ok();
  }));
  return out;
}

Result<json::object> MandateService::uploadEvidence(const Actor& actor, int64_t id,
                                                    const std::string& kind,
                                                    const std::string& filename,
                                                    const fs::path& tempFile) {
  struct Cleanup {
    fs::path p;
    ~Cleanup() {
      std::error_code ec;
      fs::remove(p, ec);
    }
  } cleanup{tempFile};
  if (kind != "letter" && kind != "id_document")
    return Status::InvalidField("kind", "option", "letter or id_document");
  auto mine = [&](db::Transaction& tx) -> Result<db::MandateRow> {
    auto m = tx.mandates().byId(id);
    if (!m.ok() || !actor.userId || m->grantorId != *actor.userId)
      return Status::NotFound("authorisation not found");
    if (m->state != "requested")
      return Status::Conflict("evidence is added before the authorisation is checked");
    return m;
  };
  TB_RETURN_IF_ERROR(db_.read([&](db::Transaction& tx) { return mine(tx).status(); }));
  TB_ASSIGN_OR_RETURN(blobs::Blob blob,
                      blobs_.ingest(tempFile, {"image/jpeg", "image/png", "application/pdf"}));
  json::object out;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(db::MandateRow m, mine(tx));
    db::DocumentRow d;
    d.ownerId = m.grantorId;
    d.docType = kind == "letter" ? "mandate_letter" : "mandate_id_document";
    d.sha256 = blob.sha256;
    d.size = blob.size;
    d.mime = blob.mime;
    d.filename = filename;
    d.createdAt = clock_.now();
    d.uploadedBy = *actor.userId;
    TB_ASSIGN_OR_RETURN(d.id, tx.documents().insert(d));
    (kind == "letter" ? m.letterDocumentId : m.idDocumentId) = d.id;
    m.updatedAt = d.createdAt;
    TB_RETURN_IF_ERROR(tx.mandates().update(m));
    TB_RETURN_IF_ERROR(tx.audit().append(
        audit::Event(actor, d.createdAt, "mandate.evidence", "mandate", std::to_string(m.id),
                     m.grantorId, {{"kind", kind}, {"document_id", d.id}, {"size", blob.size}})));
    out = toJson(tx, actor, m);
    return Status::Ok();
  }));
  return out;
}

Result<EvidenceFile> MandateService::evidence(const Actor& actor, int64_t id,
                                              const std::string& kind) {
  if (kind != "letter" && kind != "id_document") return Status::NotFound("no such evidence");
  EvidenceFile out;
  bool own = false;
  auto load = [&](db::Transaction& tx) -> Status {
    auto m = tx.mandates().byId(id);
    if (!m.ok()) return Status::NotFound("authorisation not found");
    own = actor.userId && *actor.userId == m->grantorId;
    if (!own && !checks(actor, *m)) return Status::NotFound("authorisation not found");
    auto docId = kind == "letter" ? m->letterDocumentId : m->idDocumentId;
    if (!docId) return Status::NotFound("not uploaded yet");
    TB_ASSIGN_OR_RETURN(db::DocumentRow d, tx.documents().byId(*docId));
    out = {blobs_.pathOf(d.sha256), d.mime, d.filename};
    return Status::Ok();
  };
  TB_RETURN_IF_ERROR(db_.read(load));
  if (!own) {
    // An officer looking at the grantor's ID document reads their personal data: audited.
    TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
      TB_RETURN_IF_ERROR(load(tx));
      TB_ASSIGN_OR_RETURN(db::MandateRow m, tx.mandates().byId(id));
      return tx.audit().append(audit::Event(actor, clock_.now(), "mandate.evidence_read", "mandate",
                                            std::to_string(id), m.grantorId, {{"kind", kind}}));
    }));
  }
  return out;
}

Result<json::object> MandateService::revoke(const Actor& actor, int64_t id) {
  json::object out;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    auto m = tx.mandates().byId(id);
    if (!m.ok() || !actor.userId || m->grantorId != *actor.userId || actor.proxy)
      return Status::NotFound("authorisation not found");
    if (m->state == "revoked" || m->state == "rejected")
      return Status::Conflict("this authorisation is already " + m->state);
    TimePoint now = clock_.now();
    m->state = "revoked";
    m->revokedAt = now;
    m->claimHash.clear();
    m->updatedAt = now;
    TB_RETURN_IF_ERROR(tx.mandates().update(*m));
    TB_RETURN_IF_ERROR(tx.audit().append(audit::Event(actor, now, "mandate.revoke", "mandate",
                                                      std::to_string(m->id), m->grantorId)));
    TB_RETURN_IF_ERROR(tx.outbox().append(
        {0, now, "mandate.revoked",
         json::serialize(json::object{
             {"mandate_id", m->id},
             {"grantor_id", m->grantorId},
             {"grantee_id", m->granteeId ? json::value(*m->granteeId) : json::value(nullptr)}})}));
    out = toJson(tx, actor, *m);
    return Status::Ok();
  }));
  return out;
}

Result<json::object> MandateService::claim(const Actor& actor, const std::string& code,
                                           const std::string& idNumber) {
  if (!access::IsApplicant(actor) || !actor.userId || actor.proxy)
    return Status::PermissionDenied("sign in with your own applicant account to claim");
  if (NormalId(code).size() != 10) return Status::InvalidField("code", "format", "10 characters");
  json::object out;
  bool wrongId = false;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    auto m = tx.mandates().byClaimHash(ClaimHash(code));
    if (!m.ok()) return Status::InvalidField("code", "unknown", "no authorisation with this code");
    if (m->grantorId == *actor.userId)
      return Status::InvalidField("code", "self", "you cannot claim your own authorisation");
    if (m->state == "revoked" || m->state == "rejected")
      return Status::InvalidField("code", "unknown", "no authorisation with this code");
    TimePoint now = clock_.now();
    if (NormalId(idNumber) != NormalId(m->granteeIdNumber)) {
      // Counted, and committed: the answer is an error, but the try is kept.
      wrongId = true;
      m->claimFailures += 1;
      if (m->claimFailures >= kMaxClaimFailures) m->claimHash.clear();
      m->updatedAt = now;
      TB_RETURN_IF_ERROR(tx.mandates().update(*m));
      return tx.audit().append(audit::Event(actor, now, "mandate.claim_failed", "mandate",
                                            std::to_string(m->id), m->grantorId,
                                            {{"failures", m->claimFailures}}));
    }
    m->granteeId = *actor.userId;
    m->claimHash.clear();
    m->updatedAt = now;
    TB_ASSIGN_OR_RETURN(db::UserRow me, tx.users().byId(*actor.userId));
    m->granteeEmail = me.email;
    TB_RETURN_IF_ERROR(tx.mandates().update(*m));
    TB_RETURN_IF_ERROR(tx.audit().append(
        audit::Event(actor, now, "mandate.claim", "mandate", std::to_string(m->id), m->grantorId)));
    out = toJson(tx, actor, *m);
    return Status::Ok();
  }));
  if (wrongId)
    return Status::InvalidField("id_number", "mismatch",
                                "the ID number is not the one the authorisation names");
  return out;
}

Result<json::array> MandateService::pending(const Actor& actor) {
  if (!access::DecidesCases(actor) && !access::ServesApplicants(actor))
    return Status::PermissionDenied("officers check authorisations");
  json::array out;
  auto ref = ref_.get();
  std::vector<int64_t> units;
  for (const auto& u : ref->units->all())
    if (access::InUnitScope(*ref->units, actor, u.id)) units.push_back(u.id);
  TB_RETURN_IF_ERROR(db_.read([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(auto rows, tx.mandates().pending(units));
    for (const auto& m : rows) out.push_back(toJson(tx, actor, m));
    return Status::Ok();
  }));
  return out;
}

Status MandateService::decide(db::Transaction& tx, const Actor& officer, db::MandateRow& m,
                              bool approve, const std::string& note, const std::string& method) {
  TimePoint now = clock_.now();
  m.state = approve ? "verified" : "rejected";
  m.checkMethod = method;
  m.checkedBy = officer.userId;
  m.checkedAt = now;
  m.checkNote = note;
  m.updatedAt = now;
  if (!approve) m.claimHash.clear();
  TB_RETURN_IF_ERROR(tx.mandates().update(m));
  TB_RETURN_IF_ERROR(tx.audit().append(
      audit::Event(officer, now, approve ? "mandate.verify" : "mandate.reject", "mandate",
                   std::to_string(m.id), m.grantorId, {{"method", method}, {"note", note}})));
  return tx.outbox().append({0, now, "mandate.checked",
                             json::serialize(json::object{{"mandate_id", m.id},
                                                          {"grantor_id", m.grantorId},
                                                          {"approved", approve},
                                                          {"method", method},
                                                          {"note", note},
                                                          {"unit_id", m.unitId}})});
}

Result<json::object> MandateService::check(const Actor& actor, int64_t id, bool approve,
                                           const std::string& note) {
  if (note.size() > 2000) return Status::InvalidField("note", "too_long", "at most 2000 bytes");
  if (!approve && text::Trim(note).empty())
    return Status::InvalidField("note", "required", "say why it is refused");
  json::object out;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    auto m = tx.mandates().byId(id);
    if (!m.ok() || !checks(actor, *m)) return Status::NotFound("authorisation not found");
    if (m->state != "requested") return Status::Conflict("this authorisation is " + m->state);
    if (approve && (!m->letterDocumentId || !m->idDocumentId))
      return Status(StatusCode::kConflict, "the evidence is incomplete",
                    {{"evidence", {"missing", "the letter and the ID document are both needed"}}});
    TB_RETURN_IF_ERROR(decide(tx, actor, *m, approve, text::Trim(note), "document"));
    out = toJson(tx, actor, *m);
    return Status::Ok();
  }));
  return out;
}

Result<Actor::Proxy> MandateService::actingFor(int64_t userId, int64_t mandateId) {
  Actor::Proxy p;
  TB_RETURN_IF_ERROR(db_.read([&](db::Transaction& tx) -> Status {
    auto m = tx.mandates().byId(mandateId);
    if (!m.ok() || !m->granteeId || *m->granteeId != userId)
      return Status::PermissionDenied("you hold no such authorisation");
    std::string state = stateOf(*m);
    if (state != "active")
      return Status(StatusCode::kPermissionDenied, "the authorisation is " + state,
                    {{"X-Act-For", {state, "the authorisation is " + state}}});
    p.principalId = m->grantorId;
    p.mandateId = m->id;
    p.items = StringList(m->itemsJson);
    p.caseId = m->caseId;
    p.steps = StringList(m->stepsJson);
    return Status::Ok();
  }));
  return p;
}

Status MandateService::recordUse(db::Transaction& tx, const Actor& actor, const db::MandateRow& m,
                                 const db::CaseRow& c, std::string_view step,
                                 std::string_view action, const std::string& reference,
                                 int64_t granteeId, std::optional<int64_t> recordedBy) {
  TimePoint now = clock_.now();
  db::MandateUseRow u;
  u.mandateId = m.id;
  u.caseId = c.id;
  u.step = std::string(step);
  u.action = std::string(action);
  u.reference = reference;
  u.granteeId = granteeId;
  u.recordedBy = recordedBy;
  u.at = now;
  TB_RETURN_IF_ERROR(tx.mandates().insertUse(u).status());
  TB_RETURN_IF_ERROR(tx.audit().append(audit::Event(
      actor, now, "mandate.use", "case", std::to_string(c.id), c.applicantId,
      {{"mandate_id", m.id}, {"grantee_id", granteeId}, {"step", step}, {"action", action}})));
  auto grantee = tx.users().byId(granteeId);
  return tx.outbox().append(
      {0, now, "mandate.used",
       json::serialize(
           json::object{{"mandate_id", m.id},
                        {"grantor_id", m.grantorId},
                        {"grantee_id", granteeId},
                        {"grantee_name", grantee.ok() ? grantee->displayName : m.granteeName},
                        {"case_id", c.id},
                        {"case_no", c.caseNo},
                        {"item_code", c.itemCode},
                        {"step", step},
                        {"action", action}})});
}

Status MandateService::noteUseIn(db::Transaction& tx, const Actor& actor, const db::CaseRow& c,
                                 std::string_view step, std::string_view action,
                                 const std::string& reference) {
  if (!actor.proxy || !actor.userId) return Status::Ok();
  TB_ASSIGN_OR_RETURN(db::MandateRow m, tx.mandates().byId(actor.proxy->mandateId));
  return recordUse(tx, actor, m, c, step, action, reference, *actor.userId, std::nullopt);
}

Status MandateService::noteUse(const Actor& actor, int64_t caseId, std::string_view step,
                               std::string_view action, const std::string& reference) {
  if (!actor.proxy || !actor.userId) return Status::Ok();
  return db_.write([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(db::MandateRow m, tx.mandates().byId(actor.proxy->mandateId));
    TB_ASSIGN_OR_RETURN(db::CaseRow c, tx.cases().byId(caseId));
    return recordUse(tx, actor, m, c, step, action, reference, *actor.userId, std::nullopt);
  });
}

Result<access::MandateUse> MandateService::use(db::Transaction& tx, const Actor& recorder,
                                               int64_t mandateId, const db::CaseRow& c,
                                               std::string_view step, std::string_view action,
                                               const std::string& reference) {
  auto refused = [](const std::string& why) {
    return Status(StatusCode::kPermissionDenied, "the authorisation does not allow this",
                  {{"mandate_id", {why, "the authorisation " + why}}});
  };
  auto m = tx.mandates().byId(mandateId);
  if (!m.ok()) return refused("unknown");
  std::string state = stateOf(*m);
  if (state != "active") return refused(state == "verified" ? "not_active" : state);
  Actor::Proxy p{m->grantorId, m->id, StringList(m->itemsJson), m->caseId,
                 StringList(m->stepsJson)};
  Actor as;
  as.userId = m->granteeId;
  as.role = "applicant";
  as.proxy = p;
  if (!access::ProxyMay(as, c, step)) return refused("out_of_scope");
  TB_RETURN_IF_ERROR(
      recordUse(tx, recorder, *m, c, step, action, reference, *m->granteeId, recorder.userId));
  auto g = tx.users().byId(*m->granteeId);
  return access::MandateUse{m->id, *m->granteeId,
                            m->granteeName.empty() && g.ok() ? g->displayName : m->granteeName};
}

Status MandateService::checkVideoSubject(db::Transaction& tx, int64_t applicantId,
                                         int64_t mandateId) {
  auto m = tx.mandates().byId(mandateId);
  if (!m.ok() || m->grantorId != applicantId)
    return Status::InvalidField("mandate_id", "unknown",
                                "not one of the applicant's authorisations");
  if (m->state != "requested")
    return Status::InvalidField("mandate_id", "checked", "this authorisation is " + m->state);
  return Status::Ok();
}

Status MandateService::videoDecided(db::Transaction& tx, const Actor& officer, int64_t sessionId,
                                    int64_t mandateId, bool approve, const std::string& note) {
  auto m = tx.mandates().byId(mandateId);
  if (!m.ok()) return m.status();
  if (m->state != "requested") return Status::Ok();  // revoked meanwhile: nothing to verify
  m->videoSessionId = sessionId;
  return decide(tx, officer, *m, approve, note, "video");
}

Result<json::array> MandateService::usesOf(db::Transaction& tx, const db::CaseRow& c) {
  TB_ASSIGN_OR_RETURN(auto rows, tx.mandates().usesByCase(c.id));
  json::array out;
  for (const auto& u : rows) {
    auto g = tx.users().byId(u.granteeId);
    out.push_back(json::object{{"at", TimeJson(u.at)},
                               {"mandate_id", u.mandateId},
                               {"step", u.step},
                               {"action", u.action},
                               {"reference", u.reference},
                               {"by", g.ok() ? g->displayName : std::string()},
                               {"recorded_by_staff", u.recordedBy.has_value()}});
  }
  return out;
}

}  // namespace tongban::mandates
