#pragma once
// Appointments: officers publish slots (video identity checks, window visits, care windows for
// elderly and disabled people); applicants book, reschedule and cancel. Times are stored in UTC;
// the web app shows them in the unit's zone to officers and in the applicant's own zone to
// applicants. The database makes double booking impossible (one live booking per slot).

#include <string>

#include "common/actor.h"
#include "common/clock.h"
#include "db/database.h"
#include "reference/reference.h"

namespace tongban::identity {

struct PublishRequest {
  std::optional<int64_t> unitId;  // default: the officer's unit
  std::string kind;               // video | window
  std::string startsAt;           // UTC timestamp of the first slot
  int durationMinutes = 20;
  int count = 1;  // consecutive slots
  bool care = false;
};

class AppointmentService {
 public:
  AppointmentService(db::Database& db, const Clock& clock, const reference::ReferenceData& ref);

  Result<json::array> publish(const Actor& actor, const PublishRequest& req);
  //! Free slots for applicants; staff also see booked ones of their units.
  Result<json::array> slots(const Actor& actor, std::optional<int64_t> unitId,
                            const std::string& kind, const std::string& from,
                            const std::string& to);
  //! `careDeclared`: the applicant states they are elderly or disabled (needed for care slots).
  Result<json::object> book(const Actor& actor, int64_t slotId, std::optional<int64_t> caseId,
                            bool careDeclared);
  //! Moves a booking to another slot atomically: if the new slot is taken, the old booking stays.
  Result<json::object> reschedule(const Actor& actor, int64_t appointmentId, int64_t slotId,
                                  bool careDeclared);
  Result<json::object> cancel(const Actor& actor, int64_t appointmentId);
  //! The applicant's own appointments, or the upcoming ones of a staff member's units.
  Result<json::array> list(const Actor& actor);
  //! The applicant's appointment as an iCalendar file (RFC 5545) in `locale`; `baseUrl`
  //! ("https://host") makes the link back to the app. NotFound for anyone else's.
  Result<std::string> calendarFile(const Actor& actor, int64_t appointmentId,
                                   const std::string& locale, const std::string& baseUrl);
  //! Writes a reminder event for bookings starting within `ahead`; returns how many.
  Result<size_t> sendReminders(std::chrono::hours ahead);

  json::object view(db::Transaction& tx, const db::AppointmentRow& a) const;
  static json::object SlotJson(const db::SlotRow& s);

 private:
  //! The slot is still ahead, and a care window is booked only with the declaration.
  Status checkBookable(const db::SlotRow& slot, bool careDeclared) const;

  db::Database& db_;
  const Clock& clock_;
  const reference::ReferenceData& ref_;
};

}  // namespace tongban::identity
