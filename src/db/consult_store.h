#pragma once
// Consultations: questions and their messages, canned answers, staff on duty, the FAQ.
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
#include "db/records.h"

namespace tongban::db {

struct ConsultationRow {
  int64_t id = 0;
  int64_t applicantId = 0;
  std::string topic;
  std::optional<std::string> itemCode;
  int64_t unitId = 0;
  std::optional<int64_t> assigneeId;
  std::string status = "open";  // open | answered | closed
  TimePoint createdAt, updatedAt;
  TimePoint firstResponseDue;
  std::optional<TimePoint> firstResponseAt;
  TimePoint resolutionDue;
  std::optional<TimePoint> closedAt;
  std::optional<int> rating;
  std::string ratingComment;
  int64_t version = 1;
};

struct MessageRow {
  int64_t id = 0;
  int64_t consultationId = 0;
  TimePoint at;
  int64_t authorId = 0;
  std::string authorRole;
  std::string body;
  std::optional<int64_t> documentId;
};

struct CannedRow {
  std::string code, titleZh, titleEn, bodyZh, bodyEn;
  TextTranslations translations;  // "title", "body"
};

struct FaqRow {
  std::string code;
  std::optional<std::string> itemCode, category;
  std::string titleZh, titleEn, bodyZh, bodyEn;
  double rank = 0;                // filled by search
  TextTranslations translations;  // "title", "body"
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
  virtual Status setDuty(int64_t userId, bool onDuty, TimePoint since) = 0;
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

}  // namespace tongban::db
