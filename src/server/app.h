#pragma once
// Composition root: builds the database, services, router and HTTP server from a Config.
// Nothing else in the program knows how the parts are wired.

#include <memory>

#include "accounts/accounts.h"
#include "api/api.h"
#include "cases/case_service.h"
#include "certificates/keys.h"
#include "common/background_worker.h"
#include "common/clock.h"
#include "db/sqlite/sqlite_database.h"
#include "delivery/delivery_service.h"
#include "documents/document_service.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/server.h"
#include "notify/delivery_worker.h"
#include "notify/notification_center.h"
#include "results/result_service.h"
#include "server/config.h"
#include "server/delivery_hook.h"
#include "server/mandate_hook.h"
#include "server/outbox_relay.h"
#include "server/payment_hook.h"
#include "server/priority_hook.h"
#include "server/result_hook.h"

namespace tongban::server {

class App {
 public:
  //! Opens the database (which must be migrated and seeded), loads and checks reference data.
  static Result<std::unique_ptr<App>> Create(const Config& config, const Clock& clock);
  ~App();

  Status listen();
  unsigned short port() const { return http_->port(); }
  //! Serves until stop() or a signal; then drains and closes everything.
  void run(bool handleSignals);
  void stop();
  db::Database& database() { return *db_; }
  certificates::KeyRing& keyRing() { return *keys_; }
  //! Tests run the escalation sweep at the time they choose.
  priority::GreenChannelService& greenChannel() { return *greenChannel_; }
  const std::vector<http::Route>& routesForTest() const { return router_.routes(); }

 private:
  App() = default;
  Config config_;
  const Clock* clock_ = nullptr;
  http::Metrics metrics_;
  std::unique_ptr<db::SqliteDatabase> db_;
  std::unique_ptr<reference::ReferenceData> reference_;
  std::unique_ptr<blobs::BlobStore> blobs_;
  std::unique_ptr<accounts::AccountService> accounts_;
  std::unique_ptr<cases::CaseService> cases_;
  std::unique_ptr<documents::DocumentService> documents_;
  std::unique_ptr<identity::AppointmentService> appointments_;
  std::unique_ptr<identity::VideoService> video_;
  http::WsHub hub_;
  std::unique_ptr<consult::ConsultationService> consult_;
  std::unique_ptr<consult::FaqService> faq_;
  std::unique_ptr<notify::Inbox> inbox_;
  std::unique_ptr<notify::Webhooks> webhooks_;
  std::unique_ptr<accounts::AccessLog> accessLog_;
  std::unique_ptr<reference::UnitEditor> unitEditor_;
  // Opened at start-up; a rotation by `tongban keys rotate` while the server runs is seen at its
  // next start (until then it keeps signing with, and publishing, the keys it loaded).
  std::unique_ptr<certificates::KeyRing> keys_;
  std::unique_ptr<results::ResultService> results_;
  std::unique_ptr<ResultHook> resultHook_;
  // Fees: the counter provider, the service and its hook on the case engine's steps.
  payments::CounterPayments paymentProvider_;
  std::unique_ptr<payments::PaymentService> payments_;
  std::unique_ptr<identity::PersonService> persons_;
  std::unique_ptr<PaymentHook> paymentHook_;
  std::unique_ptr<delivery::DeliveryService> delivery_;
  std::unique_ptr<DeliveryHook> deliveryHook_;
  std::unique_ptr<mandates::MandateService> mandates_;
  std::unique_ptr<MandateHook> mandateHook_;
  // The green channel and the difficult-case team, and their hook on the case engine.
  std::unique_ptr<priority::GreenChannelService> greenChannel_;
  std::unique_ptr<priority::DifficultCaseService> difficult_;
  std::unique_ptr<PriorityHook> priorityHook_;
  std::unique_ptr<notify::NotificationCenter> notifications_;
  std::unique_ptr<notify::DeliveryWorker> deliveries_;
  BackgroundWorker reminders_;    // appointment reminders (run())
  BackgroundWorker escalations_;  // green-channel requests past their due time (run())
  std::unique_ptr<api::ApiDeps> deps_;
  http::Router router_;
  std::unique_ptr<http::HttpServer> http_;
  std::unique_ptr<OutboxRelay> relay_;
};

//! `tongban migrate`
Status Migrate(const Config& config);
//! `tongban seed --demo`: catalogue, units, workflows, holidays and demo accounts; prints log-ins.
Status SeedDemo(const Config& config, const Clock& clock, bool printLogins);
//! `tongban seed --synthetic N`: N submitted cases spread over synthetic applicants (benchmarks).
Status SeedSynthetic(const Config& config, const Clock& clock, int64_t n);
//! `tongban user add`
Status AddUser(const Config& config, const Clock& clock, const std::string& email,
               const std::string& password, const std::string& name, const std::string& role,
               const std::string& unitCode);

// Certificates (certificates_cli.cc).
//! `tongban keys rotate`: a new current key in the data directory's ring; prints its kid.
Status RotateKey(const Config& config, const Clock& clock);
//! `tongban keys list`: kid, created_at and which is current, oldest first.
Status ListKeys(const Config& config, const Clock& clock);
//! `tongban cert verify FILE.pdf [--keys FILE]`: checks a certificate PDF offline against the
//! data directory's key ring, or against a public key set file as /api/v1/keys publishes it.
//! Prints what it found; returns the exit code: 0 genuine, 1 not (or could not check).
int VerifyCertificateFile(const Config& config, const Clock& clock,
                          const std::filesystem::path& pdf, const std::string& keysSource);

}  // namespace tongban::server
