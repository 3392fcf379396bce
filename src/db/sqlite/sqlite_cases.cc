// SQLite repositories of cases (history, ratings), documents and idempotency answers
// (db/cases_store.h).

#include "db/sqlite/sqlite_repo.h"

namespace tongban::db {

namespace {

// ---------------------------------------------------------------- cases
#define CASE_COLS                                                                               \
  "id, case_no, item_code, workflow, applicant_id, submitted_by_id, unit_id, state, priority, " \
  "form, assignee_id, created_at, updated_at, submitted_at, accepted_at, deadline, "            \
  "paused_since, supplement_due, decided_rule, decision_note, version"

CaseRow ReadCase(const Stmt& s) {
  CaseRow c;
  c.id = s.i64(0);
  c.caseNo = s.text(1);
  c.itemCode = s.text(2);
  c.workflow = s.text(3);
  c.applicantId = s.i64(4);
  c.submittedById = s.i64(5);
  c.unitId = s.i64(6);
  c.state = s.text(7);
  c.priority = s.text(8);
  c.formJson = s.text(9);
  c.assigneeId = s.optI64(10);
  c.createdAt = s.time(11);
  c.updatedAt = s.time(12);
  c.submittedAt = s.optTime(13);
  c.acceptedAt = s.optTime(14);
  c.deadline = s.optDate(15);
  c.pausedSince = s.optDate(16);
  c.supplementDue = s.optDate(17);
  c.decidedRule = s.text(18);
  c.decisionNote = s.text(19);
  c.version = s.i64(20);
  return c;
}

Result<std::vector<CaseRow>> ReadCases(Stmt& s) {
  std::vector<CaseRow> out;
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) break;
    out.push_back(ReadCase(s));
  }
  return out;
}

class SqliteCases final : public CaseRepository, Repo {
 public:
  using Repo::Repo;
  Result<int64_t> insert(const CaseRow& c) override {
    PREPARE(s, "INSERT INTO cases (" CASE_COLS
               ") VALUES (NULL,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    bindAll(s, c);
    TB_RETURN_IF_ERROR(s.run());
    return conn_.lastInsertId();
  }
  Result<CaseRow> byId(int64_t id) override {
    PREPARE(s, "SELECT " CASE_COLS " FROM cases WHERE id = ?");
    s.bind(1, id);
    TB_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) return Status::NotFound("case not found");
    return ReadCase(s);
  }
  Result<CaseRow> byCaseNo(const std::string& caseNo) override {
    PREPARE(s, "SELECT " CASE_COLS " FROM cases WHERE case_no = ?");
    s.bind(1, caseNo);
    TB_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) return Status::NotFound("case not found");
    return ReadCase(s);
  }
  Status update(const CaseRow& c) override {
    PREPARE(s,
            "UPDATE cases SET case_no=?, item_code=?, workflow=?, applicant_id=?, "
            "submitted_by_id=?, unit_id=?, state=?, priority=?, form=?, assignee_id=?, "
            "created_at=?, updated_at=?, submitted_at=?, accepted_at=?, deadline=?, "
            "paused_since=?, supplement_due=?, decided_rule=?, decision_note=?, version=? "
            "WHERE id=? AND version=?");
    bindAll(s, c);
    s.bind(21, c.id).bind(22, c.version - 1);
    TB_RETURN_IF_ERROR(s.run());
    if (conn_.changes() == 0) return Status::Conflict("case was changed by someone else");
    return Status::Ok();
  }
  Result<std::vector<CaseRow>> byApplicant(int64_t applicantId, int limit) override {
    PREPARE(s, "SELECT " CASE_COLS " FROM cases WHERE applicant_id = ? ORDER BY id DESC LIMIT ?");
    s.bind(1, applicantId).bind(2, limit);
    return ReadCases(s);
  }
  Result<std::vector<CaseRow>> queue(const QueueFilter& f) override {
    // A fixed statement per sort order with optional filters expressed as bound parameters;
    // units, states and item codes travel as JSON arrays so the SQL text never changes with
    // the input. Urgent cases come first in every order.
#define QUEUE_WHERE                                                                         \
  " FROM cases WHERE (?1 IS NULL OR unit_id IN (SELECT value FROM json_each(?1))) "         \
  "AND (CASE WHEN ?2 IS NULL THEN state IN (SELECT value FROM json_each(?3)) "              \
  "          ELSE state = ?2 END) "                                                         \
  "AND (?4 = 0 OR (deadline IS NOT NULL AND paused_since IS NULL AND deadline < ?5)) "      \
  "AND (?6 IS NULL OR priority = ?6) "                                                      \
  "AND (?7 IS NULL OR instr(lower(case_no), ?7) > 0 OR instr(lower(form), ?7) > 0 "         \
  "     OR item_code IN (SELECT value FROM json_each(?8)) "                                 \
  "     OR applicant_id IN (SELECT id FROM users WHERE instr(lower(display_name), ?7) > 0 " \
  "                         OR instr(lower(email), ?7) > 0)) "                              \
  "AND (?9 IS NULL OR (?9 = 0 AND assignee_id IS NULL) OR assignee_id = ?9) "               \
  "ORDER BY CASE priority WHEN 'urgent' THEN 0 WHEN 'care' THEN 1 ELSE 2 END, "
    using Sort = QueueFilter::Sort;
    const char* sql = nullptr;
    switch (f.sort) {
      case Sort::kDeadline:
        sql = "SELECT " CASE_COLS QUEUE_WHERE "deadline IS NULL, deadline, id LIMIT ?10 OFFSET ?11";
        break;
      case Sort::kOldest:
        sql = "SELECT " CASE_COLS QUEUE_WHERE
              "coalesce(submitted_at, created_at), id LIMIT ?10 OFFSET ?11";
        break;
      case Sort::kNewest:
        sql = "SELECT " CASE_COLS QUEUE_WHERE
              "coalesce(submitted_at, created_at) DESC, id DESC LIMIT ?10 OFFSET ?11";
        break;
      case Sort::kUpdated:
        sql = "SELECT " CASE_COLS QUEUE_WHERE "updated_at DESC, id DESC LIMIT ?10 OFFSET ?11";
        break;
    }
#undef QUEUE_WHERE
    PREPARE(s, sql);
    auto array = [](const auto& values) {
      json::array a;
      for (const auto& v : values) a.emplace_back(v);
      return json::serialize(a);
    };
    if (f.unitIds.empty())
      s.bindNull(1);
    else
      s.bind(1, array(f.unitIds));
    s.bind(2, f.state);
    s.bind(3, array(f.activeStates));
    s.bind(4, int64_t(f.overdueOnly ? 1 : 0)).bind(5, f.today).bind(6, f.priority);
    s.bind(7, f.text).bind(8, array(f.itemCodes));
    s.bind(9, f.assigneeId).bind(10, int64_t(f.limit)).bind(11, int64_t(f.offset));
    return ReadCases(s);
  }
  Result<int64_t> count() override {
    PREPARE(s, "SELECT count(*) FROM cases");
    TB_ASSIGN_OR_RETURN(bool row, s.step());
    return row ? s.i64(0) : 0;
  }
  Status appendHistory(const HistoryRow& h) override {
    PREPARE(s,
            "INSERT INTO case_history (case_id, at, from_state, to_state, action, actor_id, "
            "actor_role, unit_id, note, mandate_id) VALUES (?,?,?,?,?,?,?,?,?,?)");
    s.bind(1, h.caseId).bind(2, h.at).bind(3, h.fromState).bind(4, h.toState).bind(5, h.action);
    s.bind(6, h.actorId).bind(7, h.actorRole).bind(8, h.unitId).bind(9, h.note);
    s.bind(10, h.mandateId);
    return s.run();
  }
  Status insertRating(const RatingRow& r) override {
    PREPARE(s,
            "INSERT INTO case_ratings (case_id, applicant_id, score, comment, created_at) "
            "VALUES (?,?,?,?,?)");
    s.bind(1, r.caseId)
        .bind(2, r.applicantId)
        .bind(3, r.score)
        .bind(4, r.comment)
        .bind(5, r.createdAt);
    return s.run();
  }
  Result<RatingRow> rating(int64_t caseId) override {
    PREPARE(s,
            "SELECT case_id, applicant_id, score, comment, created_at FROM case_ratings WHERE "
            "case_id = ?");
    s.bind(1, caseId);
    TB_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) return Status::NotFound("not rated");
    return RatingRow{s.i64(0), s.i64(1), int(s.i64(2)), s.text(3), s.time(4)};
  }
  Result<std::vector<HistoryRow>> history(int64_t caseId) override {
    PREPARE(s,
            "SELECT id, case_id, at, from_state, to_state, action, actor_id, actor_role, unit_id, "
            "note, mandate_id FROM case_history WHERE case_id = ? ORDER BY id");
    s.bind(1, caseId);
    std::vector<HistoryRow> out;
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool row, s.step());
      if (!row) break;
      out.push_back({s.i64(0), s.i64(1), s.time(2), s.text(3), s.text(4), s.text(5), s.optI64(6),
                     s.text(7), s.optI64(8), s.text(9), s.optI64(10)});
    }
    return out;
  }

 private:
  static void bindAll(Stmt& s, const CaseRow& c) {
    s.bind(1, c.caseNo).bind(2, c.itemCode).bind(3, c.workflow).bind(4, c.applicantId);
    s.bind(5, c.submittedById).bind(6, c.unitId).bind(7, c.state).bind(8, c.priority);
    s.bind(9, c.formJson).bind(10, c.assigneeId).bind(11, c.createdAt).bind(12, c.updatedAt);
    s.bind(13, c.submittedAt).bind(14, c.acceptedAt).bind(15, c.deadline);
    s.bind(16, c.pausedSince).bind(17, c.supplementDue).bind(18, c.decidedRule);
    s.bind(19, c.decisionNote).bind(20, c.version);
  }
};

// ---------------------------------------------------------------- documents
class SqliteDocuments final : public DocumentRepository, Repo {
 public:
  using Repo::Repo;
  Status setConsultation(int64_t documentId, int64_t consultationId) override {
    PREPARE(s, "UPDATE documents SET consultation_id = ? WHERE id = ?");
    s.bind(1, consultationId).bind(2, documentId);
    return s.run();
  }
  Result<std::optional<int64_t>> consultationOf(int64_t documentId) override {
    PREPARE(s, "SELECT consultation_id FROM documents WHERE id = ?");
    s.bind(1, documentId);
    TB_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) return Status::NotFound("document not found");
    return s.optI64(0);
  }
  Result<int64_t> insert(const DocumentRow& d) override {
    PREPARE(s,
            "INSERT INTO documents (owner_id, case_id, doc_type, sha256, size, mime, filename, "
            "created_at, uploaded_by) VALUES (?,?,?,?,?,?,?,?,?)");
    s.bind(1, d.ownerId).bind(2, d.caseId).bind(3, d.docType).bind(4, d.sha256).bind(5, d.size);
    s.bind(6, d.mime).bind(7, d.filename).bind(8, d.createdAt).bind(9, d.uploadedBy);
    TB_RETURN_IF_ERROR(s.run());
    return conn_.lastInsertId();
  }
  Result<DocumentRow> byId(int64_t id) override {
    PREPARE(s,
            "SELECT id, owner_id, case_id, doc_type, sha256, size, mime, filename, created_at, "
            "uploaded_by FROM documents WHERE id = ?");
    s.bind(1, id);
    TB_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) return Status::NotFound("document not found");
    return read(s);
  }
  Result<std::vector<DocumentRow>> byCase(int64_t caseId) override {
    PREPARE(s,
            "SELECT id, owner_id, case_id, doc_type, sha256, size, mime, filename, created_at, "
            "uploaded_by FROM documents WHERE case_id = ? ORDER BY id");
    s.bind(1, caseId);
    std::vector<DocumentRow> out;
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool row, s.step());
      if (!row) break;
      out.push_back(read(s));
    }
    return out;
  }
  Result<bool> blobInUse(const std::string& sha256) override {
    PREPARE(s, "SELECT 1 FROM documents WHERE sha256 = ? LIMIT 1");
    s.bind(1, sha256);
    return s.step();
  }

 private:
  static DocumentRow read(const Stmt& s) {
    return {s.i64(0), s.i64(1),  s.optI64(2), s.text(3), s.text(4),
            s.i64(5), s.text(6), s.text(7),   s.time(8), s.i64(9)};
  }
};

// ---------------------------------------------------------------- idempotency
class SqliteIdempotency final : public IdempotencyRepository, Repo {
 public:
  using Repo::Repo;
  Result<IdempotencyRow> get(int64_t userId, const std::string& key) override {
    PREPARE(s,
            "SELECT user_id, key, request_hash, status, body, created_at FROM idempotency_keys "
            "WHERE user_id = ? AND key = ?");
    s.bind(1, userId).bind(2, key);
    TB_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) return Status::NotFound("no such key");
    return IdempotencyRow{s.i64(0), s.text(1), s.text(2), int(s.i64(3)), s.text(4), s.time(5)};
  }
  Status put(const IdempotencyRow& r) override {
    PREPARE(s,
            "INSERT INTO idempotency_keys (user_id, key, request_hash, status, body, created_at) "
            "VALUES (?,?,?,?,?,?)");
    s.bind(1, r.userId).bind(2, r.key).bind(3, r.requestHash).bind(4, int64_t(r.status));
    s.bind(5, r.body).bind(6, r.createdAt);
    return s.run();
  }
};

}  // namespace

std::unique_ptr<CaseRepository> MakeSqliteCases(SqliteConnection& conn) {
  return std::make_unique<SqliteCases>(conn);
}

std::unique_ptr<DocumentRepository> MakeSqliteDocuments(SqliteConnection& conn) {
  return std::make_unique<SqliteDocuments>(conn);
}

std::unique_ptr<IdempotencyRepository> MakeSqliteIdempotency(SqliteConnection& conn) {
  return std::make_unique<SqliteIdempotency>(conn);
}

}  // namespace tongban::db
