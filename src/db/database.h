#pragma once
// Storage, as domain code sees it: Database runs transactions, and a Transaction hands out one
// repository per kind of record. The rows and repository interfaces live in one header per
// module (db/<module>_store.h) so that a backend can be written and reviewed module by module.
// db/sqlite implements every interface today (one file per module); there is no PostgreSQL
// backend yet. Every method returns a non-OK Status on error.

#include <functional>
#include <memory>

#include "common/status.h"
#include "db/accounts_store.h"
#include "db/audit_store.h"
#include "db/cases_store.h"
#include "db/catalog_store.h"
#include "db/consult_store.h"
#include "db/delivery_store.h"
#include "db/identity_store.h"
#include "db/mandates_store.h"
#include "db/notify_store.h"
#include "db/payments_store.h"
#include "db/persons_store.h"
#include "db/priority_store.h"
#include "db/results_store.h"

namespace tongban::db {

//! One unit of work. Repositories reached through it see and change the same snapshot.
class Transaction {
 public:
  virtual ~Transaction() = default;
  virtual UserRepository& users() = 0;
  virtual SessionRepository& sessions() = 0;
  virtual UnitRepository& units() = 0;
  virtual CatalogRepository& catalog() = 0;
  virtual CaseRepository& cases() = 0;
  virtual DocumentRepository& documents() = 0;
  virtual AuditRepository& audit() = 0;
  virtual OutboxRepository& outbox() = 0;
  virtual IdempotencyRepository& idempotency() = 0;
  virtual AppointmentRepository& appointments() = 0;
  virtual VideoSessionRepository& videoSessions() = 0;
  virtual ConsultationRepository& consultations() = 0;
  virtual FaqRepository& faq() = 0;
  virtual NotificationRepository& notifications() = 0;
  virtual CertificateRepository& certificates() = 0;
  virtual PaymentRepository& payments() = 0;
  virtual CaseDeliveryRepository& deliveries() = 0;
  virtual PersonRepository& persons() = 0;
  virtual AssistConsentRepository& assistConsents() = 0;
  virtual MandateRepository& mandates() = 0;
  virtual GreenChannelRepository& greenChannel() = 0;
  virtual DifficultCaseRepository& difficultCases() = 0;
};

using TxFn = std::function<Status(Transaction&)>;

class Database {
 public:
  virtual ~Database() = default;
  //! Runs `fn` in a write transaction and returns once it is durable (or failed). If `fn`
  //! returns non-OK, none of its writes persist. Concurrent calls may share one commit.
  //! Blocks the calling thread: never call it on an I/O thread.
  virtual Status write(TxFn fn) = 0;
  //! Runs `fn` on a consistent read-only snapshot. Blocks like write().
  virtual Status read(TxFn fn) = 0;
  //! Whether the database answers a trivial read (for /healthz).
  Status ping() {
    return read([](Transaction& tx) { return tx.cases().count().status(); });
  }
  //! Stops accepting work, finishes what is queued, closes connections.
  virtual void close() = 0;
};

//! Observes the size of each group commit (number of transactions sharing one fsync).
using CommitObserver = std::function<void(size_t batchSize)>;

}  // namespace tongban::db
