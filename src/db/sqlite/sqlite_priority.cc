// SQLite repositories of green-channel requests and difficult cases (db/priority_store.h).

#include "db/sqlite/sqlite_repo.h"

namespace tongban::db {

namespace {

#define GC_COLS                                                                        \
  "id, case_id, requested_by, requested_at, category, explanation, evidence, status, " \
  "unit_id, level_unit_id, level, due_at, decided_at, decided_by, decided_level, "     \
  "decision_reason, expedited_deadline"

GreenChannelRow ReadRequest(const Stmt& s) {
  GreenChannelRow r;
  r.id = s.i64(0);
  r.caseId = s.i64(1);
  r.requestedBy = s.i64(2);
  r.requestedAt = s.time(3);
  r.category = s.text(4);
  r.explanation = s.text(5);
  r.evidenceJson = s.text(6);
  r.status = s.text(7);
  r.unitId = s.i64(8);
  r.levelUnitId = s.i64(9);
  r.level = int(s.i64(10));
  r.dueAt = s.time(11);
  r.decidedAt = s.optTime(12);
  r.decidedBy = s.optI64(13);
  r.decidedLevel = int(s.i64(14));
  r.decisionReason = s.text(15);
  r.expeditedDeadline = s.optDate(16);
  return r;
}

Result<std::vector<GreenChannelRow>> ReadRequests(Stmt& s) {
  std::vector<GreenChannelRow> out;
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) break;
    out.push_back(ReadRequest(s));
  }
  return out;
}

class SqliteGreenChannel final : public GreenChannelRepository, Repo {
 public:
  using Repo::Repo;
  Result<int64_t> insert(const GreenChannelRow& r) override {
    PREPARE(s, "INSERT INTO green_channel_requests (" GC_COLS
               ") VALUES (NULL,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    s.bind(1, r.caseId).bind(2, r.requestedBy).bind(3, r.requestedAt).bind(4, r.category);
    s.bind(5, r.explanation).bind(6, r.evidenceJson).bind(7, r.status).bind(8, r.unitId);
    s.bind(9, r.levelUnitId).bind(10, r.level).bind(11, r.dueAt).bind(12, r.decidedAt);
    s.bind(13, r.decidedBy).bind(14, r.decidedLevel).bind(15, r.decisionReason);
    s.bind(16, r.expeditedDeadline);
    TB_RETURN_IF_ERROR(s.run());
    return conn_.lastInsertId();
  }
  Result<GreenChannelRow> byId(int64_t id) override {
    PREPARE(s, "SELECT " GC_COLS " FROM green_channel_requests WHERE id = ?");
    s.bind(1, id);
    TB_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) return Status::NotFound("green-channel request not found");
    return ReadRequest(s);
  }
  Result<std::vector<GreenChannelRow>> byCase(int64_t caseId) override {
    PREPARE(s, "SELECT " GC_COLS " FROM green_channel_requests WHERE case_id = ? ORDER BY id");
    s.bind(1, caseId);
    return ReadRequests(s);
  }
  Result<std::vector<GreenChannelRow>> pendingAt(const std::vector<int64_t>& unitIds) override {
    PREPARE(s, "SELECT " GC_COLS
               " FROM green_channel_requests WHERE status = 'pending' AND level_unit_id IN "
               "(SELECT value FROM json_each(?)) ORDER BY due_at, id");
    s.bind(1, IdArray(unitIds));
    return ReadRequests(s);
  }
  Result<std::vector<GreenChannelRow>> overdue(TimePoint now) override {
    PREPARE(s, "SELECT " GC_COLS
               " FROM green_channel_requests WHERE status = 'pending' AND due_at <= ? "
               "ORDER BY due_at, id");
    s.bind(1, now);
    return ReadRequests(s);
  }
  Status update(const GreenChannelRow& r) override {
    PREPARE(s,
            "UPDATE green_channel_requests SET status = ?, level_unit_id = ?, level = ?, "
            "due_at = ?, decided_at = ?, decided_by = ?, decided_level = ?, decision_reason = ?, "
            "expedited_deadline = ? WHERE id = ?");
    s.bind(1, r.status).bind(2, r.levelUnitId).bind(3, r.level).bind(4, r.dueAt);
    s.bind(5, r.decidedAt).bind(6, r.decidedBy).bind(7, r.decidedLevel);
    s.bind(8, r.decisionReason).bind(9, r.expeditedDeadline).bind(10, r.id);
    TB_RETURN_IF_ERROR(s.run());
    if (conn_.changes() == 0) return Status::NotFound("green-channel request not found");
    return Status::Ok();
  }
  Status insertEscalation(const GreenChannelEscalationRow& e) override {
    PREPARE(s,
            "INSERT INTO green_channel_escalations (id, request_id, at, from_unit_id, "
            "to_unit_id, level) VALUES (NULL,?,?,?,?,?)");
    s.bind(1, e.requestId).bind(2, e.at).bind(3, e.fromUnitId).bind(4, e.toUnitId);
    s.bind(5, e.level);
    return s.run();
  }
  Result<std::vector<GreenChannelEscalationRow>> escalations(int64_t requestId) override {
    PREPARE(s,
            "SELECT id, request_id, at, from_unit_id, to_unit_id, level FROM "
            "green_channel_escalations WHERE request_id = ? ORDER BY id");
    s.bind(1, requestId);
    std::vector<GreenChannelEscalationRow> out;
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool row, s.step());
      if (!row) break;
      out.push_back({s.i64(0), s.i64(1), s.time(2), s.i64(3), s.i64(4), int(s.i64(5))});
    }
    return out;
  }
};

#undef GC_COLS

#define DC_COLS "id, case_id, team_unit_id, from_unit_id, reason, handed_by, handed_at, due"

DifficultCaseRow ReadDifficult(const Stmt& s) {
  DifficultCaseRow r;
  r.id = s.i64(0);
  r.caseId = s.i64(1);
  r.teamUnitId = s.i64(2);
  r.fromUnitId = s.i64(3);
  r.reason = s.text(4);
  r.handedBy = s.i64(5);
  r.handedAt = s.time(6);
  r.due = s.optDate(7);
  return r;
}

class SqliteDifficultCases final : public DifficultCaseRepository, Repo {
 public:
  using Repo::Repo;
  Result<int64_t> insert(const DifficultCaseRow& r) override {
    PREPARE(s, "INSERT INTO difficult_cases (" DC_COLS ") VALUES (NULL,?,?,?,?,?,?,?)");
    s.bind(1, r.caseId).bind(2, r.teamUnitId).bind(3, r.fromUnitId).bind(4, r.reason);
    s.bind(5, r.handedBy).bind(6, r.handedAt).bind(7, r.due);
    TB_RETURN_IF_ERROR(s.run());
    return conn_.lastInsertId();
  }
  Result<DifficultCaseRow> byCase(int64_t caseId) override {
    PREPARE(s, "SELECT " DC_COLS " FROM difficult_cases WHERE case_id = ?");
    s.bind(1, caseId);
    TB_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) return Status::NotFound("not a difficult case");
    return ReadDifficult(s);
  }
  Result<std::vector<DifficultCaseRow>> byTeam(int64_t teamUnitId) override {
    PREPARE(s, "SELECT " DC_COLS
               " FROM difficult_cases WHERE team_unit_id = ? ORDER BY due IS NULL, due, id");
    s.bind(1, teamUnitId);
    std::vector<DifficultCaseRow> out;
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool row, s.step());
      if (!row) break;
      out.push_back(ReadDifficult(s));
    }
    return out;
  }
  Result<int64_t> insertNote(const CaseNoteRow& n) override {
    PREPARE(s, "INSERT INTO case_notes (id, case_id, author_id, at, body) VALUES (NULL,?,?,?,?)");
    s.bind(1, n.caseId).bind(2, n.authorId).bind(3, n.at).bind(4, n.body);
    TB_RETURN_IF_ERROR(s.run());
    return conn_.lastInsertId();
  }
  Result<std::vector<CaseNoteRow>> notes(int64_t caseId) override {
    PREPARE(s,
            "SELECT id, case_id, author_id, at, body FROM case_notes WHERE case_id = ? "
            "ORDER BY id");
    s.bind(1, caseId);
    std::vector<CaseNoteRow> out;
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool row, s.step());
      if (!row) break;
      out.push_back({s.i64(0), s.i64(1), s.i64(2), s.time(3), s.text(4)});
    }
    return out;
  }
};

#undef DC_COLS

}  // namespace

std::unique_ptr<GreenChannelRepository> MakeSqliteGreenChannel(SqliteConnection& conn) {
  return std::make_unique<SqliteGreenChannel>(conn);
}
std::unique_ptr<DifficultCaseRepository> MakeSqliteDifficultCases(SqliteConnection& conn) {
  return std::make_unique<SqliteDifficultCases>(conn);
}

}  // namespace tongban::db
