#pragma once
// Storage interfaces. Domain code sees only these; db/sqlite implements them today and a
// PostgreSQL backend implements the same later. Every method returns a non-OK Status on error.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "db/records.h"

namespace tongban::db {

class UserRepository {
 public:
  virtual ~UserRepository() = default;
  //! Conflict if the e-mail is taken.
  virtual Result<int64_t> insert(const UserRow& row) = 0;
  virtual Result<UserRow> byId(int64_t id) = 0;
  virtual Result<UserRow> byEmail(const std::string& email) = 0;
  virtual Status update(const UserRow& row) = 0;
  //! Erases what the owner of account `userId` may have deleted, keeping submitted cases and
  //! the audit trail: deletes draft cases (history, documents), documents attached to no
  //! submitted case (profile photos), consultations (messages, attachments), notifications,
  //! notification preferences, idempotency answers and every session; cancels booked
  //! appointments; erases pending and logged e-mails to `email` and message texts in outbox
  //! events and webhook deliveries. The user row itself is left to the caller.
  virtual Result<ErasureResult> erasePersonalData(int64_t userId, const std::string& email,
                                                  const std::string& now) = 0;
};

class SessionRepository {
 public:
  virtual ~SessionRepository() = default;
  virtual Status insert(const SessionRow& row) = 0;
  virtual Result<SessionRow> byTokenHash(const std::string& tokenHash) = 0;
  virtual Status remove(const std::string& tokenHash) = 0;
  virtual Status removeExpired(const std::string& now) = 0;
  //! Ends every session of `userId` except `keepTokenHash`; returns how many ended.
  virtual Result<int64_t> removeForUser(int64_t userId, const std::string& keepTokenHash) = 0;
};

class UnitRepository {
 public:
  virtual ~UnitRepository() = default;
  //! Inserts or updates by code; returns the id.
  virtual Result<int64_t> upsert(const UnitRow& row) = 0;
  virtual Result<std::vector<UnitRow>> all() = 0;
};

class CatalogRepository {
 public:
  virtual ~CatalogRepository() = default;
  virtual Status upsertCategory(const CategoryRow& row) = 0;
  virtual Status upsertItem(const ItemRow& row) = 0;
  virtual Status upsertWorkflow(const WorkflowRow& row) = 0;
  virtual Status upsertHoliday(const HolidayRow& row) = 0;
  virtual Result<std::vector<CategoryRow>> categories() = 0;
  virtual Result<std::vector<ItemRow>> items() = 0;
  virtual Result<std::vector<WorkflowRow>> workflows() = 0;
  virtual Result<std::vector<HolidayRow>> holidays() = 0;
};

class CaseRepository {
 public:
  virtual ~CaseRepository() = default;
  virtual Result<int64_t> insert(const CaseRow& row) = 0;
  virtual Result<CaseRow> byId(int64_t id) = 0;
  //! Writes `row` if the stored version is row.version - 1; Conflict otherwise.
  virtual Status update(const CaseRow& row) = 0;
  virtual Result<std::vector<CaseRow>> byApplicant(int64_t applicantId, int limit) = 0;
  virtual Result<std::vector<CaseRow>> queue(const QueueFilter& filter) = 0;
  virtual Result<int64_t> count() = 0;
  virtual Status appendHistory(const HistoryRow& row) = 0;
  virtual Result<std::vector<HistoryRow>> history(int64_t caseId) = 0;
  //! Conflict if the case was already rated.
  virtual Status insertRating(const RatingRow& row) = 0;
  virtual Result<RatingRow> rating(int64_t caseId) = 0;
};

class DocumentRepository {
 public:
  virtual ~DocumentRepository() = default;
  virtual Result<int64_t> insert(const DocumentRow& row) = 0;
  virtual Result<DocumentRow> byId(int64_t id) = 0;
  virtual Result<std::vector<DocumentRow>> byCase(int64_t caseId) = 0;
  //! Whether any document still points at the blob `sha256`.
  virtual Result<bool> blobInUse(const std::string& sha256) = 0;
  //! Attaches a stored document to a consultation.
  virtual Status setConsultation(int64_t documentId, int64_t consultationId) = 0;
  //! The consultation a document belongs to, if any.
  virtual Result<std::optional<int64_t>> consultationOf(int64_t documentId) = 0;
};

class AuditRepository {
 public:
  virtual ~AuditRepository() = default;
  virtual Status append(const AuditRow& row) = 0;
  //! Events that touched `userId`'s personal data, newest first.
  virtual Result<std::vector<AuditRow>> bySubject(int64_t userId, int limit) = 0;
  //! The same, leaving out what `userId` did themselves.
  virtual Result<std::vector<AuditRow>> bySubjectFromOthers(int64_t userId, int limit) = 0;
};

class OutboxRepository {
 public:
  virtual ~OutboxRepository() = default;
  virtual Status append(const OutboxRow& row) = 0;
  virtual Result<std::vector<OutboxRow>> pending(int limit) = 0;
  virtual Status markDelivered(const std::vector<int64_t>& ids, const std::string& at) = 0;
};

class IdempotencyRepository {
 public:
  virtual ~IdempotencyRepository() = default;
  virtual Result<IdempotencyRow> get(int64_t userId, const std::string& key) = 0;
  virtual Status put(const IdempotencyRow& row) = 0;
};

class AppointmentRepository {
 public:
  virtual ~AppointmentRepository() = default;
  virtual Result<int64_t> insertSlot(const SlotRow& row) = 0;
  virtual Result<SlotRow> slotById(int64_t id) = 0;
  //! Slots starting in [from, to), of the given units (all when empty) and kind (any when empty).
  virtual Result<std::vector<SlotRow>> slots(const std::vector<int64_t>& unitIds,
                                             const std::string& kind, const std::string& from,
                                             const std::string& to, bool freeOnly) = 0;
  //! Conflict if the slot already has a booking.
  virtual Result<int64_t> insert(const AppointmentRow& row) = 0;
  virtual Result<AppointmentRow> byId(int64_t id) = 0;
  virtual Status update(const AppointmentRow& row) = 0;
  virtual Result<std::vector<AppointmentRow>> byApplicant(int64_t applicantId) = 0;
  //! Booked appointments whose slot belongs to one of `unitIds`, starting at or after `from`.
  virtual Result<std::vector<AppointmentRow>> forUnits(const std::vector<int64_t>& unitIds,
                                                       const std::string& from) = 0;
  //! Booked appointments starting before `before` that have had no reminder yet.
  virtual Result<std::vector<AppointmentRow>> dueReminders(const std::string& before) = 0;
};

class VideoSessionRepository {
 public:
  virtual ~VideoSessionRepository() = default;
  virtual Result<int64_t> insert(const VideoSessionRow& row) = 0;
  virtual Result<VideoSessionRow> byId(int64_t id) = 0;
  virtual Result<VideoSessionRow> byAppointment(int64_t appointmentId) = 0;
  //! Optimistic on version, like cases.
  virtual Status update(const VideoSessionRow& row) = 0;
  virtual Status appendEvent(const SessionEventRow& row) = 0;
  virtual Result<std::vector<SessionEventRow>> events(int64_t sessionId) = 0;
};

class ConsultationRepository {
 public:
  virtual ~ConsultationRepository() = default;
  virtual Result<int64_t> insert(const ConsultationRow& row) = 0;
  virtual Result<ConsultationRow> byId(int64_t id) = 0;
  //! Optimistic on version.
  virtual Status update(const ConsultationRow& row) = 0;
  virtual Result<std::vector<ConsultationRow>> byApplicant(int64_t applicantId) = 0;
  //! Not closed; of `unitIds` (all when empty) or assigned to `assigneeId`.
  virtual Result<std::vector<ConsultationRow>> open(const std::vector<int64_t>& unitIds,
                                                    std::optional<int64_t> assigneeId) = 0;
  virtual Result<int64_t> openCount(int64_t assigneeId) = 0;
  virtual Result<int64_t> addMessage(const MessageRow& row) = 0;
  virtual Result<std::vector<MessageRow>> messages(int64_t consultationId) = 0;
  virtual Status upsertCanned(const CannedRow& row) = 0;
  virtual Result<std::vector<CannedRow>> canned() = 0;
  virtual Status setDuty(int64_t userId, bool onDuty, const std::string& since) = 0;
  //! Users on duty now, longest on duty first.
  virtual Result<std::vector<int64_t>> onDuty() = 0;
  virtual Result<bool> isOnDuty(int64_t userId) = 0;
};

class FaqRepository {
 public:
  virtual ~FaqRepository() = default;
  //! Inserts or replaces the article and its full-text entry.
  virtual Status upsert(const FaqRow& row, const std::string& indexTitle,
                        const std::string& indexBody) = 0;
  //! `match` is an FTS5 query; best first.
  virtual Result<std::vector<FaqRow>> search(const std::string& match, int limit) = 0;
  virtual Result<std::vector<FaqRow>> byItem(const std::string& itemCode) = 0;
};

class NotificationRepository {
 public:
  virtual ~NotificationRepository() = default;
  virtual Result<int64_t> insert(const NotificationRow& row) = 0;
  virtual Result<std::vector<NotificationRow>> byUser(int64_t userId, int limit) = 0;
  virtual Status markRead(int64_t userId, int64_t id, const std::string& at) = 0;
  virtual Result<int64_t> unread(int64_t userId) = 0;
  //! The person's e-mail choices; all on when they never chose.
  virtual Result<NotificationPrefsRow> preferences(int64_t userId) = 0;
  virtual Status setPreferences(const NotificationPrefsRow& row) = 0;
  virtual Result<int64_t> insertWebhook(const WebhookRow& row) = 0;
  virtual Result<std::vector<WebhookRow>> webhooks() = 0;
  virtual Result<int64_t> insertDelivery(const DeliveryRow& row) = 0;
  virtual Status updateDelivery(const DeliveryRow& row) = 0;
  //! Pending deliveries whose next attempt is due at `now`.
  virtual Result<std::vector<DeliveryRow>> dueDeliveries(const std::string& now, int limit) = 0;
  virtual Result<std::vector<DeliveryRow>> deliveries(std::optional<int64_t> webhookId,
                                                      int limit) = 0;
};

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
  //! Stops accepting work, finishes what is queued, closes connections.
  virtual void close() = 0;
};

//! Observes the size of each group commit (number of transactions sharing one fsync).
using CommitObserver = std::function<void(size_t batchSize)>;

}  // namespace tongban::db
