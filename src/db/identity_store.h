#pragma once
// Identity checks: appointment slots, bookings, supervised video sessions and their events.
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

struct SlotRow {
  int64_t id = 0;
  int64_t unitId = 0;
  int64_t officerId = 0;
  std::string kind;  // video | window
  TimePoint startsAt, endsAt;
  bool care = false;  // priority care window for elderly and disabled people
  TimePoint createdAt;
  bool booked = false;  // filled by queries, not stored
};

struct AppointmentRow {
  int64_t id = 0;
  int64_t slotId = 0;
  int64_t applicantId = 0;
  std::optional<int64_t> caseId;
  std::string purpose;  // identity | window
  std::string status;   // booked | cancelled | completed | void
  TimePoint createdAt, updatedAt;
  std::optional<TimePoint> reminderSentAt;
};

struct VideoSessionRow {
  int64_t id = 0;
  int64_t appointmentId = 0;
  int64_t applicantId = 0;
  int64_t officerId = 0;
  std::optional<int64_t> caseId;
  std::string subject = "self";  // self | proxy | authorisation | family
  std::string state = "open";    // open | live | void | approved | rejected
  std::string voidReason;
  bool recordingConsent = false;
  std::optional<TimePoint> consentAt;
  bool recording = false;
  int resolutionW = 0, resolutionH = 0;
  bool coercion = false;
  std::string checklistJson = "{}";
  std::string mrzJson = "{}";
  std::string outcomeNote;
  TimePoint createdAt, updatedAt;
  std::optional<TimePoint> liveSince, endedAt;
  int64_t version = 1;
  //! A "family" session: the person it verifies, who has no account (name, id_number,
  //! birth_date, phone, relationship to the account holder), then the person's id once approved.
  std::string personJson = "{}";
};

struct SessionEventRow {
  int64_t id = 0;
  int64_t sessionId = 0;
  TimePoint at;
  std::string kind;
  std::string actorRole;
  std::string detailJson = "{}";
};

class AppointmentRepository {
 public:
  virtual ~AppointmentRepository() = default;
  virtual Result<int64_t> insertSlot(const SlotRow& row) = 0;
  virtual Result<SlotRow> slotById(int64_t id) = 0;
  //! Slots starting in [from, to), of the given units (all when empty) and kind (any when empty).
  virtual Result<std::vector<SlotRow>> slots(const std::vector<int64_t>& unitIds,
                                             const std::string& kind, TimePoint from, TimePoint to,
                                             bool freeOnly) = 0;
  //! Conflict if the slot already has a booking.
  virtual Result<int64_t> insert(const AppointmentRow& row) = 0;
  virtual Result<AppointmentRow> byId(int64_t id) = 0;
  virtual Status update(const AppointmentRow& row) = 0;
  virtual Result<std::vector<AppointmentRow>> byApplicant(int64_t applicantId) = 0;
  //! Booked appointments whose slot belongs to one of `unitIds`, starting at or after `from`.
  virtual Result<std::vector<AppointmentRow>> forUnits(const std::vector<int64_t>& unitIds,
                                                       TimePoint from) = 0;
  //! Booked appointments starting before `before` that have had no reminder yet.
  virtual Result<std::vector<AppointmentRow>> dueReminders(TimePoint before) = 0;
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
  //! The power of attorney a session with subject authorisation/proxy checks (migration 13).
  virtual Status setMandate(int64_t sessionId, int64_t mandateId) = 0;
  virtual Result<std::optional<int64_t>> mandateOf(int64_t sessionId) = 0;
};

}  // namespace tongban::db
