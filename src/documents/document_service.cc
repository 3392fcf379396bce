#include "documents/document_service.h"

#include "access/access.h"

#include <algorithm>

#include "audit/audit.h"

namespace tongban::documents {

namespace fs = std::filesystem;

DocumentService::DocumentService(db::Database& db, const Clock& clock, blobs::BlobStore& blobs,
                                 const reference::ReferenceData& ref)
    : db_(db), clock_(clock), blobs_(blobs), ref_(ref) {}

json::object DocumentService::ToJson(const db::DocumentRow& d) {
  return {{"id", d.id},
          {"type", d.docType},
          {"filename", d.filename},
          {"mime", d.mime},
          {"size", d.size},
          {"sha256", d.sha256},
          {"created_at", TimeJson(d.createdAt)},
          {"case_id", d.caseId ? json::value(*d.caseId) : json::value(nullptr)}};
}

Status DocumentService::checkCanAttach(const Actor& actor, const db::CaseRow& c,
                                       const std::string& docType) const {
  bool party = access::IsApplicant(actor) || access::IsLiaison(actor);
  if (party && docType == "urgent_evidence") {
    // Evidence for a green-channel request (priority/) comes while the case is being handled.
    const workflow::Workflow* wf = ref_.get()->workflows.get(c.workflow);
    auto kind = wf ? wf->kind(c.state) : workflow::StateKind::kDone;
    if (c.state == "draft" ||
        (kind != workflow::StateKind::kActive && kind != workflow::StateKind::kWaiting))
      return Status::Conflict("evidence for urgent handling is added while the case is handled");
    return Status::Ok();
  }
  if (party) {
    if (c.state != "draft" && c.state != "needs_supplement" && c.state != "submitted")
      return Status::Conflict("documents can be added to a draft or when the office asks for more");
    return Status::Ok();
  }
  if (access::DecidesCases(actor)) return Status::Ok();
  return Status::PermissionDenied("your role does not add documents");
}

Result<json::object> DocumentService::upload(const Actor& actor, int64_t caseId,
                                             const std::string& docType,
                                             const std::string& filename,
                                             const fs::path& tempFile) {
  struct Cleanup {
    fs::path p;
    ~Cleanup() {
      std::error_code ec;
      fs::remove(p, ec);
    }
  } cleanup{tempFile};
  // Check the case and the type before touching the file, so refusals are cheap.
  db::CaseRow c;
  TB_RETURN_IF_ERROR(db_.read([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(c, access::LoadVisibleCase(tx, *ref_.get()->units, actor, caseId));
    return Status::Ok();
  }));
  TB_RETURN_IF_ERROR(checkCanAttach(actor, c, docType));
  const catalog::Item* item = ref_.get()->catalog->item(c.itemCode);
  bool knownType = docType == "supplement" || docType == "other" || docType == "urgent_evidence" ||
                   (item && std::any_of(item->documents.begin(), item->documents.end(),
                                        [&](const auto& d) { return d.type == docType; }));
  if (!knownType)
    return Status::InvalidField("type", "unknown", "this item does not ask for that document");
  TB_ASSIGN_OR_RETURN(blobs::Blob blob,
                      blobs_.ingest(tempFile, {"image/jpeg", "image/png", "application/pdf"}));
  db::DocumentRow d;
  d.ownerId = c.applicantId;
  d.caseId = c.id;
  d.docType = docType;
  d.sha256 = blob.sha256;
  d.size = blob.size;
  d.mime = blob.mime;
  d.filename = filename;
  d.createdAt = clock_.now();
  d.uploadedBy = actor.userId.value_or(0);
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    // The case may have moved on while the file streamed in; check again under the writer.
    TB_ASSIGN_OR_RETURN(db::CaseRow now,
                        access::LoadVisibleCase(tx, *ref_.get()->units, actor, caseId));
    TB_RETURN_IF_ERROR(checkCanAttach(actor, now, docType));
    TB_ASSIGN_OR_RETURN(d.id, tx.documents().insert(d));
    TB_RETURN_IF_ERROR(tx.audit().append(
        audit::Event(actor, clock_.now(), "document.upload", "document", std::to_string(d.id),
                     d.ownerId, {{"case_id", c.id}, {"type", docType}, {"size", blob.size}})));
    return tx.outbox().append(
        {0, d.createdAt, "document.added",
         json::serialize(json::object{{"case_id", c.id}, {"document_id", d.id}})});
  }));
  return ToJson(d);
}

Result<json::object> DocumentService::uploadPhoto(const Actor& actor, const fs::path& tempFile) {
  if (!access::IsApplicant(actor) || !actor.userId) {
    std::error_code ec;
    fs::remove(tempFile, ec);
    return Status::PermissionDenied("only applicants have a profile photo");
  }
  TB_ASSIGN_OR_RETURN(blobs::Blob blob, blobs_.ingest(tempFile, {"image/jpeg", "image/png"}));
  db::DocumentRow d;
  d.ownerId = *actor.userId;
  d.docType = "photo";
  d.sha256 = blob.sha256;
  d.size = blob.size;
  d.mime = blob.mime;
  d.filename = "photo";
  d.createdAt = clock_.now();
  d.uploadedBy = *actor.userId;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(d.id, tx.documents().insert(d));
    TB_ASSIGN_OR_RETURN(db::UserRow u, tx.users().byId(*actor.userId));
    u.photoDocumentId = d.id;
    u.photoVerifiedAt.reset();
    TB_RETURN_IF_ERROR(tx.users().update(u));
    return tx.audit().append(audit::Event(actor, clock_.now(), "profile.photo_upload", "document",
                                          std::to_string(d.id), u.id));
  }));
  json::object out = ToJson(d);
  out["verified"] = false;
  return out;
}

Result<json::object> DocumentService::reusePhoto(const Actor& actor, int64_t caseId) {
  json::object out;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(db::CaseRow c,
                        access::LoadVisibleCase(tx, *ref_.get()->units, actor, caseId));
    if (!actor.userId || c.applicantId != *actor.userId)
      return Status::PermissionDenied("only the applicant");
    TB_RETURN_IF_ERROR(checkCanAttach(actor, c, "photo"));
    TB_ASSIGN_OR_RETURN(db::UserRow u, tx.users().byId(*actor.userId));
    if (!u.photoDocumentId || !u.photoVerifiedAt)
      return Status::Conflict("you have no verified photo yet");
    TB_ASSIGN_OR_RETURN(db::DocumentRow photo, tx.documents().byId(*u.photoDocumentId));
    photo.id = 0;
    photo.caseId = c.id;
    photo.createdAt = clock_.now();
    photo.uploadedBy = *actor.userId;
    photo.filename = "photo (verified " + FormatTimestamp(*u.photoVerifiedAt).substr(0, 10) + ")";
    TB_ASSIGN_OR_RETURN(photo.id, tx.documents().insert(photo));
    TB_RETURN_IF_ERROR(
        tx.audit().append(audit::Event(actor, clock_.now(), "document.reuse_photo", "document",
                                       std::to_string(photo.id), u.id, {{"case_id", c.id}})));
    out = ToJson(photo);
    return Status::Ok();
  }));
  return out;
}

Result<json::object> DocumentService::verifyPhoto(const Actor& actor, int64_t caseId) {
  if (!access::DecidesCases(actor)) return Status::PermissionDenied("only officers verify photos");
  json::object out;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(db::CaseRow c,
                        access::LoadVisibleCase(tx, *ref_.get()->units, actor, caseId));
    TB_ASSIGN_OR_RETURN(db::UserRow u, tx.users().byId(c.applicantId));
    if (!u.photoDocumentId) return Status::Conflict("the applicant has no profile photo");
    u.photoVerifiedAt = clock_.now();
    TB_RETURN_IF_ERROR(tx.users().update(u));
    TB_RETURN_IF_ERROR(tx.audit().append(
        audit::Event(actor, clock_.now(), "profile.photo_verify", "document",
                     std::to_string(*u.photoDocumentId), u.id, {{"case_id", c.id}})));
    out = {{"photo_document_id", *u.photoDocumentId},
           {"verified_at", TimeJson(*u.photoVerifiedAt)}};
    return Status::Ok();
  }));
  return out;
}

Result<Download> DocumentService::download(const Actor& actor, int64_t docId) {
  Download dl;
  bool own = false;
  TB_RETURN_IF_ERROR(db_.read([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(dl.doc, tx.documents().byId(docId));
    own = actor.userId && dl.doc.ownerId == *actor.userId;
    if (own) return Status::Ok();
    if (!dl.doc.caseId) return Status::NotFound("document not found");
    auto c = access::LoadVisibleCase(tx, *ref_.get()->units, actor, *dl.doc.caseId);
    if (!c.ok()) return Status::NotFound("document not found");
    return Status::Ok();
  }));
  if (!own)
    TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) {
      return tx.audit().append(audit::Event(actor, clock_.now(), "document.read", "document",
                                            std::to_string(docId), dl.doc.ownerId));
    }));
  dl.path = blobs_.pathOf(dl.doc.sha256);
  return dl;
}

Status DocumentService::releaseBlobs(const std::vector<std::string>& hashes) {
  for (const auto& sha : hashes) {
    // Checked and removed on the writer, so no document row for the same content is being
    // committed meanwhile.
    TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
      TB_ASSIGN_OR_RETURN(bool used, tx.documents().blobInUse(sha));
      return used ? Status::Ok() : blobs_.remove(sha);
    }));
  }
  return Status::Ok();
}

}  // namespace tongban::documents
