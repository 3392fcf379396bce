// SQLite repositories of the audit trail (db/audit_store.h).

#include "db/sqlite/sqlite_repo.h"

namespace tongban::db {

namespace {

// ---------------------------------------------------------------- audit
//! Every row of an audit query that selects the columns in AuditRow's order.
Result<std::vector<AuditRow>> ReadAll(Stmt& s) {
  std::vector<AuditRow> out;
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) break;
    out.push_back({s.i64(0), s.time(1), s.optI64(2), s.text(3), s.text(4), s.text(5), s.text(6),
                   s.optI64(7), s.text(8), s.text(9), s.text(10)});
  }
  return out;
}

class SqliteAudit final : public AuditRepository, Repo {
 public:
  using Repo::Repo;
  Status append(const AuditRow& a) override {
    PREPARE(s,
            "INSERT INTO audit_events (at, actor_id, actor_role, action, object_type, object_id, "
            "subject_user_id, request_id, ip, detail) VALUES (?,?,?,?,?,?,?,?,?,?)");
    s.bind(1, a.at).bind(2, a.actorId).bind(3, a.actorRole).bind(4, a.action);
    s.bind(5, a.objectType).bind(6, a.objectId).bind(7, a.subjectUserId).bind(8, a.requestId);
    s.bind(9, a.ip).bind(10, a.detailJson);
    return s.run();
  }
  Result<std::vector<AuditRow>> bySubject(int64_t userId, int limit) override {
    PREPARE(s,
            "SELECT id, at, actor_id, actor_role, action, object_type, object_id, "
            "subject_user_id, request_id, ip, detail FROM audit_events WHERE subject_user_id = ? "
            "ORDER BY id DESC LIMIT ?");
    s.bind(1, userId).bind(2, limit);
    return ReadAll(s);
  }
  Result<std::vector<AuditRow>> bySubjectFromOthers(int64_t userId, int limit) override {
    PREPARE(s,
            "SELECT id, at, actor_id, actor_role, action, object_type, object_id, "
            "subject_user_id, request_id, ip, detail FROM audit_events WHERE subject_user_id = ?1 "
            "AND actor_id IS NOT ?1 ORDER BY id DESC LIMIT ?2");
    s.bind(1, userId).bind(2, limit);
    return ReadAll(s);
  }
};

}  // namespace

std::unique_ptr<AuditRepository> MakeSqliteAudit(SqliteConnection& conn) {
  return std::make_unique<SqliteAudit>(conn);
}

}  // namespace tongban::db
