#pragma once
// Internal to db/sqlite: what the repository files (one per module, sqlite_<module>.cc) share.
// Each file defines its repositories in an unnamed namespace and exports one factory per
// repository, declared here; sqlite_transaction.cc puts them together.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/json.h"
#include "db/database.h"
#include "db/sqlite/statement.h"

namespace tongban::db {

//! Declares `Stmt& var` for the cached statement `sql` on `conn_`, returning the error from the
//! enclosing function if preparing fails. `sql` must be a literal: the connection caches by
//! address.
#define PREPARE(var, sql)                     \
  auto var##_r = conn_.prepare(sql);          \
  if (!var##_r.ok()) return var##_r.status(); \
  Stmt& var = *var##_r

//! Base of every SQLite repository: the connection of the transaction it belongs to.
class Repo {
 public:
  explicit Repo(SqliteConnection& c) : conn_(c) {}

 protected:
  SqliteConnection& conn_;
};

//! TextTranslations as stored in the `translations` columns (migration 6).
inline std::string TranslationsJson(const TextTranslations& t) {
  json::object o;
  for (const auto& [field, langs] : t) {
    json::object l;
    for (const auto& [lang, text] : langs) l[lang] = text;
    o[field] = std::move(l);
  }
  return json::serialize(o);
}

inline TextTranslations ParseTranslations(const std::string& s) {
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

//! `ids` as a JSON array ("[1,2,3]"), for `json_each(?)`.
inline std::string IdArray(const std::vector<int64_t>& ids) {
  std::string arr = "[";
  for (size_t i = 0; i < ids.size(); ++i) arr += (i ? "," : "") + std::to_string(ids[i]);
  return arr + "]";
}

// sqlite_accounts.cc
std::unique_ptr<UserRepository> MakeSqliteUsers(SqliteConnection& conn);
std::unique_ptr<SessionRepository> MakeSqliteSessions(SqliteConnection& conn);
// sqlite_catalog.cc
std::unique_ptr<UnitRepository> MakeSqliteUnits(SqliteConnection& conn);
std::unique_ptr<CatalogRepository> MakeSqliteCatalog(SqliteConnection& conn);
// sqlite_cases.cc
std::unique_ptr<CaseRepository> MakeSqliteCases(SqliteConnection& conn);
std::unique_ptr<DocumentRepository> MakeSqliteDocuments(SqliteConnection& conn);
std::unique_ptr<IdempotencyRepository> MakeSqliteIdempotency(SqliteConnection& conn);
// sqlite_identity.cc
std::unique_ptr<AppointmentRepository> MakeSqliteAppointments(SqliteConnection& conn);
std::unique_ptr<VideoSessionRepository> MakeSqliteVideoSessions(SqliteConnection& conn);
// sqlite_consult.cc
std::unique_ptr<ConsultationRepository> MakeSqliteConsultations(SqliteConnection& conn);
std::unique_ptr<FaqRepository> MakeSqliteFaq(SqliteConnection& conn);
// sqlite_notify.cc
std::unique_ptr<OutboxRepository> MakeSqliteOutbox(SqliteConnection& conn);
std::unique_ptr<NotificationRepository> MakeSqliteNotifications(SqliteConnection& conn);
// sqlite_mandates.cc
std::unique_ptr<MandateRepository> MakeSqliteMandates(SqliteConnection& conn);
// sqlite_payments.cc
std::unique_ptr<PaymentRepository> MakeSqlitePayments(SqliteConnection& conn);
// sqlite_persons.cc
std::unique_ptr<PersonRepository> MakeSqlitePersons(SqliteConnection& conn);
std::unique_ptr<AssistConsentRepository> MakeSqliteAssistConsents(SqliteConnection& conn);
// sqlite_delivery.cc
std::unique_ptr<CaseDeliveryRepository> MakeSqliteDeliveries(SqliteConnection& conn);
// sqlite_priority.cc
std::unique_ptr<GreenChannelRepository> MakeSqliteGreenChannel(SqliteConnection& conn);
std::unique_ptr<DifficultCaseRepository> MakeSqliteDifficultCases(SqliteConnection& conn);
// sqlite_audit.cc
std::unique_ptr<AuditRepository> MakeSqliteAudit(SqliteConnection& conn);
// sqlite_results.cc
std::unique_ptr<CertificateRepository> MakeSqliteCertificates(SqliteConnection& conn);

}  // namespace tongban::db
