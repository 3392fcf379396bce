#include "db/sqlite/sqlite_repositories.h"

#include "common/json.h"

namespace tongban::db {

namespace {

//! TextTranslations as stored in the `translations` columns (migration 6).
std::string TranslationsJson(const TextTranslations& t) {
  json::object o;
  for (const auto& [field, langs] : t) {
    json::object l;
    for (const auto& [lang, text] : langs) l[lang] = text;
    o[field] = std::move(l);
  }
  return json::serialize(o);
}

TextTranslations ParseTranslations(const std::string& s) {
  TextTranslations t;
  boost::system::error_code ec;
  json::value v = json::parse(s, ec);
  if (ec || !v.is_object()) return t;
  for (const auto& f : v.as_object()) {
    if (!f.value().is_object()) continue;
    auto& langs = t[std::string(f.key())];
    for (const auto& l : f.value().as_object())
      if (l.value().is_string()) langs[std::string(l.key())] = std::string(l.value().as_string());
  }
  return t;
}

#define PREPARE(var, sql)                     \
  auto var##_r = conn_.prepare(sql);          \
  if (!var##_r.ok()) return var##_r.status(); \
  Stmt& var = *var##_r

class Repo {
 public:
  explicit Repo(SqliteConnection& c) : conn_(c) {}

 protected:
  SqliteConnection& conn_;
};

// ---------------------------------------------------------------- users
constexpr const char* kUserCols =
    "id, email, password_hash, display_name, role, unit_id, assurance, verified_at, verified_by, "
    "verification_evidence, photo_document_id, photo_verified_at, locale, created_at, disabled";

UserRow ReadUser(const Stmt& s) {
  UserRow u;
  u.id = s.i64(0);
  u.email = s.text(1);
  u.passwordHash = s.text(2);
  u.displayName = s.text(3);
  u.role = s.text(4);
  u.unitId = s.optI64(5);
  u.assurance = s.text(6);
  u.verifiedAt = s.optText(7);
  u.verifiedBy = s.optI64(8);
  u.verificationEvidence = s.text(9);
  u.photoDocumentId = s.optI64(10);
  u.photoVerifiedAt = s.optText(11);
  u.locale = s.text(12);
  u.createdAt = s.text(13);
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
  Result<ErasureResult> erasePersonalData(int64_t userId, const std::string& email,
                                          const std::string& now) override {
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
    TB_ASSIGN_OR_RETURN(out.drafts,
                        run("DELETE FROM cases WHERE applicant_id = ?1 AND state = 'draft'"));
#undef TB_ERASED_DOCS
#undef TB_DRAFTS
    TB_ASSIGN_OR_RETURN(out.consultations,
                        run("DELETE FROM consultations WHERE applicant_id = ?1"));
    TB_ASSIGN_OR_RETURN(out.notifications, run("DELETE FROM notifications WHERE user_id = ?1"));
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
    return SessionRow{s.text(0), s.i64(1), s.text(2), s.text(3), s.text(4), s.text(5)};
  }
  Status remove(const std::string& h) override {
    PREPARE(s, "DELETE FROM sessions WHERE token_hash = ?");
    s.bind(1, h);
    return s.run();
  }
  Status removeExpired(const std::string& now) override {
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

// ---------------------------------------------------------------- units
class SqliteUnits final : public UnitRepository, Repo {
 public:
  using Repo::Repo;
  Result<int64_t> upsert(const UnitRow& u) override {
    PREPARE(s,
            "INSERT INTO units (code, parent_id, kind, name_zh, name_en, country, city, timezone, "
            "address_zh, address_en, opening_hours, phone, lat, lon, translations) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
            "ON CONFLICT(code) DO UPDATE SET parent_id=excluded.parent_id, kind=excluded.kind, "
            "name_zh=excluded.name_zh, name_en=excluded.name_en, country=excluded.country, "
            "city=excluded.city, timezone=excluded.timezone, address_zh=excluded.address_zh, "
            "address_en=excluded.address_en, opening_hours=excluded.opening_hours, "
            "phone=excluded.phone, lat=excluded.lat, lon=excluded.lon, "
            "translations=excluded.translations RETURNING id");
    s.bind(1, u.code).bind(2, u.parentId).bind(3, u.kind).bind(4, u.nameZh).bind(5, u.nameEn);
    s.bind(6, u.country).bind(7, u.city).bind(8, u.timezone).bind(9, u.addressZh);
    s.bind(10, u.addressEn).bind(11, u.openingHoursJson).bind(12, u.phone);
    s.bind(13, u.lat).bind(14, u.lon).bind(15, TranslationsJson(u.translations));
    TB_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) return Status::Internal("unit upsert returned no id");
    int64_t id = s.i64(0);
    TB_RETURN_IF_ERROR(s.run());
    return id;
  }
  Result<std::vector<UnitRow>> all() override {
    PREPARE(s,
            "SELECT id, code, parent_id, kind, name_zh, name_en, country, city, timezone, "
            "address_zh, address_en, opening_hours, phone, lat, lon, translations FROM units "
            "ORDER BY id");
    std::vector<UnitRow> out;
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool row, s.step());
      if (!row) break;
      UnitRow u;
      u.id = s.i64(0);
      u.code = s.text(1);
      u.parentId = s.optI64(2);
      u.kind = s.text(3);
      u.nameZh = s.text(4);
      u.nameEn = s.text(5);
      u.country = s.text(6);
      u.city = s.text(7);
      u.timezone = s.text(8);
      u.addressZh = s.text(9);
      u.addressEn = s.text(10);
      u.openingHoursJson = s.text(11);
      u.phone = s.text(12);
      u.lat = s.optF64(13);
      u.lon = s.optF64(14);
      u.translations = ParseTranslations(s.text(15));
      out.push_back(std::move(u));
    }
    return out;
  }
};

// ---------------------------------------------------------------- catalogue
class SqliteCatalog final : public CatalogRepository, Repo {
 public:
  using Repo::Repo;
  Status upsertCategory(const CategoryRow& r) override {
    PREPARE(s,
            "INSERT INTO categories (code, sort, spec) VALUES (?,?,?) ON CONFLICT(code) DO "
            "UPDATE SET sort=excluded.sort, spec=excluded.spec");
    s.bind(1, r.code).bind(2, r.sort).bind(3, r.specJson);
    return s.run();
  }
  Status upsertItem(const ItemRow& r) override {
    PREPARE(s,
            "INSERT INTO items (code, category, kind, spec, updated_at) VALUES (?,?,?,?,?) ON "
            "CONFLICT(code) DO UPDATE SET category=excluded.category, kind=excluded.kind, "
            "spec=excluded.spec, updated_at=excluded.updated_at");
    s.bind(1, r.code).bind(2, r.category).bind(3, r.kind).bind(4, r.specJson).bind(5, r.updatedAt);
    return s.run();
  }
  Status upsertWorkflow(const WorkflowRow& r) override {
    PREPARE(s,
            "INSERT INTO workflows (code, spec) VALUES (?,?) ON CONFLICT(code) DO UPDATE SET "
            "spec=excluded.spec");
    s.bind(1, r.code).bind(2, r.specJson);
    return s.run();
  }
  Status upsertHoliday(const HolidayRow& r) override {
    PREPARE(s,
            "INSERT INTO holidays (date, kind, name) VALUES (?,?,?) ON CONFLICT(date) DO UPDATE "
            "SET kind=excluded.kind, name=excluded.name");
    s.bind(1, r.date).bind(2, r.kind).bind(3, r.name);
    return s.run();
  }
  Result<std::vector<CategoryRow>> categories() override {
    PREPARE(s, "SELECT code, sort, spec FROM categories ORDER BY sort, code");
    std::vector<CategoryRow> out;
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool row, s.step());
      if (!row) break;
      out.push_back({s.text(0), int(s.i64(1)), s.text(2)});
    }
    return out;
  }
  Result<std::vector<ItemRow>> items() override {
    PREPARE(s, "SELECT code, category, kind, spec, updated_at FROM items ORDER BY code");
    std::vector<ItemRow> out;
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool row, s.step());
      if (!row) break;
      out.push_back({s.text(0), s.text(1), s.text(2), s.text(3), s.text(4)});
    }
    return out;
  }
  Result<std::vector<WorkflowRow>> workflows() override {
    PREPARE(s, "SELECT code, spec FROM workflows ORDER BY code");
    std::vector<WorkflowRow> out;
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool row, s.step());
      if (!row) break;
      out.push_back({s.text(0), s.text(1)});
    }
    return out;
  }
  Result<std::vector<HolidayRow>> holidays() override {
    PREPARE(s, "SELECT date, kind, name FROM holidays ORDER BY date");
    std::vector<HolidayRow> out;
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool row, s.step());
      if (!row) break;
      out.push_back({s.text(0), s.text(1), s.text(2)});
    }
    return out;
  }
};

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
  c.createdAt = s.text(11);
  c.updatedAt = s.text(12);
  c.submittedAt = s.optText(13);
  c.acceptedAt = s.optText(14);
  c.deadline = s.optText(15);
  c.pausedSince = s.optText(16);
  c.supplementDue = s.optText(17);
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
    // A fixed statement with optional filters expressed as bound parameters; units and states
    // travel as JSON arrays so the SQL text never changes with the input.
    PREPARE(s, "SELECT " CASE_COLS
               " FROM cases WHERE id > ?1 "
               "AND (?2 IS NULL OR unit_id IN (SELECT value FROM json_each(?2))) "
               "AND (CASE WHEN ?3 IS NULL THEN state IN (SELECT value FROM json_each(?4)) "
               "          ELSE state = ?3 END) "
               "AND (?5 = 0 OR (deadline IS NOT NULL AND paused_since IS NULL AND deadline < ?6)) "
               "AND (?7 IS NULL OR priority = ?7) "
               "ORDER BY CASE priority WHEN 'urgent' THEN 0 WHEN 'care' THEN 1 ELSE 2 END, "
               "deadline IS NULL, deadline, id LIMIT ?8");
    s.bind(1, f.afterId);
    if (f.unitIds.empty()) {
      s.bindNull(2);
    } else {
      std::string arr = "[";
      for (size_t i = 0; i < f.unitIds.size(); ++i)
        arr += (i ? "," : "") + std::to_string(f.unitIds[i]);
      s.bind(2, arr + "]");
    }
    s.bind(3, f.state);
    std::string states = "[";
    for (size_t i = 0; i < f.activeStates.size(); ++i)
      states += (i ? ",\"" : "\"") + f.activeStates[i] + "\"";
    s.bind(4, states + "]");
    s.bind(5, int64_t(f.overdueOnly ? 1 : 0)).bind(6, f.today).bind(7, f.priority).bind(8, f.limit);
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
            "actor_role, unit_id, note) VALUES (?,?,?,?,?,?,?,?,?)");
    s.bind(1, h.caseId).bind(2, h.at).bind(3, h.fromState).bind(4, h.toState).bind(5, h.action);
    s.bind(6, h.actorId).bind(7, h.actorRole).bind(8, h.unitId).bind(9, h.note);
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
    return RatingRow{s.i64(0), s.i64(1), int(s.i64(2)), s.text(3), s.text(4)};
  }
  Result<std::vector<HistoryRow>> history(int64_t caseId) override {
    PREPARE(s,
            "SELECT id, case_id, at, from_state, to_state, action, actor_id, actor_role, unit_id, "
            "note FROM case_history WHERE case_id = ? ORDER BY id");
    s.bind(1, caseId);
    std::vector<HistoryRow> out;
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool row, s.step());
      if (!row) break;
      out.push_back({s.i64(0), s.i64(1), s.text(2), s.text(3), s.text(4), s.text(5), s.optI64(6),
                     s.text(7), s.optI64(8), s.text(9)});
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
            s.i64(5), s.text(6), s.text(7),   s.text(8), s.i64(9)};
  }
};

// ---------------------------------------------------------------- audit, outbox, idempotency
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
    std::vector<AuditRow> out;
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool row, s.step());
      if (!row) break;
      out.push_back({s.i64(0), s.text(1), s.optI64(2), s.text(3), s.text(4), s.text(5), s.text(6),
                     s.optI64(7), s.text(8), s.text(9), s.text(10)});
    }
    return out;
  }
  Result<std::vector<AuditRow>> bySubjectFromOthers(int64_t userId, int limit) override {
    PREPARE(s,
            "SELECT id, at, actor_id, actor_role, action, object_type, object_id, "
            "subject_user_id, request_id, ip, detail FROM audit_events WHERE subject_user_id = ?1 "
            "AND actor_id IS NOT ?1 ORDER BY id DESC LIMIT ?2");
    s.bind(1, userId).bind(2, limit);
    std::vector<AuditRow> out;
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool row, s.step());
      if (!row) break;
      out.push_back({s.i64(0), s.text(1), s.optI64(2), s.text(3), s.text(4), s.text(5), s.text(6),
                     s.optI64(7), s.text(8), s.text(9), s.text(10)});
    }
    return out;
  }
};

class SqliteOutbox final : public OutboxRepository, Repo {
 public:
  using Repo::Repo;
  Status append(const OutboxRow& o) override {
    PREPARE(s, "INSERT INTO outbox (at, topic, payload) VALUES (?,?,?)");
    s.bind(1, o.at).bind(2, o.topic).bind(3, o.payloadJson);
    return s.run();
  }
  Result<std::vector<OutboxRow>> pending(int limit) override {
    PREPARE(s,
            "SELECT id, at, topic, payload FROM outbox WHERE delivered_at IS NULL ORDER BY id "
            "LIMIT ?");
    s.bind(1, limit);
    std::vector<OutboxRow> out;
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool row, s.step());
      if (!row) break;
      out.push_back({s.i64(0), s.text(1), s.text(2), s.text(3)});
    }
    return out;
  }
  Status markDelivered(const std::vector<int64_t>& ids, const std::string& at) override {
    for (int64_t id : ids) {
      PREPARE(s, "UPDATE outbox SET delivered_at = ? WHERE id = ?");
      s.bind(1, at).bind(2, id);
      TB_RETURN_IF_ERROR(s.run());
    }
    return Status::Ok();
  }
};

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
    return IdempotencyRow{s.i64(0), s.text(1), s.text(2), int(s.i64(3)), s.text(4), s.text(5)};
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

// ---------------------------------------------------------------- appointments
#define SLOT_COLS \
  "s.id, s.unit_id, s.officer_id, s.kind, s.starts_at, s.ends_at, s.care, s.created_at"
#define APPT_COLS \
  "id, slot_id, applicant_id, case_id, purpose, status, created_at, updated_at, reminder_sent_at"

std::string IdArray(const std::vector<int64_t>& ids) {
  std::string arr = "[";
  for (size_t i = 0; i < ids.size(); ++i) arr += (i ? "," : "") + std::to_string(ids[i]);
  return arr + "]";
}

class SqliteAppointments final : public AppointmentRepository, Repo {
 public:
  using Repo::Repo;
  Result<int64_t> insertSlot(const SlotRow& r) override {
    PREPARE(s,
            "INSERT INTO slots (unit_id, officer_id, kind, starts_at, ends_at, care, created_at) "
            "VALUES (?,?,?,?,?,?,?)");
    s.bind(1, r.unitId).bind(2, r.officerId).bind(3, r.kind).bind(4, r.startsAt).bind(5, r.endsAt);
    s.bind(6, int64_t(r.care ? 1 : 0)).bind(7, r.createdAt);
    TB_RETURN_IF_ERROR(s.run());
    return conn_.lastInsertId();
  }
  Result<SlotRow> slotById(int64_t id) override {
    PREPARE(
        s, "SELECT " SLOT_COLS
           ", EXISTS (SELECT 1 FROM appointments a WHERE a.slot_id = s.id AND a.status = 'booked') "
           "FROM slots s WHERE s.id = ?");
    s.bind(1, id);
    TB_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) return Status::NotFound("slot not found");
    return readSlot(s);
  }
  Result<std::vector<SlotRow>> slots(const std::vector<int64_t>& unitIds, const std::string& kind,
                                     const std::string& from, const std::string& to,
                                     bool freeOnly) override {
    PREPARE(s, "SELECT " SLOT_COLS
               ", EXISTS (SELECT 1 FROM appointments a WHERE a.slot_id = s.id AND a.status = "
               "'booked') AS taken "
               "FROM slots s WHERE s.starts_at >= ?1 AND s.starts_at < ?2 "
               "AND (?3 IS NULL OR s.unit_id IN (SELECT value FROM json_each(?3))) "
               "AND (?4 = '' OR s.kind = ?4) AND (?5 = 0 OR taken = 0) ORDER BY s.starts_at, s.id "
               "LIMIT 500");
    s.bind(1, from).bind(2, to);
    if (unitIds.empty())
      s.bindNull(3);
    else
      s.bind(3, IdArray(unitIds));
    s.bind(4, kind).bind(5, int64_t(freeOnly ? 1 : 0));
    std::vector<SlotRow> out;
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool row, s.step());
      if (!row) break;
      out.push_back(readSlot(s));
    }
    return out;
  }
  Result<int64_t> insert(const AppointmentRow& r) override {
    PREPARE(s,
            "INSERT INTO appointments (slot_id, applicant_id, case_id, purpose, status, "
            "created_at, updated_at, reminder_sent_at) "
            "VALUES (?,?,?,?,?,?,?,?)");
    bindAll(s, r);
    Status st = s.run();
    if (st.code() == StatusCode::kConflict)
      return Status::Conflict("this time has just been taken; choose another");
    TB_RETURN_IF_ERROR(st);
    return conn_.lastInsertId();
  }
  Result<AppointmentRow> byId(int64_t id) override {
    PREPARE(s, "SELECT " APPT_COLS " FROM appointments WHERE id = ?");
    s.bind(1, id);
    TB_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) return Status::NotFound("appointment not found");
    return readAppt(s);
  }
  Status update(const AppointmentRow& r) override {
    PREPARE(s,
            "UPDATE appointments SET slot_id=?, applicant_id=?, case_id=?, purpose=?, status=?, "
            "created_at=?, updated_at=?, "
            "reminder_sent_at=? WHERE id=?");
    bindAll(s, r);
    s.bind(9, r.id);
    Status st = s.run();
    if (st.code() == StatusCode::kConflict)
      return Status::Conflict("this time has just been taken; choose another");
    return st;
  }
  Result<std::vector<AppointmentRow>> byApplicant(int64_t applicantId) override {
    PREPARE(s, "SELECT " APPT_COLS
               " FROM appointments WHERE applicant_id = ? ORDER BY id DESC LIMIT 100");
    s.bind(1, applicantId);
    return many(s);
  }
  Result<std::vector<AppointmentRow>> forUnits(const std::vector<int64_t>& unitIds,
                                               const std::string& from) override {
    PREPARE(
        s,
        "SELECT a.id, a.slot_id, a.applicant_id, a.case_id, a.purpose, a.status, a.created_at, "
        "a.updated_at, "
        "a.reminder_sent_at FROM appointments a JOIN slots s ON s.id = a.slot_id WHERE a.status = "
        "'booked' "
        "AND s.ends_at >= ?1 AND (?2 IS NULL OR s.unit_id IN (SELECT value FROM json_each(?2))) "
        "ORDER BY s.starts_at LIMIT 500");
    s.bind(1, from);
    if (unitIds.empty())
      s.bindNull(2);
    else
      s.bind(2, IdArray(unitIds));
    return many(s);
  }
  Result<std::vector<AppointmentRow>> dueReminders(const std::string& before) override {
    PREPARE(s,
            "SELECT a.id, a.slot_id, a.applicant_id, a.case_id, a.purpose, a.status, a.created_at, "
            "a.updated_at, "
            "a.reminder_sent_at FROM appointments a JOIN slots s ON s.id = a.slot_id WHERE "
            "a.status = 'booked' "
            "AND a.reminder_sent_at IS NULL AND s.starts_at < ? ORDER BY s.starts_at LIMIT 200");
    s.bind(1, before);
    return many(s);
  }

 private:
  static SlotRow readSlot(const Stmt& s) {
    SlotRow r;
    r.id = s.i64(0);
    r.unitId = s.i64(1);
    r.officerId = s.i64(2);
    r.kind = s.text(3);
    r.startsAt = s.text(4);
    r.endsAt = s.text(5);
    r.care = s.i64(6) != 0;
    r.createdAt = s.text(7);
    r.booked = s.i64(8) != 0;
    return r;
  }
  static AppointmentRow readAppt(const Stmt& s) {
    return {s.i64(0),  s.i64(1),  s.i64(2),  s.optI64(3), s.text(4),
            s.text(5), s.text(6), s.text(7), s.optText(8)};
  }
  static void bindAll(Stmt& s, const AppointmentRow& r) {
    s.bind(1, r.slotId)
        .bind(2, r.applicantId)
        .bind(3, r.caseId)
        .bind(4, r.purpose)
        .bind(5, r.status);
    s.bind(6, r.createdAt).bind(7, r.updatedAt).bind(8, r.reminderSentAt);
  }
  static Result<std::vector<AppointmentRow>> many(Stmt& s) {
    std::vector<AppointmentRow> out;
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool row, s.step());
      if (!row) break;
      out.push_back(readAppt(s));
    }
    return out;
  }
};

// ---------------------------------------------------------------- video sessions
#define VS_COLS                                                                                 \
  "id, appointment_id, applicant_id, officer_id, case_id, subject, state, void_reason, "        \
  "recording_consent, "                                                                         \
  "consent_at, recording, resolution_w, resolution_h, coercion, checklist, mrz, outcome_note, " \
  "created_at, updated_at, "                                                                    \
  "live_since, ended_at, version"

class SqliteVideoSessions final : public VideoSessionRepository, Repo {
 public:
  using Repo::Repo;
  Result<int64_t> insert(const VideoSessionRow& r) override {
    PREPARE(s, "INSERT INTO video_sessions (" VS_COLS
               ") VALUES (NULL,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    bindAll(s, r);
    TB_RETURN_IF_ERROR(s.run());
    return conn_.lastInsertId();
  }
  Result<VideoSessionRow> byId(int64_t id) override {
    PREPARE(s, "SELECT " VS_COLS " FROM video_sessions WHERE id = ?");
    s.bind(1, id);
    return one(s);
  }
  Result<VideoSessionRow> byAppointment(int64_t appointmentId) override {
    PREPARE(s, "SELECT " VS_COLS " FROM video_sessions WHERE appointment_id = ?");
    s.bind(1, appointmentId);
    return one(s);
  }
  Status update(const VideoSessionRow& r) override {
    PREPARE(s,
            "UPDATE video_sessions SET appointment_id=?, applicant_id=?, officer_id=?, case_id=?, "
            "subject=?, state=?, "
            "void_reason=?, recording_consent=?, consent_at=?, recording=?, resolution_w=?, "
            "resolution_h=?, coercion=?, "
            "checklist=?, mrz=?, outcome_note=?, created_at=?, updated_at=?, live_since=?, "
            "ended_at=?, version=? "
            "WHERE id=? AND version=?");
    bindAll(s, r);
    s.bind(22, r.id).bind(23, r.version - 1);
    TB_RETURN_IF_ERROR(s.run());
    if (conn_.changes() == 0) return Status::Conflict("the session changed; reload");
    return Status::Ok();
  }
  Status appendEvent(const SessionEventRow& e) override {
    PREPARE(
        s,
        "INSERT INTO session_events (session_id, at, kind, actor_role, detail) VALUES (?,?,?,?,?)");
    s.bind(1, e.sessionId).bind(2, e.at).bind(3, e.kind).bind(4, e.actorRole).bind(5, e.detailJson);
    return s.run();
  }
  Result<std::vector<SessionEventRow>> events(int64_t sessionId) override {
    PREPARE(s,
            "SELECT id, session_id, at, kind, actor_role, detail FROM session_events WHERE "
            "session_id = ? ORDER BY id");
    s.bind(1, sessionId);
    std::vector<SessionEventRow> out;
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool row, s.step());
      if (!row) break;
      out.push_back({s.i64(0), s.i64(1), s.text(2), s.text(3), s.text(4), s.text(5)});
    }
    return out;
  }

 private:
  static void bindAll(Stmt& s, const VideoSessionRow& r) {
    s.bind(1, r.appointmentId)
        .bind(2, r.applicantId)
        .bind(3, r.officerId)
        .bind(4, r.caseId)
        .bind(5, r.subject);
    s.bind(6, r.state)
        .bind(7, r.voidReason)
        .bind(8, int64_t(r.recordingConsent))
        .bind(9, r.consentAt);
    s.bind(10, int64_t(r.recording))
        .bind(11, int64_t(r.resolutionW))
        .bind(12, int64_t(r.resolutionH));
    s.bind(13, int64_t(r.coercion))
        .bind(14, r.checklistJson)
        .bind(15, r.mrzJson)
        .bind(16, r.outcomeNote);
    s.bind(17, r.createdAt)
        .bind(18, r.updatedAt)
        .bind(19, r.liveSince)
        .bind(20, r.endedAt)
        .bind(21, r.version);
  }
  static Result<VideoSessionRow> one(Stmt& s) {
    TB_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) return Status::NotFound("session not found");
    VideoSessionRow r;
    r.id = s.i64(0);
    r.appointmentId = s.i64(1);
    r.applicantId = s.i64(2);
    r.officerId = s.i64(3);
    r.caseId = s.optI64(4);
    r.subject = s.text(5);
    r.state = s.text(6);
    r.voidReason = s.text(7);
    r.recordingConsent = s.i64(8) != 0;
    r.consentAt = s.optText(9);
    r.recording = s.i64(10) != 0;
    r.resolutionW = int(s.i64(11));
    r.resolutionH = int(s.i64(12));
    r.coercion = s.i64(13) != 0;
    r.checklistJson = s.text(14);
    r.mrzJson = s.text(15);
    r.outcomeNote = s.text(16);
    r.createdAt = s.text(17);
    r.updatedAt = s.text(18);
    r.liveSince = s.optText(19);
    r.endedAt = s.optText(20);
    r.version = s.i64(21);
    return r;
  }
};

// ---------------------------------------------------------------- consultations
#define CONS_COLS                                                                              \
  "id, applicant_id, topic, item_code, unit_id, assignee_id, status, created_at, updated_at, " \
  "first_response_due, first_response_at, resolution_due, closed_at, rating, rating_comment, " \
  "version"

class SqliteConsultations final : public ConsultationRepository, Repo {
 public:
  using Repo::Repo;
  Result<int64_t> insert(const ConsultationRow& r) override {
    PREPARE(
        s, "INSERT INTO consultations (" CONS_COLS ") VALUES (NULL,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    bindAll(s, r);
    TB_RETURN_IF_ERROR(s.run());
    return conn_.lastInsertId();
  }
  Result<ConsultationRow> byId(int64_t id) override {
    PREPARE(s, "SELECT " CONS_COLS " FROM consultations WHERE id = ?");
    s.bind(1, id);
    TB_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) return Status::NotFound("consultation not found");
    return read(s);
  }
  Status update(const ConsultationRow& r) override {
    PREPARE(s,
            "UPDATE consultations SET applicant_id=?, topic=?, item_code=?, unit_id=?, "
            "assignee_id=?, status=?, "
            "created_at=?, updated_at=?, first_response_due=?, first_response_at=?, "
            "resolution_due=?, closed_at=?, "
            "rating=?, rating_comment=?, version=? WHERE id=? AND version=?");
    bindAll(s, r);
    s.bind(16, r.id).bind(17, r.version - 1);
    TB_RETURN_IF_ERROR(s.run());
    if (conn_.changes() == 0) return Status::Conflict("the consultation changed; reload");
    return Status::Ok();
  }
  Result<std::vector<ConsultationRow>> byApplicant(int64_t applicantId) override {
    PREPARE(s, "SELECT " CONS_COLS
               " FROM consultations WHERE applicant_id = ? ORDER BY id DESC LIMIT 100");
    s.bind(1, applicantId);
    return many(s);
  }
  Result<std::vector<ConsultationRow>> open(const std::vector<int64_t>& unitIds,
                                            std::optional<int64_t> assigneeId) override {
    PREPARE(s, "SELECT " CONS_COLS
               " FROM consultations WHERE status <> 'closed' AND "
               "((?1 IS NULL OR unit_id IN (SELECT value FROM json_each(?1))) OR assignee_id = ?2) "
               "ORDER BY first_response_at IS NOT NULL, first_response_due, id LIMIT 200");
    if (unitIds.empty())
      s.bindNull(1);
    else
      s.bind(1, IdArray(unitIds));
    s.bind(2, assigneeId);
    return many(s);
  }
  Result<int64_t> openCount(int64_t assigneeId) override {
    PREPARE(s, "SELECT count(*) FROM consultations WHERE assignee_id = ? AND status <> 'closed'");
    s.bind(1, assigneeId);
    TB_ASSIGN_OR_RETURN(bool row, s.step());
    return row ? s.i64(0) : 0;
  }
  Result<int64_t> addMessage(const MessageRow& m) override {
    PREPARE(s,
            "INSERT INTO consultation_messages (consultation_id, at, author_id, author_role, body, "
            "document_id) VALUES (?,?,?,?,?,?)");
    s.bind(1, m.consultationId)
        .bind(2, m.at)
        .bind(3, m.authorId)
        .bind(4, m.authorRole)
        .bind(5, m.body)
        .bind(6, m.documentId);
    TB_RETURN_IF_ERROR(s.run());
    return conn_.lastInsertId();
  }
  Result<std::vector<MessageRow>> messages(int64_t consultationId) override {
    PREPARE(s,
            "SELECT id, consultation_id, at, author_id, author_role, body, document_id FROM "
            "consultation_messages "
            "WHERE consultation_id = ? ORDER BY id LIMIT 2000");
    s.bind(1, consultationId);
    std::vector<MessageRow> out;
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool row, s.step());
      if (!row) break;
      out.push_back({s.i64(0), s.i64(1), s.text(2), s.i64(3), s.text(4), s.text(5), s.optI64(6)});
    }
    return out;
  }
  Status upsertCanned(const CannedRow& r) override {
    PREPARE(s,
            "INSERT INTO canned_answers (code, title_zh, title_en, body_zh, body_en, translations) "
            "VALUES (?,?,?,?,?,?) ON CONFLICT(code) "
            "DO UPDATE SET title_zh=excluded.title_zh, title_en=excluded.title_en, "
            "body_zh=excluded.body_zh, body_en=excluded.body_en, "
            "translations=excluded.translations");
    s.bind(1, r.code).bind(2, r.titleZh).bind(3, r.titleEn).bind(4, r.bodyZh).bind(5, r.bodyEn);
    s.bind(6, TranslationsJson(r.translations));
    return s.run();
  }
  Result<std::vector<CannedRow>> canned() override {
    PREPARE(s,
            "SELECT code, title_zh, title_en, body_zh, body_en, translations FROM canned_answers "
            "ORDER BY code");
    std::vector<CannedRow> out;
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool row, s.step());
      if (!row) break;
      out.push_back(
          {s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), ParseTranslations(s.text(5))});
    }
    return out;
  }
  Status setDuty(int64_t userId, bool onDuty, const std::string& since) override {
    PREPARE(s,
            "INSERT INTO staff_duty (user_id, on_duty, since) VALUES (?,?,?) ON CONFLICT(user_id) "
            "DO UPDATE SET "
            "on_duty=excluded.on_duty, since=excluded.since");
    s.bind(1, userId).bind(2, int64_t(onDuty ? 1 : 0)).bind(3, since);
    return s.run();
  }
  Result<std::vector<int64_t>> onDuty() override {
    PREPARE(s, "SELECT user_id FROM staff_duty WHERE on_duty = 1 ORDER BY since, user_id");
    std::vector<int64_t> out;
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool row, s.step());
      if (!row) break;
      out.push_back(s.i64(0));
    }
    return out;
  }
  Result<bool> isOnDuty(int64_t userId) override {
    PREPARE(s, "SELECT on_duty FROM staff_duty WHERE user_id = ?");
    s.bind(1, userId);
    TB_ASSIGN_OR_RETURN(bool row, s.step());
    return row && s.i64(0) != 0;
  }

 private:
  static void bindAll(Stmt& s, const ConsultationRow& r) {
    s.bind(1, r.applicantId)
        .bind(2, r.topic)
        .bind(3, r.itemCode)
        .bind(4, r.unitId)
        .bind(5, r.assigneeId);
    s.bind(6, r.status)
        .bind(7, r.createdAt)
        .bind(8, r.updatedAt)
        .bind(9, r.firstResponseDue)
        .bind(10, r.firstResponseAt);
    s.bind(11, r.resolutionDue).bind(12, r.closedAt);
    if (r.rating)
      s.bind(13, int64_t(*r.rating));
    else
      s.bindNull(13);
    s.bind(14, r.ratingComment).bind(15, r.version);
  }
  static ConsultationRow read(const Stmt& s) {
    ConsultationRow r;
    r.id = s.i64(0);
    r.applicantId = s.i64(1);
    r.topic = s.text(2);
    r.itemCode = s.optText(3);
    r.unitId = s.i64(4);
    r.assigneeId = s.optI64(5);
    r.status = s.text(6);
    r.createdAt = s.text(7);
    r.updatedAt = s.text(8);
    r.firstResponseDue = s.text(9);
    r.firstResponseAt = s.optText(10);
    r.resolutionDue = s.text(11);
    r.closedAt = s.optText(12);
    if (!s.isNull(13)) r.rating = int(s.i64(13));
    r.ratingComment = s.text(14);
    r.version = s.i64(15);
    return r;
  }
  static Result<std::vector<ConsultationRow>> many(Stmt& s) {
    std::vector<ConsultationRow> out;
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool row, s.step());
      if (!row) break;
      out.push_back(read(s));
    }
    return out;
  }
};

// ---------------------------------------------------------------- FAQ
class SqliteFaq final : public FaqRepository, Repo {
 public:
  using Repo::Repo;
  Status upsert(const FaqRow& r, const std::string& indexTitle,
                const std::string& indexBody) override {
    {
      PREPARE(s,
              "INSERT INTO faq_articles (code, item_code, category, title_zh, title_en, body_zh, "
              "body_en, translations) VALUES (?,?,?,?,?,?,?,?) "
              "ON CONFLICT(code) DO UPDATE SET item_code=excluded.item_code, "
              "category=excluded.category, title_zh=excluded.title_zh, "
              "title_en=excluded.title_en, body_zh=excluded.body_zh, body_en=excluded.body_en, "
              "translations=excluded.translations");
      s.bind(1, r.code)
          .bind(2, r.itemCode)
          .bind(3, r.category)
          .bind(4, r.titleZh)
          .bind(5, r.titleEn)
          .bind(6, r.bodyZh)
          .bind(7, r.bodyEn)
          .bind(8, TranslationsJson(r.translations));
      TB_RETURN_IF_ERROR(s.run());
    }
    {
      PREPARE(s, "DELETE FROM faq_fts WHERE code = ?");
      s.bind(1, r.code);
      TB_RETURN_IF_ERROR(s.run());
    }
    PREPARE(s, "INSERT INTO faq_fts (code, title, body) VALUES (?,?,?)");
    s.bind(1, r.code).bind(2, indexTitle).bind(3, indexBody);
    return s.run();
  }
  Result<std::vector<FaqRow>> search(const std::string& match, int limit) override {
    PREPARE(s,
            "SELECT a.code, a.item_code, a.category, a.title_zh, a.title_en, a.body_zh, a.body_en, "
            "bm25(faq_fts, 0, 5.0, 1.0) AS r, a.translations "
            "FROM faq_fts JOIN faq_articles a ON a.code = faq_fts.code WHERE faq_fts MATCH ? ORDER "
            "BY r LIMIT ?");
    s.bind(1, match).bind(2, limit);
    return many(s);
  }
  Result<std::vector<FaqRow>> byItem(const std::string& itemCode) override {
    PREPARE(s,
            "SELECT code, item_code, category, title_zh, title_en, body_zh, body_en, 0, "
            "translations FROM faq_articles WHERE item_code = ? ORDER BY code");
    s.bind(1, itemCode);
    return many(s);
  }

 private:
  static Result<std::vector<FaqRow>> many(Stmt& s) {
    std::vector<FaqRow> out;
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool row, s.step());
      if (!row) break;
      out.push_back({s.text(0), s.optText(1), s.optText(2), s.text(3), s.text(4), s.text(5),
                     s.text(6), s.f64(7), ParseTranslations(s.text(8))});
    }
    return out;
  }
};

// ---------------------------------------------------------------- notifications, webhooks,
// deliveries
#define DLV_COLS                                                                              \
  "id, channel, target, webhook_id, event_id, topic, payload, status, attempts, last_error, " \
  "next_attempt_at, created_at, updated_at"

class SqliteNotifications final : public NotificationRepository, Repo {
 public:
  using Repo::Repo;
  Result<int64_t> insert(const NotificationRow& r) override {
    PREPARE(s,
            "INSERT INTO notifications (user_id, at, kind, title, body, link, read_at) VALUES "
            "(?,?,?,?,?,?,?)");
    s.bind(1, r.userId)
        .bind(2, r.at)
        .bind(3, r.kind)
        .bind(4, r.title)
        .bind(5, r.body)
        .bind(6, r.link)
        .bind(7, r.readAt);
    TB_RETURN_IF_ERROR(s.run());
    return conn_.lastInsertId();
  }
  Result<std::vector<NotificationRow>> byUser(int64_t userId, int limit) override {
    PREPARE(s,
            "SELECT id, user_id, at, kind, title, body, link, read_at FROM notifications WHERE "
            "user_id = ? ORDER BY id DESC LIMIT ?");
    s.bind(1, userId).bind(2, limit);
    std::vector<NotificationRow> out;
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool row, s.step());
      if (!row) break;
      out.push_back({s.i64(0), s.i64(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6),
                     s.optText(7)});
    }
    return out;
  }
  Status markRead(int64_t userId, int64_t id, const std::string& at) override {
    PREPARE(
        s, "UPDATE notifications SET read_at = ? WHERE id = ? AND user_id = ? AND read_at IS NULL");
    s.bind(1, at).bind(2, id).bind(3, userId);
    return s.run();
  }
  Result<int64_t> unread(int64_t userId) override {
    PREPARE(s, "SELECT count(*) FROM notifications WHERE user_id = ? AND read_at IS NULL");
    s.bind(1, userId);
    TB_ASSIGN_OR_RETURN(bool row, s.step());
    return row ? s.i64(0) : 0;
  }
  Result<NotificationPrefsRow> preferences(int64_t userId) override {
    PREPARE(s,
            "SELECT email_cases, email_appointments, email_consultations, updated_at FROM "
            "notification_prefs WHERE user_id = ?");
    s.bind(1, userId);
    NotificationPrefsRow r;
    r.userId = userId;
    TB_ASSIGN_OR_RETURN(bool row, s.step());
    if (row) {
      r.emailCases = s.i64(0) != 0;
      r.emailAppointments = s.i64(1) != 0;
      r.emailConsultations = s.i64(2) != 0;
      r.updatedAt = s.text(3);
    }
    return r;
  }
  Status setPreferences(const NotificationPrefsRow& r) override {
    PREPARE(s,
            "INSERT INTO notification_prefs (user_id, email_cases, email_appointments, "
            "email_consultations, updated_at) VALUES (?,?,?,?,?) ON CONFLICT(user_id) DO UPDATE "
            "SET email_cases = excluded.email_cases, email_appointments = "
            "excluded.email_appointments, email_consultations = excluded.email_consultations, "
            "updated_at = excluded.updated_at");
    s.bind(1, r.userId).bind(2, int64_t(r.emailCases)).bind(3, int64_t(r.emailAppointments));
    s.bind(4, int64_t(r.emailConsultations)).bind(5, r.updatedAt);
    return s.run();
  }
  Result<int64_t> insertWebhook(const WebhookRow& r) override {
    PREPARE(s,
            "INSERT INTO webhooks (owner_unit_id, url, secret, topics, active, created_at) VALUES "
            "(?,?,?,?,?,?)");
    s.bind(1, r.ownerUnitId)
        .bind(2, r.url)
        .bind(3, r.secret)
        .bind(4, r.topicsJson)
        .bind(5, int64_t(r.active))
        .bind(6, r.createdAt);
    TB_RETURN_IF_ERROR(s.run());
    return conn_.lastInsertId();
  }
  Result<std::vector<WebhookRow>> webhooks() override {
    PREPARE(s,
            "SELECT id, owner_unit_id, url, secret, topics, active, created_at FROM webhooks ORDER "
            "BY id");
    std::vector<WebhookRow> out;
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool row, s.step());
      if (!row) break;
      out.push_back(
          {s.i64(0), s.optI64(1), s.text(2), s.text(3), s.text(4), s.i64(5) != 0, s.text(6)});
    }
    return out;
  }
  Result<int64_t> insertDelivery(const DeliveryRow& r) override {
    PREPARE(s, "INSERT INTO deliveries (" DLV_COLS ") VALUES (NULL,?,?,?,?,?,?,?,?,?,?,?,?)");
    bindAll(s, r);
    TB_RETURN_IF_ERROR(s.run());
    return conn_.lastInsertId();
  }
  Status updateDelivery(const DeliveryRow& r) override {
    PREPARE(s,
            "UPDATE deliveries SET channel=?, target=?, webhook_id=?, event_id=?, topic=?, "
            "payload=?, status=?, attempts=?, "
            "last_error=?, next_attempt_at=?, created_at=?, updated_at=? WHERE id=? AND "
            "status = 'pending'");
    bindAll(s, r);
    s.bind(13, r.id);
    return s.run();
  }
  Result<std::vector<DeliveryRow>> dueDeliveries(const std::string& now, int limit) override {
    PREPARE(s, "SELECT " DLV_COLS
               " FROM deliveries WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY "
               "next_attempt_at, id LIMIT ?");
    s.bind(1, now).bind(2, limit);
    return many(s);
  }
  Result<std::vector<DeliveryRow>> deliveries(std::optional<int64_t> webhookId,
                                              int limit) override {
    PREPARE(s, "SELECT " DLV_COLS
               " FROM deliveries WHERE (?1 IS NULL OR webhook_id = ?1) ORDER BY id DESC LIMIT ?2");
    s.bind(1, webhookId).bind(2, limit);
    return many(s);
  }

 private:
  static void bindAll(Stmt& s, const DeliveryRow& r) {
    s.bind(1, r.channel)
        .bind(2, r.target)
        .bind(3, r.webhookId)
        .bind(4, r.eventId)
        .bind(5, r.topic)
        .bind(6, r.payload);
    s.bind(7, r.status)
        .bind(8, int64_t(r.attempts))
        .bind(9, r.lastError)
        .bind(10, r.nextAttemptAt)
        .bind(11, r.createdAt);
    s.bind(12, r.updatedAt);
  }
  static Result<std::vector<DeliveryRow>> many(Stmt& s) {
    std::vector<DeliveryRow> out;
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool row, s.step());
      if (!row) break;
      DeliveryRow r;
      r.id = s.i64(0);
      r.channel = s.text(1);
      r.target = s.text(2);
      r.webhookId = s.optI64(3);
      r.eventId = s.i64(4);
      r.topic = s.text(5);
      r.payload = s.text(6);
      r.status = s.text(7);
      r.attempts = int(s.i64(8));
      r.lastError = s.text(9);
      r.nextAttemptAt = s.text(10);
      r.createdAt = s.text(11);
      r.updatedAt = s.text(12);
      out.push_back(std::move(r));
    }
    return out;
  }
};

class SqliteTransaction final : public Transaction {
 public:
  explicit SqliteTransaction(SqliteConnection& c)
      : users_(c),
        sessions_(c),
        units_(c),
        catalog_(c),
        cases_(c),
        documents_(c),
        audit_(c),
        outbox_(c),
        idempotency_(c),
        appointments_(c),
        videoSessions_(c),
        consultations_(c),
        faq_(c),
        notifications_(c) {}
  UserRepository& users() override { return users_; }
  SessionRepository& sessions() override { return sessions_; }
  UnitRepository& units() override { return units_; }
  CatalogRepository& catalog() override { return catalog_; }
  CaseRepository& cases() override { return cases_; }
  DocumentRepository& documents() override { return documents_; }
  AuditRepository& audit() override { return audit_; }
  OutboxRepository& outbox() override { return outbox_; }
  IdempotencyRepository& idempotency() override { return idempotency_; }
  AppointmentRepository& appointments() override { return appointments_; }
  VideoSessionRepository& videoSessions() override { return videoSessions_; }
  ConsultationRepository& consultations() override { return consultations_; }
  FaqRepository& faq() override { return faq_; }
  NotificationRepository& notifications() override { return notifications_; }

 private:
  SqliteUsers users_;
  SqliteSessions sessions_;
  SqliteUnits units_;
  SqliteCatalog catalog_;
  SqliteCases cases_;
  SqliteDocuments documents_;
  SqliteAudit audit_;
  SqliteOutbox outbox_;
  SqliteIdempotency idempotency_;
  SqliteAppointments appointments_;
  SqliteVideoSessions videoSessions_;
  SqliteConsultations consultations_;
  SqliteFaq faq_;
  SqliteNotifications notifications_;
};

}  // namespace

std::unique_ptr<Transaction> MakeSqliteTransaction(SqliteConnection& conn) {
  return std::make_unique<SqliteTransaction>(conn);
}

}  // namespace tongban::db
