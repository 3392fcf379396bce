#pragma once
// Cases that get special handling (priority/): green-channel requests for urgent matters, their
// escalations up the unit tree, and cases handed to the difficult-case team with the notes the
// team and the original unit share. Reached through db::Transaction (db/database.h). Every
// method returns a non-OK Status on error.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"

namespace tongban::db {

//! One request for expedited handling of a case. Kept for good (figures count them).
struct GreenChannelRow {
  int64_t id = 0;
  int64_t caseId = 0;
  int64_t requestedBy = 0;  // the applicant, or the liaison officer asking for them
  TimePoint requestedAt;
  std::string category;  // bereavement | medical | travel_booked | exam_or_enrolment | …
  std::string explanation;
  std::string evidenceJson = "[]";  // document ids on the case, a JSON array
  std::string status = "pending";   // pending | approved | refused | lapsed (the case was
                                    // decided before anyone answered)
  int64_t unitId = 0;               // the case's owning unit when asked
  int64_t levelUnitId = 0;          // whose supervisors must decide now
  int level = 0;                    // 0 the owning unit, 1 its parent, …
  TimePoint dueAt;                  // the decision is due by then, else it escalates
  std::optional<TimePoint> decidedAt;
  std::optional<int64_t> decidedBy;
  int decidedLevel = 0;
  std::string decisionReason;
  std::optional<Date> expeditedDeadline;  // approved: the case's deadline is at most this
};

struct GreenChannelEscalationRow {
  int64_t id = 0;
  int64_t requestId = 0;
  TimePoint at;
  int64_t fromUnitId = 0, toUnitId = 0;
  int level = 0;  // the new level
};

class GreenChannelRepository {
 public:
  virtual ~GreenChannelRepository() = default;
  virtual Result<int64_t> insert(const GreenChannelRow& r) = 0;
  virtual Result<GreenChannelRow> byId(int64_t id) = 0;
  //! A case's requests, oldest first.
  virtual Result<std::vector<GreenChannelRow>> byCase(int64_t caseId) = 0;
  //! Pending requests whose current level is one of `unitIds`, due first.
  virtual Result<std::vector<GreenChannelRow>> pendingAt(const std::vector<int64_t>& unitIds) = 0;
  //! Pending requests due at or before `now`.
  virtual Result<std::vector<GreenChannelRow>> overdue(TimePoint now) = 0;
  //! Writes status, level, due time and the decision fields.
  virtual Status update(const GreenChannelRow& r) = 0;
  virtual Status insertEscalation(const GreenChannelEscalationRow& e) = 0;
  virtual Result<std::vector<GreenChannelEscalationRow>> escalations(int64_t requestId) = 0;
};

//! A case handed to the difficult-case team.
struct DifficultCaseRow {
  int64_t id = 0;
  int64_t caseId = 0;
  int64_t teamUnitId = 0;
  int64_t fromUnitId = 0;  // the unit that handed it over (the case's owner)
  std::string reason;      // internal: never shown to the applicant
  int64_t handedBy = 0;
  TimePoint handedAt;
  std::optional<Date> due;
};

//! A note on a case shared by the difficult-case team and the case's own unit.
struct CaseNoteRow {
  int64_t id = 0;
  int64_t caseId = 0;
  int64_t authorId = 0;
  TimePoint at;
  std::string body;
};

class DifficultCaseRepository {
 public:
  virtual ~DifficultCaseRepository() = default;
  virtual Result<int64_t> insert(const DifficultCaseRow& r) = 0;
  //! NotFound when the case was never handed over.
  virtual Result<DifficultCaseRow> byCase(int64_t caseId) = 0;
  //! The team's cases, due first.
  virtual Result<std::vector<DifficultCaseRow>> byTeam(int64_t teamUnitId) = 0;
  virtual Result<int64_t> insertNote(const CaseNoteRow& n) = 0;
  //! Oldest first.
  virtual Result<std::vector<CaseNoteRow>> notes(int64_t caseId) = 0;
};

}  // namespace tongban::db
