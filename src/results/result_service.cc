#include "results/result_service.h"

#include <fstream>

#include "access/access.h"
#include "audit/audit.h"
#include "certificates/certificate.h"
#include "certificates/pdf.h"
#include "common/crypto.h"
#include "common/log.h"

namespace tongban::results {

namespace {

namespace cert = tongban::certificates;

//! Public ids: 20 Crockford base-32 characters (100 random bits): unguessable, and readable
//! over the phone or typed from paper (the verification page ignores case, spaces and dashes).
std::string NewCertificateId() {
  static const char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  std::string raw = crypto::RandomBytes(20);
  std::string id;
  for (unsigned char c : raw) id += kAlphabet[c % 32];  // 256 is a multiple of 32: no bias
  return id;
}

//! What a person may type for an id: letters and digits, with spaces and dashes ignored, and
//! the letters Crockford's alphabet leaves out read as the digits they look like.
std::optional<std::string> NormaliseId(const std::string& in) {
  if (in.size() > 64) return std::nullopt;
  std::string out;
  for (char ch : in) {
    if (ch == ' ' || ch == '-') continue;
    char c = char(std::toupper(static_cast<unsigned char>(ch)));
    if (c == 'O') c = '0';
    if (c == 'I' || c == 'L') c = '1';
    if (!std::isalnum(static_cast<unsigned char>(c)) || c == 'U') return std::nullopt;
    out += c;
  }
  if (out.size() != 20) return std::nullopt;
  return out;
}

std::string Str(const json::object& form, const std::string& name) {
  auto it = form.find(name);
  if (it == form.end()) return "";
  if (it->value().is_string()) return std::string(it->value().as_string());
  if (it->value().is_bool()) return it->value().as_bool() ? "是 / Yes" : "否 / No";
  if (it->value().is_int64()) return std::to_string(it->value().as_int64());
  if (it->value().is_double()) return json::serialize(it->value());
  return "";
}

//! The value as printed: a select prints its option's label in Chinese and English.
std::string Printed(const catalog::Field& f, const std::string& raw) {
  if (f.type == catalog::FieldType::kSelect)
    for (const auto& o : f.options)
      if (o.value == raw)
        return o.label.zh == o.label.en || o.label.en.empty() ? o.label.zh
                                                              : o.label.zh + " / " + o.label.en;
  return raw;
}

std::string HolderName(const json::object& form, const db::UserRow& applicant) {
  std::string zh = Str(form, "name_zh");
  if (!zh.empty()) return zh;
  std::string latin = Str(form, "surname");
  std::string given = Str(form, "given_names");
  if (!given.empty()) latin += (latin.empty() ? "" : " ") + given;
  return latin.empty() ? applicant.displayName : latin;
}

TimePoint Millis(TimePoint t) { return std::chrono::floor<std::chrono::milliseconds>(t); }

bool IsStaffOfCase(const reference::Snapshot& ref, const Actor& actor, const db::CaseRow& c) {
  return access::WorksCases(actor) && access::CanSeeCase(*ref.units, actor, c);
}

}  // namespace

ResultService::ResultService(db::Database& db, const Clock& clock,
                             const reference::ReferenceData& ref, const cert::KeyRing& keys,
                             blobs::BlobStore& blobs, ResultOptions options)
    : db_(db),
      clock_(clock),
      ref_(ref),
      keys_(keys),
      blobs_(blobs),
      options_(std::move(options)),
      lookups_(options_.lookupsPerMinute, std::chrono::seconds(60)) {}

Result<db::CertificateRow> ResultService::issueIn(db::Transaction& tx, const Actor& actor,
                                                  const db::CaseRow& c, const catalog::Item& item,
                                                  const std::optional<std::string>& replaces) {
  if (!item.result) return Status::Conflict("item " + item.code + " has no result to issue");
  const catalog::ItemResult& spec = *item.result;
  auto ref = ref_.get();
  const db::UnitRow* unit = ref->units->byId(c.unitId);
  if (!unit) return Status::Internal("case " + c.caseNo + " has an unknown unit");
  TB_ASSIGN_OR_RETURN(db::UserRow applicant, tx.users().byId(c.applicantId));
  auto formR = ParseJsonObject(c.formJson);
  json::object form = formR.ok() ? std::move(*formR) : json::object();

  TimePoint now = Millis(clock_.now());
  Date today = LocalDate(now, options_.calendarOffsetMinutes);
  cert::CertificateContent content;
  content.id = NewCertificateId();
  content.itemCode = item.code;
  content.titleZh = spec.title.zh;
  content.titleEn = spec.title.en;
  content.holderName = HolderName(form, applicant);
  content.unit = {unit->code, unit->nameZh, unit->nameEn};
  content.issuedAt = now;
  if (spec.validityDays) content.validUntil = today + std::chrono::days(*spec.validityDays);
  for (const auto& name : spec.print) {
    cert::PrintedField pf;
    if (name == "case_number") {
      pf = {"受理编号", "Case number", c.caseNo};
    } else if (name == "decision_date") {
      pf = {"决定日期", "Date of decision", FormatDate(today)};
    } else if (name == "decision_note") {
      pf = {"审核意见", "Decision", c.decisionNote};
    } else {
      auto f = std::find_if(item.fields.begin(), item.fields.end(),
                            [&](const catalog::Field& x) { return x.name == name; });
      if (f == item.fields.end())
        continue;  // the loader checked print; an edit may have dropped it
      pf = {f->label.zh, f->label.en, Printed(*f, Str(form, name))};
    }
    if (pf.value.empty()) continue;  // an optional field left empty is not printed as a blank
    content.fields.push_back(std::move(pf));
  }
  if (spec.physical)
    content.fields.push_back(
        {"领取证件", "Document to collect", spec.physical->zh + " / " + spec.physical->en});

  TB_ASSIGN_OR_RETURN(cert::SignedCertificate signed_, cert::Sign(std::move(content), keys_));
  db::CertificateRow row;
  row.id = signed_.content.id;
  row.caseId = c.id;
  row.holderId = c.applicantId;
  row.itemCode = item.code;
  row.kind = catalog::ResultKindName(spec.kind);
  row.unitId = c.unitId;
  row.kid = signed_.content.kid;
  row.payload = signed_.payload;
  row.signature = cert::Base64UrlEncode(signed_.signature);
  row.issuedAt = now;
  row.validUntil = signed_.content.validUntil;
  row.replaces = replaces;
  TB_RETURN_IF_ERROR(tx.certificates().insert(row));
  TB_RETURN_IF_ERROR(tx.audit().append(
      audit::Event(actor, now, "certificate.issue", "certificate", row.id, c.applicantId,
                   {{"case_id", c.id}, {"kind", row.kind}, {"kid", row.kid}})));
  json::object event{{"certificate_id", row.id}, {"case_id", c.id},
                     {"case_no", c.caseNo},      {"applicant_id", c.applicantId},
                     {"item_code", item.code},   {"kind", row.kind},
                     {"unit_id", c.unitId},      {"reissue", replaces.has_value()}};
  TB_RETURN_IF_ERROR(tx.outbox().append({0, now, "certificate.issued", json::serialize(event)}));
  return row;
}

json::object ResultService::publicView(const db::CertificateRow& r) const {
  json::object o{{"id", r.id}, {"kind", r.kind}};
  auto payload = json::parse(r.payload);
  auto content = cert::FromPayload(payload);
  if (content.ok()) {
    o["title"] = {{"zh", content->titleZh}, {"en", content->titleEn}};
    o["holder_name"] = content->holderName;
    json::array fields;
    for (const auto& f : content->fields)
      fields.push_back({{"label_zh", f.labelZh}, {"label_en", f.labelEn}, {"value", f.value}});
    o["fields"] = std::move(fields);
    o["unit"] = {{"code", content->unit.code},
                 {"name_zh", content->unit.nameZh},
                 {"name_en", content->unit.nameEn}};
  }
  o["issued_at"] = TimeJson(r.issuedAt);
  o["valid_until"] = DateJson(r.validUntil);
  o["kid"] = r.kid;
  return o;
}

json::object ResultService::viewOf(db::Transaction& tx, const Actor& actor,
                                   const db::CertificateRow& r, bool staff) const {
  json::object o = publicView(r);
  // A revocation waiting for its countersignature is still in force: the holder sees the result
  // as valid until a supervisor confirms; staff see the request.
  o["status"] = !staff && r.status == "revoke_pending" ? "valid" : r.status;
  o["case_id"] = r.caseId;
  o["item_code"] = r.itemCode;
  Date today = LocalDate(clock_.now(), options_.calendarOffsetMinutes);
  o["expired"] = r.validUntil && *r.validUntil < today;
  o["pdf_url"] = "/api/v1/certificates/" + r.id + "/pdf";
  o["verify_url"] = cert::VerificationUrl(options_.publicUrl(), r.id);
  o["replaces"] = r.replaces ? json::value(*r.replaces) : json::value(nullptr);
  o["replaced_by"] = r.replacedBy ? json::value(*r.replacedBy) : json::value(nullptr);
  o["revoked_at"] = TimeJson(r.revokedAt);
  o["revoke_reason"] = r.status == "revoked" || staff ? json::value(r.revokeReason) : nullptr;
  if (staff) {
    auto nameOf = [&](const std::optional<int64_t>& id) -> json::value {
      if (!id) return nullptr;
      auto u = tx.users().byId(*id);
      return u.ok() ? json::value(u->displayName) : json::value(nullptr);
    };
    o["revoke_requested_by"] = nameOf(r.revokeRequestedBy);
    o["revoke_requested_at"] = TimeJson(r.revokeRequestedAt);
    o["revoked_by"] = nameOf(r.revokedBy);
    o["can_revoke"] = r.status == "valid" && access::DecidesCases(actor);
    o["can_cosign"] = r.status == "revoke_pending" && access::Supervises(actor) &&
                      actor.userId != r.revokeRequestedBy;
  }
  return o;
}

json::array ResultService::describeIn(db::Transaction& tx, const Actor& actor,
                                      const db::CaseRow& c) {
  json::array out;
  auto rows = tx.certificates().byCase(c.id);
  if (!rows.ok()) {
    log::Warn("results of a case could not be read",
              {{"case_id", c.id}, {"error", rows.status().message()}});
    return out;
  }
  bool staff = IsStaffOfCase(*ref_.get(), actor, c);
  for (const auto& r : *rows) out.push_back(viewOf(tx, actor, r, staff));
  return out;
}

Result<json::array> ResultService::wallet(const Actor& actor) {
  if (!actor.userId) return Status::Unauthenticated("sign in to see your results");
  json::array out;
  auto ref = ref_.get();
  TB_RETURN_IF_ERROR(db_.read([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(auto rows, tx.certificates().byHolder(*actor.userId, 500));
    TimePoint now = clock_.now();
    for (const auto& r : rows) {
      json::object o = viewOf(tx, actor, r, false);
      auto c = tx.cases().byId(r.caseId);
      if (c.ok()) {
        json::object cj{{"id", c->id}, {"case_no", c->caseNo}, {"state", c->state}};
        if (const auto* item = ref->catalog->item(c->itemCode))
          cj["item_name"] = item->name.ToJson();
        o["case"] = std::move(cj);
      }
      TB_ASSIGN_OR_RETURN(auto shares, tx.certificates().sharesOf(r.id));
      json::array sj;
      for (const auto& s : shares)
        sj.push_back({{"id", s.id},
                      {"label", s.label},
                      {"created_at", TimeJson(s.createdAt)},
                      {"expires_at", TimeJson(s.expiresAt)},
                      {"revoked_at", TimeJson(s.revokedAt)},
                      {"active", !s.revokedAt && s.expiresAt > now},
                      {"uses", s.uses},
                      {"last_used_at", TimeJson(s.lastUsedAt)}});
      o["shares"] = std::move(sj);
      out.push_back(std::move(o));
    }
    return Status::Ok();
  }));
  return out;
}

Result<PdfFile> ResultService::renderOrLoad(const db::CertificateRow& r) {
  std::string sha;
  if (r.pdfSha256) {
    sha = *r.pdfSha256;
  } else {
    auto payload = json::parse(r.payload);
    TB_ASSIGN_OR_RETURN(cert::CertificateContent content, cert::FromPayload(payload));
    TB_ASSIGN_OR_RETURN(std::string signature, cert::Base64UrlDecode(r.signature));
    cert::SignedCertificate sc{std::move(content), r.payload, std::move(signature)};
    cert::RenderOptions opts;
    opts.verifyBaseUrl = options_.publicUrl();
    opts.utcOffsetMinutes = options_.calendarOffsetMinutes;
    TB_ASSIGN_OR_RETURN(std::string bytes, cert::RenderPdf(sc, keys_, opts));
    std::filesystem::path tmp = blobs_.tempDir() / ("certificate-" + r.id + "-" +
                                                    crypto::Sha256Hex(crypto::RandomToken(8)));
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      out.write(bytes.data(), std::streamsize(bytes.size()));
      if (!out) return Status::Internal("could not write " + tmp.string());
    }
    TB_ASSIGN_OR_RETURN(blobs::Blob blob, blobs_.ingest(tmp, {"application/pdf"}));
    TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
      TB_ASSIGN_OR_RETURN(sha, tx.certificates().setPdf(r.id, blob.sha256));
      return Status::Ok();
    }));
  }
  std::string prefix = r.kind == "certificate" ? "certificate-" : "decision-";
  return PdfFile{blobs_.pathOf(sha), prefix + r.id + ".pdf"};
}

Result<PdfFile> ResultService::pdf(const Actor& actor, const std::string& id) {
  auto nid = NormaliseId(id);
  if (!nid) return Status::NotFound("certificate not found");
  db::CertificateRow row;
  bool own = false;
  TB_RETURN_IF_ERROR(db_.read([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(row, tx.certificates().byId(*nid));
    own = actor.userId && *actor.userId == row.holderId;
    if (own) return Status::Ok();
    auto c = access::LoadVisibleCase(tx, *ref_.get()->units, actor, row.caseId);
    if (!c.ok() || !access::WorksCases(actor)) return Status::NotFound("certificate not found");
    return Status::Ok();
  }));
  if (!own)
    TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) {
      return tx.audit().append(audit::Event(actor, clock_.now(), "certificate.read", "certificate",
                                            row.id, row.holderId, {{"case_id", row.caseId}}));
    }));
  return renderOrLoad(row);
}

Status ResultService::limit(const Actor& caller) {
  int64_t wait = lookups_.take(caller.ip, clock_.now());
  if (wait > 0)
    return Status(StatusCode::kTooManyRequests, "too many look-ups from this address",
                  {{"retry_after", {std::to_string(wait), "try again in a minute"}}});
  return Status::Ok();
}

Result<json::object> ResultService::verify(const Actor& caller, const std::string& id) {
  TB_RETURN_IF_ERROR(limit(caller));
  auto nid = NormaliseId(id);
  if (!nid) return json::object{{"status", "unknown"}};
  json::object out;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    auto row = tx.certificates().byId(*nid);
    if (row.status().IsNotFound()) {
      out = {{"status", "unknown"}};
      return Status::Ok();
    }
    TB_RETURN_IF_ERROR(row.status());
    // The stored signature is checked again against the published keys, so a row changed in
    // the database does not show as genuine.
    auto sig = cert::Base64UrlDecode(row->signature);
    bool intact = sig.ok() && cert::Verify(row->payload, *sig, keys_.publicKeys()).ok();
    out = publicView(*row);
    out["status"] = !intact ? "unknown" : row->status == "revoked" ? "revoked" : "genuine";
    Date today = LocalDate(clock_.now(), options_.calendarOffsetMinutes);
    out["expired"] = row->validUntil && *row->validUntil < today;
    out["revoked_at"] = row->status == "revoked" ? TimeJson(row->revokedAt) : nullptr;
    out["replaced"] = row->status == "revoked" && row->replacedBy.has_value();
    if (!intact) out = {{"status", "unknown"}};
    return tx.audit().append(audit::Event(caller, clock_.now(), "certificate.verify", "certificate",
                                          row->id, row->holderId));
  }));
  return out;
}

Result<db::ShareRow> ResultService::liveShare(db::Transaction& tx, const std::string& token) {
  auto s = tx.certificates().shareByTokenHash(crypto::Sha256Hex(token));
  if (!s.ok() || s->revokedAt || s->expiresAt <= clock_.now())
    return Status::NotFound("this link has expired or was withdrawn by its holder");
  return s;
}

Result<json::object> ResultService::openShare(const Actor& caller, const std::string& token) {
  TB_RETURN_IF_ERROR(limit(caller));
  if (token.empty() || token.size() > 100)
    return Status::NotFound("this link has expired or was withdrawn by its holder");
  json::object out;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(db::ShareRow share, liveShare(tx, token));
    TB_ASSIGN_OR_RETURN(db::CertificateRow row, tx.certificates().byId(share.certificateId));
    out = publicView(row);
    out["status"] = row.status == "revoked" ? "revoked" : "genuine";
    Date today = LocalDate(clock_.now(), options_.calendarOffsetMinutes);
    out["expired"] = row.validUntil && *row.validUntil < today;
    out["link_expires_at"] = TimeJson(share.expiresAt);
    out["pdf_url"] = "/api/v1/shared/" + token + "/pdf";
    out["verify_url"] = cert::VerificationUrl(options_.publicUrl(), row.id);
    TimePoint now = clock_.now();
    TB_RETURN_IF_ERROR(tx.certificates().countShareUse(share.id, now));
    return tx.audit().append(audit::Event(caller, now, "certificate.shared_view", "certificate",
                                          row.id, row.holderId,
                                          {{"share_id", share.id}, {"label", share.label}}));
  }));
  return out;
}

Result<PdfFile> ResultService::sharedPdf(const Actor& caller, const std::string& token) {
  TB_RETURN_IF_ERROR(limit(caller));
  if (token.empty() || token.size() > 100)
    return Status::NotFound("this link has expired or was withdrawn by its holder");
  db::CertificateRow row;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(db::ShareRow share, liveShare(tx, token));
    TB_ASSIGN_OR_RETURN(row, tx.certificates().byId(share.certificateId));
    TimePoint now = clock_.now();
    TB_RETURN_IF_ERROR(tx.certificates().countShareUse(share.id, now));
    return tx.audit().append(audit::Event(caller, now, "certificate.shared_download", "certificate",
                                          row.id, row.holderId,
                                          {{"share_id", share.id}, {"label", share.label}}));
  }));
  return renderOrLoad(row);
}

Result<json::object> ResultService::share(const Actor& actor, const std::string& id, int days,
                                          const std::string& label) {
  FieldErrors errors;
  if (days < 1 || days > options_.maxShareDays)
    errors["days"] = {"range", "must be 1 to " + std::to_string(options_.maxShareDays)};
  if (label.size() > 100) errors["label"] = {"too_long", "must be at most 100 bytes"};
  if (!errors.empty()) return Status::InvalidArgument("invalid share link", errors);
  auto nid = NormaliseId(id);
  if (!nid || !actor.userId) return Status::NotFound("certificate not found");
  std::string token = crypto::RandomToken(24);  // 192 bits, URL-safe
  json::object out;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(db::CertificateRow row, tx.certificates().byId(*nid));
    if (row.holderId != *actor.userId) return Status::NotFound("certificate not found");
    if (row.status == "revoked") return Status::Conflict("a revoked result cannot be shared");
    TimePoint now = clock_.now();
    db::ShareRow s;
    s.certificateId = row.id;
    s.tokenHash = crypto::Sha256Hex(token);
    s.label = label;
    s.createdBy = *actor.userId;
    s.createdAt = now;
    s.expiresAt = now + std::chrono::days(days);
    TB_ASSIGN_OR_RETURN(s.id, tx.certificates().insertShare(s));
    out = {{"id", s.id},
           {"label", s.label},
           {"url", options_.publicUrl() + "/shared/" + token},
           {"created_at", TimeJson(s.createdAt)},
           {"expires_at", TimeJson(s.expiresAt)}};
    return tx.audit().append(audit::Event(actor, now, "certificate.share", "certificate", row.id,
                                          row.holderId,
                                          {{"share_id", s.id}, {"days", days}, {"label", label}}));
  }));
  return out;
}

Result<json::object> ResultService::revokeShare(const Actor& actor, const std::string& id,
                                                int64_t shareId) {
  auto nid = NormaliseId(id);
  if (!nid || !actor.userId) return Status::NotFound("share link not found");
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(db::CertificateRow row, tx.certificates().byId(*nid));
    auto s = tx.certificates().shareById(shareId);
    if (row.holderId != *actor.userId || !s.ok() || s->certificateId != row.id)
      return Status::NotFound("share link not found");
    TimePoint now = clock_.now();
    TB_RETURN_IF_ERROR(tx.certificates().revokeShare(shareId, now));
    return tx.audit().append(audit::Event(actor, now, "certificate.share_revoke", "certificate",
                                          row.id, row.holderId, {{"share_id", shareId}}));
  }));
  return json::object{{"id", shareId}, {"revoked", true}};
}

Result<json::object> ResultService::revoke(const Actor& actor, const std::string& id,
                                           const std::string& reason) {
  if (reason.empty()) return Status::InvalidField("reason", "required", "say why");
  if (reason.size() > 1000)
    return Status::InvalidField("reason", "too_long", "must be at most 1000 bytes");
  if (!access::DecidesCases(actor))
    return Status::PermissionDenied("only officers and supervisors revoke results");
  auto nid = NormaliseId(id);
  if (!nid) return Status::NotFound("certificate not found");
  auto ref = ref_.get();
  json::object out;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(db::CertificateRow row, tx.certificates().byId(*nid));
    auto c = access::LoadVisibleCase(tx, *ref->units, actor, row.caseId);
    if (!c.ok()) return Status::NotFound("certificate not found");
    if (row.status != "valid")
      return Status::Conflict(row.status == "revoked" ? "this result is already revoked"
                                                      : "a revocation already waits for a "
                                                        "supervisor's countersignature");
    const catalog::Item* item = ref->catalog->item(row.itemCode);
    bool cosign = item && item->result && item->result->sensitive;
    TimePoint now = clock_.now();
    row.revokeReason = reason;
    row.revokeRequestedBy = actor.userId;
    row.revokeRequestedAt = now;
    if (cosign) {
      row.status = "revoke_pending";
    } else {
      row.status = "revoked";
      row.revokedBy = actor.userId;
      row.revokedAt = now;
    }
    TB_RETURN_IF_ERROR(tx.certificates().updateStatus(row));
    TB_RETURN_IF_ERROR(tx.audit().append(
        audit::Event(actor, now, cosign ? "certificate.revoke_request" : "certificate.revoke",
                     "certificate", row.id, row.holderId, {{"reason", reason}})));
    if (!cosign)
      TB_RETURN_IF_ERROR(
          tx.outbox().append({0, now, "certificate.revoked",
                              json::serialize(json::object{{"certificate_id", row.id},
                                                           {"case_id", row.caseId},
                                                           {"case_no", c->caseNo},
                                                           {"applicant_id", row.holderId},
                                                           {"item_code", row.itemCode},
                                                           {"unit_id", row.unitId},
                                                           {"reason", reason}})}));
    out = viewOf(tx, actor, row, true);
    return Status::Ok();
  }));
  return out;
}

Result<json::object> ResultService::cosign(const Actor& actor, const std::string& id, bool approve,
                                           const std::string& note) {
  if (note.size() > 1000)
    return Status::InvalidField("note", "too_long", "must be at most 1000 bytes");
  if (!access::Supervises(actor))
    return Status::PermissionDenied("only a supervisor countersigns a revocation");
  auto nid = NormaliseId(id);
  if (!nid) return Status::NotFound("certificate not found");
  auto ref = ref_.get();
  json::object out;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(db::CertificateRow row, tx.certificates().byId(*nid));
    auto c = access::LoadVisibleCase(tx, *ref->units, actor, row.caseId);
    if (!c.ok()) return Status::NotFound("certificate not found");
    if (row.status != "revoke_pending")
      return Status::Conflict("no revocation waits for a countersignature");
    if (actor.userId == row.revokeRequestedBy)
      return Status::PermissionDenied(
          "the countersignature must come from another supervisor than the one who asked");
    TimePoint now = clock_.now();
    if (approve) {
      row.status = "revoked";
      row.revokedBy = actor.userId;
      row.revokedAt = now;
    } else {
      row.status = "valid";
      row.revokeRequestedBy.reset();
      row.revokeRequestedAt.reset();
      row.revokeReason.clear();
    }
    TB_RETURN_IF_ERROR(tx.certificates().updateStatus(row));
    TB_RETURN_IF_ERROR(tx.audit().append(audit::Event(
        actor, now, approve ? "certificate.revoke" : "certificate.revoke_refuse", "certificate",
        row.id, row.holderId, {{"note", note}, {"countersigned", true}})));
    if (approve)
      TB_RETURN_IF_ERROR(
          tx.outbox().append({0, now, "certificate.revoked",
                              json::serialize(json::object{{"certificate_id", row.id},
                                                           {"case_id", row.caseId},
                                                           {"case_no", c->caseNo},
                                                           {"applicant_id", row.holderId},
                                                           {"item_code", row.itemCode},
                                                           {"unit_id", row.unitId},
                                                           {"reason", row.revokeReason}})}));
    out = viewOf(tx, actor, row, true);
    return Status::Ok();
  }));
  return out;
}

Result<json::object> ResultService::reissue(const Actor& actor, int64_t caseId,
                                            const std::string& reason) {
  if (reason.empty()) return Status::InvalidField("reason", "required", "say why");
  if (reason.size() > 1000)
    return Status::InvalidField("reason", "too_long", "must be at most 1000 bytes");
  if (!access::DecidesCases(actor))
    return Status::PermissionDenied("only officers and supervisors re-issue results");
  auto ref = ref_.get();
  json::object out;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(db::CaseRow c, access::LoadVisibleCase(tx, *ref->units, actor, caseId));
    const catalog::Item* item = ref->catalog->item(c.itemCode);
    if (!item || !item->result) return Status::Conflict("this item has no result");
    TB_ASSIGN_OR_RETURN(auto rows, tx.certificates().byCase(c.id));
    if (rows.empty()) return Status::Conflict("nothing was issued on this case yet");
    std::optional<db::CertificateRow> current;
    for (const auto& r : rows)
      if (r.status != "revoked") {
        current = r;
        break;
      }
    TB_ASSIGN_OR_RETURN(db::CertificateRow fresh,
                        issueIn(tx, actor, c, *item,
                                current ? std::optional<std::string>(current->id) : std::nullopt));
    TimePoint now = clock_.now();
    if (current) {
      current->status = "revoked";
      current->revokeReason = reason;
      current->revokeRequestedBy = actor.userId;
      current->revokeRequestedAt = now;
      current->revokedBy = actor.userId;
      current->revokedAt = now;
      current->replacedBy = fresh.id;
      TB_RETURN_IF_ERROR(tx.certificates().updateStatus(*current));
    }
    TB_RETURN_IF_ERROR(tx.audit().append(
        audit::Event(actor, now, "certificate.reissue", "certificate", fresh.id, c.applicantId,
                     {{"reason", reason},
                      {"replaces", current ? json::value(current->id) : json::value(nullptr)}})));
    out = viewOf(tx, actor, fresh, true);
    return Status::Ok();
  }));
  return out;
}

}  // namespace tongban::results
