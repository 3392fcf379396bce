// SQLite repository of verified persons without an account, their links to accounts, and the
// consents people give at a desk (db/persons_store.h).

#include "db/sqlite/sqlite_repo.h"

namespace tongban::db {

namespace {

#define PERSON_COLS                                                                            \
  "id, name, name_latin, id_number, birth_date, phone, verified_at, verified_by, session_id, " \
  "present, created_at"

PersonRow ReadPerson(const Stmt& s, int o = 0) {
  PersonRow p;
  p.id = s.i64(o + 0);
  p.name = s.text(o + 1);
  p.nameLatin = s.text(o + 2);
  p.idNumber = s.text(o + 3);
  p.birthDate = s.text(o + 4);
  p.phone = s.text(o + 5);
  p.verifiedAt = s.time(o + 6);
  p.verifiedBy = s.i64(o + 7);
  p.sessionId = s.optI64(o + 8);
  p.presentJson = s.text(o + 9);
  p.createdAt = s.time(o + 10);
  return p;
}

class SqlitePersons final : public PersonRepository, Repo {
 public:
  using Repo::Repo;
  Result<int64_t> upsert(const PersonRow& p) override {
    PREPARE(s, "INSERT INTO persons (" PERSON_COLS
               ") VALUES (NULL,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (id_number) DO UPDATE SET "
               "name = excluded.name, name_latin = excluded.name_latin, "
               "birth_date = excluded.birth_date, phone = excluded.phone, "
               "verified_at = excluded.verified_at, verified_by = excluded.verified_by, "
               "session_id = excluded.session_id, present = excluded.present RETURNING id");
    s.bind(1, p.name).bind(2, p.nameLatin).bind(3, p.idNumber).bind(4, p.birthDate);
    s.bind(5, p.phone).bind(6, p.verifiedAt).bind(7, p.verifiedBy).bind(8, p.sessionId);
    s.bind(9, p.presentJson).bind(10, p.createdAt);
    TB_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) return Status::Internal("person upsert did not answer");
    int64_t id = s.i64(0);
    TB_ASSIGN_OR_RETURN(bool more, s.step());  // finish the statement
    (void)more;
    return id;
  }
  Result<PersonRow> byId(int64_t id) override {
    PREPARE(s, "SELECT " PERSON_COLS " FROM persons WHERE id = ?");
    s.bind(1, id);
    TB_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) return Status::NotFound("person not found");
    return ReadPerson(s);
  }
  Status link(const PersonLinkRow& l) override {
    PREPARE(s,
            "INSERT INTO person_links (user_id, person_id, relationship, since) VALUES (?,?,?,?) "
            "ON CONFLICT (user_id, person_id) DO UPDATE SET relationship = excluded.relationship");
    s.bind(1, l.userId).bind(2, l.personId).bind(3, l.relationship).bind(4, l.since);
    return s.run();
  }
  Result<PersonLinkRow> linkOf(int64_t userId, int64_t personId) override {
    PREPARE(s,
            "SELECT user_id, person_id, relationship, since FROM person_links "
            "WHERE user_id = ? AND person_id = ?");
    s.bind(1, userId).bind(2, personId);
    TB_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) return Status::NotFound("person not found");
    return PersonLinkRow{s.i64(0), s.i64(1), s.text(2), s.time(3)};
  }
  Result<std::vector<std::pair<PersonRow, PersonLinkRow>>> linkedTo(int64_t userId) override {
    PREPARE(s,
            "SELECT p.id, p.name, p.name_latin, p.id_number, p.birth_date, p.phone, "
            "p.verified_at, p.verified_by, p.session_id, p.present, p.created_at, "
            "l.user_id, l.person_id, l.relationship, l.since "
            "FROM person_links l JOIN persons p ON p.id = l.person_id "
            "WHERE l.user_id = ? ORDER BY p.name, p.id");
    s.bind(1, userId);
    std::vector<std::pair<PersonRow, PersonLinkRow>> out;
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool row, s.step());
      if (!row) break;
      out.emplace_back(ReadPerson(s), PersonLinkRow{s.i64(11), s.i64(12), s.text(13), s.time(14)});
    }
    return out;
  }
  Result<std::optional<int64_t>> personOfCase(int64_t caseId) override {
    PREPARE(s, "SELECT person_id FROM case_persons WHERE case_id = ?");
    s.bind(1, caseId);
    TB_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) return std::optional<int64_t>();
    return std::optional<int64_t>(s.i64(0));
  }
  Status setPersonOfCase(int64_t caseId, int64_t personId) override {
    PREPARE(s, "INSERT INTO case_persons (case_id, person_id) VALUES (?, ?)");
    s.bind(1, caseId).bind(2, personId);
    return s.run();
  }
};

#define CONSENT_COLS                                                                           \
  "id, applicant_id, officer_id, unit_id, item_code, method, code_salt, code_hash, failures, " \
  "status, created_at, expires_at, confirmed_at, case_id"

AssistConsentRow ReadConsent(const Stmt& s) {
  AssistConsentRow c;
  c.id = s.i64(0);
  c.applicantId = s.i64(1);
  c.officerId = s.i64(2);
  c.unitId = s.optI64(3);
  c.itemCode = s.text(4);
  c.method = s.text(5);
  c.codeSalt = s.text(6);
  c.codeHash = s.text(7);
  c.failures = static_cast<int>(s.i64(8));
  c.status = s.text(9);
  c.createdAt = s.time(10);
  c.expiresAt = s.time(11);
  c.confirmedAt = s.optTime(12);
  c.caseId = s.optI64(13);
  return c;
}

class SqliteAssistConsents final : public AssistConsentRepository, Repo {
 public:
  using Repo::Repo;
  Result<int64_t> insert(const AssistConsentRow& c) override {
    PREPARE(s, "INSERT INTO assist_consents (" CONSENT_COLS
               ") VALUES (NULL,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    s.bind(1, c.applicantId).bind(2, c.officerId).bind(3, c.unitId).bind(4, c.itemCode);
    s.bind(5, c.method).bind(6, c.codeSalt).bind(7, c.codeHash).bind(8, c.failures);
    s.bind(9, c.status).bind(10, c.createdAt).bind(11, c.expiresAt).bind(12, c.confirmedAt);
    s.bind(13, c.caseId);
    TB_RETURN_IF_ERROR(s.run());
    return conn_.lastInsertId();
  }
  Result<AssistConsentRow> byId(int64_t id) override {
    PREPARE(s, "SELECT " CONSENT_COLS " FROM assist_consents WHERE id = ?");
    s.bind(1, id);
    TB_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) return Status::NotFound("consent not found");
    return ReadConsent(s);
  }
  Status update(const AssistConsentRow& c) override {
    PREPARE(s,
            "UPDATE assist_consents SET code_hash = ?, failures = ?, status = ?, "
            "confirmed_at = ?, case_id = ? WHERE id = ?");
    s.bind(1, c.codeHash).bind(2, c.failures).bind(3, c.status).bind(4, c.confirmedAt);
    s.bind(5, c.caseId).bind(6, c.id);
    TB_RETURN_IF_ERROR(s.run());
    if (conn_.changes() == 0) return Status::NotFound("consent not found");
    return Status::Ok();
  }
  Result<std::optional<AssistConsentRow>> byCase(int64_t caseId) override {
    PREPARE(s, "SELECT " CONSENT_COLS " FROM assist_consents WHERE case_id = ?");
    s.bind(1, caseId);
    TB_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) return std::optional<AssistConsentRow>();
    return std::optional<AssistConsentRow>(ReadConsent(s));
  }
};

#undef PERSON_COLS
#undef CONSENT_COLS

}  // namespace

std::unique_ptr<PersonRepository> MakeSqlitePersons(SqliteConnection& conn) {
  return std::make_unique<SqlitePersons>(conn);
}
std::unique_ptr<AssistConsentRepository> MakeSqliteAssistConsents(SqliteConnection& conn) {
  return std::make_unique<SqliteAssistConsents>(conn);
}

}  // namespace tongban::db
