// SQLite repository of powers of attorney and their uses (db/mandates_store.h).

#include "db/sqlite/sqlite_repo.h"

namespace tongban::db {

namespace {

#define MANDATE_COLS                                                                             \
  "id, grantor_id, grantee_id, grantee_name, grantee_id_number, grantee_phone, grantee_email, "  \
  "claim_hash, claim_failures, items, case_id, steps, valid_from, valid_until, state, unit_id, " \
  "letter_document_id, id_document_id, check_method, checked_by, checked_at, check_note, "       \
  "video_session_id, revoked_at, created_at, updated_at"

MandateRow ReadMandate(const Stmt& s) {
  MandateRow m;
  m.id = s.i64(0);
  m.grantorId = s.i64(1);
  m.granteeId = s.optI64(2);
  m.granteeName = s.text(3);
  m.granteeIdNumber = s.text(4);
  m.granteePhone = s.text(5);
  m.granteeEmail = s.text(6);
  m.claimHash = s.text(7);
  m.claimFailures = int(s.i64(8));
  m.itemsJson = s.text(9);
  m.caseId = s.optI64(10);
  m.stepsJson = s.text(11);
  m.validFrom = s.date(12);
  m.validUntil = s.date(13);
  m.state = s.text(14);
  m.unitId = s.i64(15);
  m.letterDocumentId = s.optI64(16);
  m.idDocumentId = s.optI64(17);
  m.checkMethod = s.text(18);
  m.checkedBy = s.optI64(19);
  m.checkedAt = s.optTime(20);
  m.checkNote = s.text(21);
  m.videoSessionId = s.optI64(22);
  m.revokedAt = s.optTime(23);
  m.createdAt = s.time(24);
  m.updatedAt = s.time(25);
  return m;
}

void BindMandate(Stmt& s, const MandateRow& m) {
  s.bind(1, m.grantorId).bind(2, m.granteeId).bind(3, m.granteeName).bind(4, m.granteeIdNumber);
  s.bind(5, m.granteePhone).bind(6, m.granteeEmail).bind(7, m.claimHash);
  s.bind(8, int64_t(m.claimFailures)).bind(9, m.itemsJson).bind(10, m.caseId);
  s.bind(11, m.stepsJson).bind(12, m.validFrom).bind(13, m.validUntil).bind(14, m.state);
  s.bind(15, m.unitId).bind(16, m.letterDocumentId).bind(17, m.idDocumentId);
  s.bind(18, m.checkMethod).bind(19, m.checkedBy).bind(20, m.checkedAt).bind(21, m.checkNote);
  s.bind(22, m.videoSessionId).bind(23, m.revokedAt).bind(24, m.createdAt).bind(25, m.updatedAt);
}

template <typename Read>
Result<std::vector<MandateRow>> All(Stmt& s, Read read) {
  std::vector<MandateRow> out;
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) break;
    out.push_back(read(s));
  }
  return out;
}

class SqliteMandates final : public MandateRepository, Repo {
 public:
  using Repo::Repo;
  Result<int64_t> insert(const MandateRow& m) override {
    PREPARE(s, "INSERT INTO mandates (" MANDATE_COLS
               ") VALUES (NULL,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    BindMandate(s, m);
    TB_RETURN_IF_ERROR(s.run());
    return conn_.lastInsertId();
  }
  Status update(const MandateRow& m) override {
    PREPARE(s,
            "UPDATE mandates SET grantor_id = ?1, grantee_id = ?2, grantee_name = ?3, "
            "grantee_id_number = ?4, grantee_phone = ?5, grantee_email = ?6, claim_hash = ?7, "
            "claim_failures = ?8, items = ?9, case_id = ?10, steps = ?11, valid_from = ?12, "
            "valid_until = ?13, state = ?14, unit_id = ?15, letter_document_id = ?16, "
            "id_document_id = ?17, check_method = ?18, checked_by = ?19, checked_at = ?20, "
            "check_note = ?21, video_session_id = ?22, revoked_at = ?23, created_at = ?24, "
            "updated_at = ?25 WHERE id = ?26");
    BindMandate(s, m);
    s.bind(26, m.id);
    TB_RETURN_IF_ERROR(s.run());
    if (conn_.changes() == 0) return Status::NotFound("authorisation not found");
    return Status::Ok();
  }
  Result<MandateRow> byId(int64_t id) override {
    PREPARE(s, "SELECT " MANDATE_COLS " FROM mandates WHERE id = ?");
    s.bind(1, id);
    TB_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) return Status::NotFound("authorisation not found");
    MandateRow m = ReadMandate(s);
    TB_ASSIGN_OR_RETURN(bool more, s.step());
    (void)more;
    return m;
  }
  Result<MandateRow> byClaimHash(const std::string& hash) override {
    PREPARE(s, "SELECT " MANDATE_COLS " FROM mandates WHERE claim_hash = ? AND claim_hash != ''");
    s.bind(1, hash);
    TB_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) return Status::NotFound("no authorisation with this code");
    MandateRow m = ReadMandate(s);
    TB_ASSIGN_OR_RETURN(bool more, s.step());
    (void)more;
    return m;
  }
  Result<std::vector<MandateRow>> byGrantor(int64_t userId) override {
    PREPARE(s, "SELECT " MANDATE_COLS " FROM mandates WHERE grantor_id = ? ORDER BY id DESC");
    s.bind(1, userId);
    return All(s, ReadMandate);
  }
  Result<std::vector<MandateRow>> byGrantee(int64_t userId) override {
    PREPARE(s, "SELECT " MANDATE_COLS " FROM mandates WHERE grantee_id = ? ORDER BY id DESC");
    s.bind(1, userId);
    return All(s, ReadMandate);
  }
  Result<std::vector<MandateRow>> pending(const std::vector<int64_t>& unitIds) override {
    PREPARE(s, "SELECT " MANDATE_COLS
               " FROM mandates WHERE state = 'requested' AND unit_id IN "
               "(SELECT value FROM json_each(?)) ORDER BY id");
    s.bind(1, IdArray(unitIds));
    return All(s, ReadMandate);
  }
  Result<int64_t> insertUse(const MandateUseRow& u) override {
    PREPARE(s,
            "INSERT INTO mandate_uses (mandate_id, case_id, step, action, reference, grantee_id, "
            "recorded_by, at) VALUES (?,?,?,?,?,?,?,?)");
    s.bind(1, u.mandateId).bind(2, u.caseId).bind(3, u.step).bind(4, u.action);
    s.bind(5, u.reference).bind(6, u.granteeId).bind(7, u.recordedBy).bind(8, u.at);
    TB_RETURN_IF_ERROR(s.run());
    return conn_.lastInsertId();
  }
  Result<std::vector<MandateUseRow>> usesByCase(int64_t caseId) override {
    PREPARE(s,
            "SELECT id, mandate_id, case_id, step, action, reference, grantee_id, recorded_by, at "
            "FROM mandate_uses WHERE case_id = ? ORDER BY id");
    s.bind(1, caseId);
    std::vector<MandateUseRow> out;
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool row, s.step());
      if (!row) break;
      MandateUseRow u;
      u.id = s.i64(0);
      u.mandateId = s.i64(1);
      u.caseId = s.i64(2);
      u.step = s.text(3);
      u.action = s.text(4);
      u.reference = s.text(5);
      u.granteeId = s.i64(6);
      u.recordedBy = s.optI64(7);
      u.at = s.time(8);
      out.push_back(std::move(u));
    }
    return out;
  }
};

#undef MANDATE_COLS

}  // namespace

std::unique_ptr<MandateRepository> MakeSqliteMandates(SqliteConnection& conn) {
  return std::make_unique<SqliteMandates>(conn);
}

}  // namespace tongban::db
