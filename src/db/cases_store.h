#pragma once
// Cases: the case, its history and rating, its documents, and the answers kept for
// idempotent requests.
// Rows are plain data as the repositories hand them to domain code; timestamps are
// TimePoint (UTC) and calendar dates Date (common/clock.h); the store converts them to its
// own column types. Every method returns a
// non-OK Status on error. Reached through db::Transaction (db/database.h).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"

namespace tongban::db {

struct CaseRow {
  int64_t id = 0;
  std::string caseNo;
  std::string itemCode;
  std::string workflow;
  int64_t applicantId = 0;
  int64_t submittedById = 0;
  int64_t unitId = 0;
  std::string state;
  //! normal | care (either chosen by the applicant) | urgent (set by staff, with a reason in the
  //! history; staff may also set the other two). Queues list urgent, then care, then normal.
  std::string priority = "normal";
  std::string formJson = "{}";
  std::optional<int64_t> assigneeId;
  TimePoint createdAt, updatedAt;
  std::optional<TimePoint> submittedAt, acceptedAt;
  std::optional<Date> deadline;       // legal time limit, a date in the unit's calendar
  std::optional<Date> pausedSince;    // date the clock stopped for the applicant
  std::optional<Date> supplementDue;  // material-submission window end
  std::string decidedRule;            // which rule decided an instant/auto item
  std::string decisionNote;
  int64_t version = 0;
};

struct HistoryRow {
  int64_t id = 0;
  int64_t caseId = 0;
  TimePoint at;
  std::string fromState, toState, action;
  std::optional<int64_t> actorId;
  std::string actorRole;
  std::optional<int64_t> unitId;
  std::string note;
  std::optional<int64_t> mandateId;  // the step was taken by a grantee under this mandate
};

struct RatingRow {
  int64_t caseId = 0;
  int64_t applicantId = 0;
  int score = 0;  // 1..5
  std::string comment;
  TimePoint createdAt;
};

struct QueueFilter {
  std::vector<int64_t> unitIds;  // empty: every unit
  std::optional<std::string> state;
  std::vector<std::string> activeStates;  // used when state is not given
  bool overdueOnly = false;
  Date today{};  // for the overdue test
  std::optional<std::string> priority;
  //! Words to find (already lower-case): matched against the case number, the applicant's name
  //! and e-mail, and the form's text; `itemCodes` are items whose names match in any language.
  std::optional<std::string> text;
  std::vector<std::string> itemCodes;
  //! nullopt: anyone; 0: nobody assigned yet; otherwise that user's cases.
  std::optional<int64_t> assigneeId;
  enum class Sort { kDeadline, kOldest, kNewest, kUpdated };
  Sort sort = Sort::kDeadline;
  int limit = 50;
  int offset = 0;
};

struct DocumentRow {
  int64_t id = 0;
  int64_t ownerId = 0;
  std::optional<int64_t> caseId;
  std::string docType;
  std::string sha256;
  int64_t size = 0;
  std::string mime;
  std::string filename;
  TimePoint createdAt;
  int64_t uploadedBy = 0;
};

struct IdempotencyRow {
  int64_t userId = 0;
  std::string key;
  std::string requestHash;
  int status = 0;
  std::string body;
  TimePoint createdAt;
};

class CaseRepository {
 public:
  virtual ~CaseRepository() = default;
  virtual Result<int64_t> insert(const CaseRow& row) = 0;
  virtual Result<CaseRow> byId(int64_t id) = 0;
  //! By its case number ("TB-2026-7K3M9Q2X"), exactly as stored.
  virtual Result<CaseRow> byCaseNo(const std::string& caseNo) = 0;
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

class IdempotencyRepository {
 public:
  virtual ~IdempotencyRepository() = default;
  virtual Result<IdempotencyRow> get(int64_t userId, const std::string& key) = 0;
  virtual Status put(const IdempotencyRow& row) = 0;
};

}  // namespace tongban::db
