#include "db/sqlite/sqlite_transaction.h"

#include "db/sqlite/sqlite_repo.h"

namespace tongban::db {

namespace {

//! Makes each repository the first time the transaction hands it out; a transaction is used by
//! one thread at a time (the writer, or the thread holding a reader connection).
class SqliteTransaction final : public Transaction {
 public:
  explicit SqliteTransaction(SqliteConnection& c) : conn_(c) {}
  UserRepository& users() override { return get(users_, MakeSqliteUsers); }
  SessionRepository& sessions() override { return get(sessions_, MakeSqliteSessions); }
  UnitRepository& units() override { return get(units_, MakeSqliteUnits); }
  CatalogRepository& catalog() override { return get(catalog_, MakeSqliteCatalog); }
  CaseRepository& cases() override { return get(cases_, MakeSqliteCases); }
  DocumentRepository& documents() override { return get(documents_, MakeSqliteDocuments); }
  AuditRepository& audit() override { return get(audit_, MakeSqliteAudit); }
  OutboxRepository& outbox() override { return get(outbox_, MakeSqliteOutbox); }
  IdempotencyRepository& idempotency() override { return get(idempotency_, MakeSqliteIdempotency); }
  AppointmentRepository& appointments() override {
    return get(appointments_, MakeSqliteAppointments);
  }
  VideoSessionRepository& videoSessions() override {
    return get(videoSessions_, MakeSqliteVideoSessions);
  }
  ConsultationRepository& consultations() override {
    return get(consultations_, MakeSqliteConsultations);
  }
  FaqRepository& faq() override { return get(faq_, MakeSqliteFaq); }
  NotificationRepository& notifications() override {
    return get(notifications_, MakeSqliteNotifications);
  }
  CertificateRepository& certificates() override {
    return get(certificates_, MakeSqliteCertificates);
  }
  PaymentRepository& payments() override { return get(payments_, MakeSqlitePayments); }
  CaseDeliveryRepository& deliveries() override { return get(deliveries_, MakeSqliteDeliveries); }
  PersonRepository& persons() override { return get(persons_, MakeSqlitePersons); }
  AssistConsentRepository& assistConsents() override {
    return get(assistConsents_, MakeSqliteAssistConsents);
  }
  MandateRepository& mandates() override { return get(mandates_, MakeSqliteMandates); }
  GreenChannelRepository& greenChannel() override {
    return get(greenChannel_, MakeSqliteGreenChannel);
  }
  DifficultCaseRepository& difficultCases() override {
    return get(difficultCases_, MakeSqliteDifficultCases);
  }

 private:
  template <typename R>
  R& get(std::unique_ptr<R>& repo, std::unique_ptr<R> (*make)(SqliteConnection&)) {
    if (!repo) repo = make(conn_);
    return *repo;
  }

  SqliteConnection& conn_;
  std::unique_ptr<UserRepository> users_;
  std::unique_ptr<SessionRepository> sessions_;
  std::unique_ptr<UnitRepository> units_;
  std::unique_ptr<CatalogRepository> catalog_;
  std::unique_ptr<CaseRepository> cases_;
  std::unique_ptr<DocumentRepository> documents_;
  std::unique_ptr<AuditRepository> audit_;
  std::unique_ptr<OutboxRepository> outbox_;
  std::unique_ptr<IdempotencyRepository> idempotency_;
  std::unique_ptr<AppointmentRepository> appointments_;
  std::unique_ptr<VideoSessionRepository> videoSessions_;
  std::unique_ptr<ConsultationRepository> consultations_;
  std::unique_ptr<FaqRepository> faq_;
  std::unique_ptr<NotificationRepository> notifications_;
  std::unique_ptr<CertificateRepository> certificates_;
  std::unique_ptr<PaymentRepository> payments_;
  std::unique_ptr<CaseDeliveryRepository> deliveries_;
  std::unique_ptr<PersonRepository> persons_;
  std::unique_ptr<AssistConsentRepository> assistConsents_;
  std::unique_ptr<MandateRepository> mandates_;
  std::unique_ptr<GreenChannelRepository> greenChannel_;
  std::unique_ptr<DifficultCaseRepository> difficultCases_;
};

}  // namespace

std::unique_ptr<Transaction> MakeSqliteTransaction(SqliteConnection& conn) {
  return std::make_unique<SqliteTransaction>(conn);
}

}  // namespace tongban::db
