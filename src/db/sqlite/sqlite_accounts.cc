// SQLite repositories of users and their log-in sessions (db/accounts_store.h).

#include "db/sqlite/sqlite_repo.h"

namespace tongban::db {

namespace {

// ---------------------------------------------------------------- users
#define TB_USER_COLS                                                                             \
  "id, email, password_hash, display_name, role, unit_id, assurance, verified_at, verified_by, " \
  "verification_evidence, photo_document_id, photo_verified_at, locale, created_at, disabled"

UserRow ReadUser(const Stmt& s) {
  UserRow u;
  u.id = s.i64(0);
  u.email = s.text(1);
  u.passwordHash = s.text(2);
  u.displayName = s.text(3);
  u.role = s.text(4);
  u.unitId = s.optI64(5);
  u.assurance = s.text(6);
  u.verifiedAt = s.optTime(7);
  u.verifiedBy = s.optI64(8);
  u.verificationEvidence = s.text(9);
  u.photoDocumentId = s.optI64(10);
  u.photoVerifiedAt = s.optTime(11);
  u.locale = s.text(12);
  u.createdAt = s.time(13);
  u.disabled = s.i64(14) != 0;
  return u;
}

class SqliteUsers final : public UserRepository, Repo {
 public:
  using Repo::Repo;
  Result<int64_t> insert(const UserRow& u) override {
    PREPARE(s,
            "INSERT INTO users (email, password_hash, display_name, role, unit_id, assurance, "
            "verified_at, verified_by, verification_evidence, photo_document_id, "
            "photo_verified_at, locale, created_at, disabled) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    bindAll(s, u);
    auto r = s.run();
    if (r.code() == StatusCode::kConflict) return Status::Conflict("e-mail already registered");
    TB_RETURN_IF_ERROR(r);
    return conn_.lastInsertId();
  }
  Result<UserRow> byId(int64_t id) override {
    PREPARE(s,
            "SELECT id, email, password_hash, display_name, role, unit_id, assurance, "
            "verified_at, verified_by, verification_evidence, photo_document_id, "
            "photo_verified_at, locale, created_at, disabled FROM users WHERE id = ?");
    s.bind(1, id);
    return one(s);
  }
  Result<std::vector<UserRow>> caseworkers(const std::vector<int64_t>& unitIds) override {
    PREPARE(s,
            "SELECT id, email, password_hash, display_name, role, unit_id, assurance, "
            "verified_at, verified_by, verification_evidence, photo_document_id, "
            "photo_verified_at, locale, created_at, disabled FROM users "
            "WHERE role IN ('officer', 'supervisor') AND disabled = 0 "
            "AND unit_id IN (SELECT value FROM json_each(?)) ORDER BY display_name, id");
    json::array ids;
    for (int64_t id : unitIds) ids.emplace_back(id);
    s.bind(1, json::serialize(ids));
    std::vector<UserRow> out;
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool row, s.step());
      if (!row) break;
      out.push_back(ReadUser(s));
    }
    return out;
  }
  Result<UserRow> byEmail(const std::string& email) override {
    PREPARE(s,
            "SELECT id, email, password_hash, display_name, role, unit_id, assurance, "
            "verified_at, verified_by, verification_evidence, photo_document_id, "
            "photo_verified_at, locale, created_at, disabled FROM users WHERE email = ?");
    s.bind(1, email);
    return one(s);
  }
  Status update(const UserRow& u) override {
    PREPARE(s,
            "UPDATE users SET email=?, password_hash=?, display_name=?, role=?, unit_id=?, "
            "assurance=?, verified_at=?, verified_by=?, verification_evidence=?, "
            "photo_document_id=?, photo_verified_at=?, locale=?, created_at=?, disabled=? "
            "WHERE id=?");
    bindAll(s, u);
    s.bind(15, u.id);
    TB_RETURN_IF_ERROR(s.run());
    if (conn_.changes() == 0) return Status::NotFound("user not found");
    return Status::Ok();
  }
  Result<UserPage> search(const UserQuery& q) override {
    // ?1 the pattern ('' for any), ?2 role, ?3 unit, ?4 disabled (0/1), ?5 limit, ?6 offset.
#define TB_USER_MATCH                                                                      \
  " WHERE (?1 = '' OR email LIKE ?1 ESCAPE '\\' OR display_name LIKE ?1 ESCAPE '\\') AND " \
  "(?2 IS NULL OR role = ?2) AND (?3 IS NULL OR unit_id = ?3) AND (?4 IS NULL OR disabled = ?4)"
    std::string pattern;
    if (!q.q.empty()) {
      pattern = "%";
      for (char c : q.q) {
        if (c == '%' || c == '_' || c == '\\') pattern += '\\';
        pattern += c;
      }
      pattern += "%";
    }
    std::optional<int64_t> disabled;
    if (q.disabled) disabled = *q.disabled ? 1 : 0;
    UserPage page;
    {
      PREPARE(s, "SELECT " TB_USER_COLS " FROM users" TB_USER_MATCH
                 " ORDER BY id DESC LIMIT ?5 OFFSET ?6");
      s.bind(1, pattern).bind(2, q.role).bind(3, q.unitId).bind(4, disabled);
      s.bind(5, int64_t(q.limit)).bind(6, q.offset);
      for (;;) {
        TB_ASSIGN_OR_RETURN(bool row, s.step());
        if (!row) break;
        page.users.push_back(ReadUser(s));
      }
    }
    PREPARE(c, "SELECT count(*) FROM users" TB_USER_MATCH);
    c.bind(1, pattern).bind(2, q.role).bind(3, q.unitId).bind(4, disabled);
    TB_ASSIGN_OR_RETURN(bool row, c.step());
    page.total = row ? c.i64(0) : 0;
    TB_RETURN_IF_ERROR(c.run());
#undef TB_USER_MATCH
    return page;
  }
  Result<ErasureResult> erasePersonalData(int64_t userId, const std::string& email,
                                          TimePoint now) override {
    // ?1 is the user, ?2 the time, ?3 the e-mail address (numbered parameters may repeat).
    // Statements are literals: the connection caches them by address.
#define TB_DRAFTS "(SELECT id FROM cases WHERE applicant_id = ?1 AND state = 'draft')"
#define TB_ERASED_DOCS                                                                \
  "case_id IN " TB_DRAFTS                                                             \
  " OR consultation_id IN (SELECT id FROM consultations WHERE applicant_id = ?1) OR " \
  "(owner_id = ?1 AND case_id IS NULL AND consultation_id IS NULL)"
    ErasureResult out;
    auto run = [&](const char* sql) -> Result<int64_t> {
      auto st = conn_.prepare(sql);
      if (!st.ok()) return st.status();
      Stmt& q = *st;
      std::string_view text(sql);
      if (text.find("?1") != text.npos) q.bind(1, userId);
      if (text.find("?2") != text.npos) q.bind(2, now);
      if (text.find("?3") != text.npos) q.bind(3, email);
      TB_RETURN_IF_ERROR(q.run());
      return int64_t(conn_.changes());
    };
    {
      PREPARE(h, "SELECT DISTINCT sha256 FROM documents WHERE " TB_ERASED_DOCS);
      h.bind(1, userId);
      for (;;) {
        TB_ASSIGN_OR_RETURN(bool row, h.step());
        if (!row) break;
        out.documentHashes.push_back(h.text(0));
      }
    }
    TB_RETURN_IF_ERROR(
        run("UPDATE appointments SET case_id = NULL WHERE case_id IN " TB_DRAFTS).status());
    TB_RETURN_IF_ERROR(
        run("UPDATE video_sessions SET case_id = NULL WHERE case_id IN " TB_DRAFTS).status());
    TB_RETURN_IF_ERROR(run("DELETE FROM consultation_messages WHERE consultation_id IN (SELECT id "
                           "FROM consultations WHERE applicant_id = ?1)")
                           .status());
    TB_ASSIGN_OR_RETURN(out.documents, run("DELETE FROM documents WHERE " TB_ERASED_DOCS));
    TB_RETURN_IF_ERROR(run("DELETE FROM case_history WHERE case_id IN " TB_DRAFTS).status());
    TB_RETURN_IF_ERROR(run("DELETE FROM case_ratings WHERE case_id IN " TB_DRAFTS).status());
    // A draft made for a family member loses that link with it; the consent a person gave at a
    // desk stays as the record of what they agreed to, without the erased draft.
    TB_RETURN_IF_ERROR(run("DELETE FROM case_persons WHERE case_id IN " TB_DRAFTS).status());
    TB_RETURN_IF_ERROR(
        run("UPDATE assist_consents SET case_id = NULL WHERE case_id IN " TB_DRAFTS).status());
    TB_ASSIGN_OR_RETURN(out.drafts,
                        run("DELETE FROM cases WHERE applicant_id = ?1 AND state = 'draft'"));
#undef TB_ERASED_DOCS
#undef TB_DRAFTS
    TB_ASSIGN_OR_RETURN(out.consultations,
                        run("DELETE FROM consultations WHERE applicant_id = ?1"));
    TB_ASSIGN_OR_RETURN(out.notifications, run("DELETE FROM notifications WHERE user_id = ?1"));
    // The account may no longer name the family members verified on its calls (their records
    // stay: they are the record of an identity check), and a pending desk consent dies with it.
    TB_RETURN_IF_ERROR(run("DELETE FROM person_links WHERE user_id = ?1").status());
    TB_RETURN_IF_ERROR(run("UPDATE assist_consents SET status = 'void' WHERE applicant_id = ?1 "
                           "AND status IN ('pending', 'confirmed')")
                           .status());
    TB_RETURN_IF_ERROR(run("DELETE FROM notification_prefs WHERE user_id = ?1").status());
    TB_RETURN_IF_ERROR(run("DELETE FROM idempotency_keys WHERE user_id = ?1").status());
    TB_ASSIGN_OR_RETURN(out.sessions, run("DELETE FROM sessions WHERE user_id = ?1"));
    TB_ASSIGN_OR_RETURN(out.appointmentsCancelled,
                        run("UPDATE appointments SET status = 'cancelled', updated_at = ?2 "
                            "WHERE applicant_id = ?1 AND status = 'booked'"));
    // E-mails: pending ones are not sent; the log keeps that something went, not to whom.
    TB_RETURN_IF_ERROR(run("UPDATE deliveries SET target = 'erased', payload = '{}', "
                           "status = CASE WHEN status = 'pending' THEN 'cancelled' ELSE status "
                           "END, updated_at = ?2 WHERE channel = 'email' AND target = ?3")
                           .status());
    // Message texts travel in events: keep the event, drop the words.
    TB_RETURN_IF_ERROR(run("UPDATE outbox SET payload = json_remove(payload, '$.body', '$.topic') "
                           "WHERE topic = 'consultation.message' AND CASE WHEN json_valid(payload) "
                           "THEN json_extract(payload, '$.applicant_id') END = ?1")
                           .status());
    TB_RETURN_IF_ERROR(
        run("UPDATE deliveries SET payload = json_remove(payload, '$.data.body', '$.data.topic') "
            "WHERE channel = 'webhook' AND topic = 'consultation.message' AND CASE WHEN "
            "json_valid(payload) THEN json_extract(payload, '$.data.applicant_id') END = ?1")
            .status());
    return out;
  }

 private:
  static void bindAll(Stmt& s, const UserRow& u) {
    s.bind(1, u.email).bind(2, u.passwordHash).bind(3, u.displayName).bind(4, u.role);
    s.bind(5, u.unitId).bind(6, u.assurance).bind(7, u.verifiedAt).bind(8, u.verifiedBy);
    s.bind(9, u.verificationEvidence).bind(10, u.photoDocumentId).bind(11, u.photoVerifiedAt);
    s.bind(12, u.locale).bind(13, u.createdAt).bind(14, int64_t(u.disabled ? 1 : 0));
  }
  static Result<UserRow> one(Stmt& s) {
    TB_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) return Status::NotFound("user not found");
    return ReadUser(s);
  }
};

// ---------------------------------------------------------------- sessions
class SqliteSessions final : public SessionRepository, Repo {
 public:
  using Repo::Repo;
  Status insert(const SessionRow& r) override {
    PREPARE(s,
            "INSERT INTO sessions (token_hash, user_id, kind, csrf, created_at, expires_at) "
            "VALUES (?,?,?,?,?,?)");
    s.bind(1, r.tokenHash).bind(2, r.userId).bind(3, r.kind).bind(4, r.csrf);
    s.bind(5, r.createdAt).bind(6, r.expiresAt);
    return s.run();
  }
  Result<SessionRow> byTokenHash(const std::string& h) override {
    PREPARE(s,
            "SELECT token_hash, user_id, kind, csrf, created_at, expires_at FROM sessions "
            "WHERE token_hash = ?");
    s.bind(1, h);
    TB_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) return Status::NotFound("session not found");
    return SessionRow{s.text(0), s.i64(1), s.text(2), s.text(3), s.time(4), s.time(5)};
  }
  Status remove(const std::string& h) override {
    PREPARE(s, "DELETE FROM sessions WHERE token_hash = ?");
    s.bind(1, h);
    return s.run();
  }
  Status removeExpired(TimePoint now) override {
    PREPARE(s, "DELETE FROM sessions WHERE expires_at < ?");
    s.bind(1, now);
    return s.run();
  }
  Result<int64_t> removeForUser(int64_t userId, const std::string& keepTokenHash) override {
    PREPARE(s, "DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?");
    s.bind(1, userId).bind(2, keepTokenHash);
    TB_RETURN_IF_ERROR(s.run());
    return int64_t(conn_.changes());
  }
};

}  // namespace

std::unique_ptr<UserRepository> MakeSqliteUsers(SqliteConnection& conn) {
  return std::make_unique<SqliteUsers>(conn);
}

std::unique_ptr<SessionRepository> MakeSqliteSessions(SqliteConnection& conn) {
  return std::make_unique<SqliteSessions>(conn);
}

}  // namespace tongban::db
