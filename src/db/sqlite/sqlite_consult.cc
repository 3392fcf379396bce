// SQLite repositories of consultations (messages, canned answers, duty) and the FAQ
// (db/consult_store.h).

#include "db/sqlite/sqlite_repo.h"

namespace tongban::db {

namespace {

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
      out.push_back({s.i64(0), s.i64(1), s.time(2), s.i64(3), s.text(4), s.text(5), s.optI64(6)});
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
  Status setDuty(int64_t userId, bool onDuty, TimePoint since) override {
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
    r.createdAt = s.time(7);
    r.updatedAt = s.time(8);
    r.firstResponseDue = s.time(9);
    r.firstResponseAt = s.optTime(10);
    r.resolutionDue = s.time(11);
    r.closedAt = s.optTime(12);
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

}  // namespace

std::unique_ptr<ConsultationRepository> MakeSqliteConsultations(SqliteConnection& conn) {
  return std::make_unique<SqliteConsultations>(conn);
}

std::unique_ptr<FaqRepository> MakeSqliteFaq(SqliteConnection& conn) {
  return std::make_unique<SqliteFaq>(conn);
}

}  // namespace tongban::db
