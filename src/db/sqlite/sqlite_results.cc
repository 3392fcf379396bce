// SQLite repositories of issued results and their share links (db/results_store.h).

#include "db/sqlite/sqlite_repo.h"

namespace tongban::db {

namespace {

#define CERT_COLS                                                                             \
  "id, case_id, holder_id, item_code, kind, unit_id, kid, payload, signature, pdf_sha256, "   \
  "issued_at, valid_until, status, revoke_reason, revoke_requested_by, revoke_requested_at, " \
  "revoked_by, revoked_at, replaces, replaced_by"

CertificateRow ReadCert(const Stmt& s) {
  CertificateRow c;
  c.id = s.text(0);
  c.caseId = s.i64(1);
  c.holderId = s.i64(2);
  c.itemCode = s.text(3);
  c.kind = s.text(4);
  c.unitId = s.i64(5);
  c.kid = s.text(6);
  c.payload = s.text(7);
  c.signature = s.text(8);
  c.pdfSha256 = s.optText(9);
  c.issuedAt = s.time(10);
  c.validUntil = s.optDate(11);
  c.status = s.text(12);
  c.revokeReason = s.text(13);
  c.revokeRequestedBy = s.optI64(14);
  c.revokeRequestedAt = s.optTime(15);
  c.revokedBy = s.optI64(16);
  c.revokedAt = s.optTime(17);
  c.replaces = s.optText(18);
  c.replacedBy = s.optText(19);
  return c;
}

Result<std::vector<CertificateRow>> ReadCerts(Stmt& s) {
  std::vector<CertificateRow> out;
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) break;
    out.push_back(ReadCert(s));
  }
  return out;
}

#define SHARE_COLS                                                                          \
  "id, certificate_id, token_hash, label, created_by, created_at, expires_at, revoked_at, " \
  "uses, last_used_at"

ShareRow ReadShare(const Stmt& s) {
  ShareRow r;
  r.id = s.i64(0);
  r.certificateId = s.text(1);
  r.tokenHash = s.text(2);
  r.label = s.text(3);
  r.createdBy = s.i64(4);
  r.createdAt = s.time(5);
  r.expiresAt = s.time(6);
  r.revokedAt = s.optTime(7);
  r.uses = s.i64(8);
  r.lastUsedAt = s.optTime(9);
  return r;
}

class SqliteCertificates final : public CertificateRepository, Repo {
 public:
  using Repo::Repo;
  Status insert(const CertificateRow& c) override {
    PREPARE(s, "INSERT INTO certificates (" CERT_COLS
               ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    s.bind(1, c.id)
        .bind(2, c.caseId)
        .bind(3, c.holderId)
        .bind(4, c.itemCode)
        .bind(5, c.kind)
        .bind(6, c.unitId)
        .bind(7, c.kid)
        .bind(8, c.payload)
        .bind(9, c.signature)
        .bind(10, c.pdfSha256)
        .bind(11, c.issuedAt)
        .bind(12, c.validUntil)
        .bind(13, c.status)
        .bind(14, c.revokeReason)
        .bind(15, c.revokeRequestedBy)
        .bind(16, c.revokeRequestedAt)
        .bind(17, c.revokedBy)
        .bind(18, c.revokedAt)
        .bind(19, c.replaces)
        .bind(20, c.replacedBy);
    return s.run();
  }
  Result<CertificateRow> byId(const std::string& id) override {
    PREPARE(s, "SELECT " CERT_COLS " FROM certificates WHERE id = ?");
    s.bind(1, id);
    TB_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) return Status::NotFound("certificate not found");
    return ReadCert(s);
  }
  Result<std::vector<CertificateRow>> byCase(int64_t caseId) override {
    PREPARE(s, "SELECT " CERT_COLS
               " FROM certificates WHERE case_id = ? ORDER BY issued_at DESC, rowid DESC");
    s.bind(1, caseId);
    return ReadCerts(s);
  }
  Result<std::vector<CertificateRow>> byHolder(int64_t holderId, int limit) override {
    PREPARE(s, "SELECT " CERT_COLS
               " FROM certificates WHERE holder_id = ? ORDER BY issued_at DESC, rowid DESC "
               "LIMIT ?");
    s.bind(1, holderId).bind(2, limit);
    return ReadCerts(s);
  }
  Status updateStatus(const CertificateRow& c) override {
    PREPARE(s,
            "UPDATE certificates SET status=?, revoke_reason=?, revoke_requested_by=?, "
            "revoke_requested_at=?, revoked_by=?, revoked_at=?, replaced_by=? WHERE id=?");
    s.bind(1, c.status)
        .bind(2, c.revokeReason)
        .bind(3, c.revokeRequestedBy)
        .bind(4, c.revokeRequestedAt)
        .bind(5, c.revokedBy)
        .bind(6, c.revokedAt)
        .bind(7, c.replacedBy)
        .bind(8, c.id);
    TB_RETURN_IF_ERROR(s.run());
    if (conn_.changes() == 0) return Status::NotFound("certificate not found");
    return Status::Ok();
  }
  Result<std::string> setPdf(const std::string& id, const std::string& sha256) override {
    PREPARE(u, "UPDATE certificates SET pdf_sha256 = ? WHERE id = ? AND pdf_sha256 IS NULL");
    u.bind(1, sha256).bind(2, id);
    TB_RETURN_IF_ERROR(u.run());
    TB_ASSIGN_OR_RETURN(CertificateRow c, byId(id));
    return c.pdfSha256.value_or(sha256);
  }

  Result<int64_t> insertShare(const ShareRow& r) override {
    PREPARE(s, "INSERT INTO certificate_shares (" SHARE_COLS ") VALUES (NULL,?,?,?,?,?,?,?,?,?)");
    s.bind(1, r.certificateId)
        .bind(2, r.tokenHash)
        .bind(3, r.label)
        .bind(4, r.createdBy)
        .bind(5, r.createdAt)
        .bind(6, r.expiresAt)
        .bind(7, r.revokedAt)
        .bind(8, r.uses)
        .bind(9, r.lastUsedAt);
    TB_RETURN_IF_ERROR(s.run());
    return conn_.lastInsertId();
  }
  Result<ShareRow> shareByTokenHash(const std::string& tokenHash) override {
    PREPARE(s, "SELECT " SHARE_COLS " FROM certificate_shares WHERE token_hash = ?");
    s.bind(1, tokenHash);
    TB_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) return Status::NotFound("share link not found");
    return ReadShare(s);
  }
  Result<ShareRow> shareById(int64_t id) override {
    PREPARE(s, "SELECT " SHARE_COLS " FROM certificate_shares WHERE id = ?");
    s.bind(1, id);
    TB_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) return Status::NotFound("share link not found");
    return ReadShare(s);
  }
  Result<std::vector<ShareRow>> sharesOf(const std::string& certificateId) override {
    PREPARE(s, "SELECT " SHARE_COLS
               " FROM certificate_shares WHERE certificate_id = ? ORDER BY id DESC");
    s.bind(1, certificateId);
    std::vector<ShareRow> out;
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool row, s.step());
      if (!row) break;
      out.push_back(ReadShare(s));
    }
    return out;
  }
  Status revokeShare(int64_t id, TimePoint at) override {
    PREPARE(s, "UPDATE certificate_shares SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL");
    s.bind(1, at).bind(2, id);
    return s.run();
  }
  Status countShareUse(int64_t id, TimePoint at) override {
    PREPARE(s, "UPDATE certificate_shares SET uses = uses + 1, last_used_at = ? WHERE id = ?");
    s.bind(1, at).bind(2, id);
    return s.run();
  }
};

}  // namespace

std::unique_ptr<CertificateRepository> MakeSqliteCertificates(SqliteConnection& conn) {
  return std::make_unique<SqliteCertificates>(conn);
}

}  // namespace tongban::db
