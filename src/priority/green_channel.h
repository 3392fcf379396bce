#pragma once
// The green channel (绿色通道): an applicant with an urgent matter (a funeral, a flight already
// booked, an exam) — or the liaison officer who applied for them — asks for expedited handling
// of a submitted case, with a reason category, an explanation and evidence (documents uploaded
// to the case as `urgent_evidence`). The supervisors of the owning unit decide within a deadline
// counted in working hours; an unanswered request escalates to the unit's parent, then its
// parent, each level told through the outbox. Approval puts the case at the front of every
// queue (priority urgent) with a shortened deadline; a refusal carries a reason the applicant
// reads. Every request, escalation and decision is kept.
//
// cases/ does not know this module: server/priority_hook.* shows the requests on the case and
// keeps the shortened deadline when the `accept` step starts the legal clock.

#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "common/actor.h"
#include "common/clock.h"
#include "common/json.h"
#include "db/database.h"
#include "reference/reference.h"

namespace tongban::priority {

struct GreenChannelOptions {
  //! How long the supervisors of a level have to decide, in working minutes (office hours on
  //! working days of the calendar), before the request escalates to the next level up.
  int decisionMinutes = 120;
  //! An approved case must be decided within this many working days of the approval (never
  //! later than the legal deadline it already had). One fixed rule for every reason.
  int expeditedDays = 3;
  int calendarOffsetMinutes = 480;  // office hours and days are China Standard Time
};

//! The reason categories, in the order the form offers them.
const std::vector<std::string>& Categories();

//! The time `minutes` of office hours (08:30–12:00 and 14:00–17:30 in the zone `offsetMinutes`
//! east of UTC, on working days of `calendar`) after `from`.
TimePoint AddWorkingMinutes(const WorkingCalendar& calendar, TimePoint from, int minutes,
                            int offsetMinutes);

struct GreenChannelRequest {
  std::string category;
  std::string explanation;
  std::vector<int64_t> evidenceDocumentIds;
};

class GreenChannelService {
 public:
  GreenChannelService(db::Database& db, const Clock& clock, const reference::ReferenceData& ref,
                      GreenChannelOptions options = {});

  //! The applicant (or the liaison officer who submitted the case) asks for expedited handling.
  //! InvalidArgument names the field; Conflict when the case is not open, already urgent, or a
  //! request is pending or was approved.
  Result<json::object> request(const Actor& actor, int64_t caseId, const GreenChannelRequest& r);
  //! A supervisor of the level the request waits at (or of a level it passed through) approves
  //! or refuses it. A refusal needs a reason; both notify the applicant.
  Result<json::object> decide(const Actor& actor, int64_t requestId, bool approve,
                              const std::string& reason);
  //! The requests waiting for the caller (a supervisor): those at their unit, including the ones
  //! escalated to it from below, due first.
  Result<json::array> pending(const Actor& actor);
  //! Moves every request still pending at `now` past its due time one level up the unit tree
  //! and tells that level's supervisors. Run by the server every minute; tests call it with the
  //! time they want. Answers how many escalated.
  Result<int> escalateDue(TimePoint now);

  // In a case's transaction (server/priority_hook.*).
  //! The case's requests as `actor` sees them, and whether they may ask.
  json::object describe(db::Transaction& tx, const Actor& actor, const db::CaseRow& c) const;
  //! An approved request's shortened deadline, if any.
  std::optional<Date> expeditedDeadline(db::Transaction& tx, const db::CaseRow& c) const;

 private:
  Result<std::vector<int64_t>> supervisorsOf(db::Transaction& tx, int64_t unitId) const;
  json::object requestJson(db::Transaction& tx, const Actor& actor, const db::GreenChannelRow& r,
                           bool staff) const;
  bool mayDecide(const Actor& actor, const db::GreenChannelRow& r) const;

  db::Database& db_;
  const Clock& clock_;
  const reference::ReferenceData& ref_;
  GreenChannelOptions options_;
};

}  // namespace tongban::priority
