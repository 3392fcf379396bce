#pragma once
// Difficult cases (疑难案件专班): an officer or supervisor of the case's unit tags a case as
// difficult, with an internal reason, and hands it to the difficult-case team — a unit of kind
// `special_team` under a unit above the case's. The team's officers see the cases handed to
// them (access::LoadVisibleCase) in their own queue, with a deadline; the team and the case's
// own unit share notes on it. The applicant only reads that a specialist team is handling the
// case, never the reason.

#include <optional>
#include <string>

#include "common/actor.h"
#include "common/clock.h"
#include "common/json.h"
#include "db/database.h"
#include "reference/reference.h"

namespace tongban::priority {

struct DifficultOptions {
  int teamDays = 10;  // working days the team has, from the hand-over
  int calendarOffsetMinutes = 480;
};

class DifficultCaseService {
 public:
  DifficultCaseService(db::Database& db, const Clock& clock, const reference::ReferenceData& ref,
                       DifficultOptions options = {});

  //! Hands the case to the nearest difficult-case team above its unit. Officers and supervisors
  //! of the case's unit (or above) only; Conflict if it was handed over already or is not open.
  Result<json::object> handOver(const Actor& actor, int64_t caseId, const std::string& reason);
  //! The cases handed to the caller's team, due first (team members only).
  Result<json::array> teamQueue(const Actor& actor);
  //! A note shared by the team and the case's unit, on a case handed to the team.
  Result<json::object> addNote(const Actor& actor, int64_t caseId, const std::string& body);

  // In a case's transaction (server/priority_hook.*).
  //! `specialist` as `actor` sees it: the applicant gets {handling, since} only.
  std::optional<json::object> describe(db::Transaction& tx, const Actor& actor,
                                       const db::CaseRow& c) const;
  bool handedOver(db::Transaction& tx, const db::CaseRow& c) const;

 private:
  //! The special_team unit nearest above `unitId` (a child of the unit or of an ancestor).
  const db::UnitRow* teamFor(const catalog::UnitDirectory& units, int64_t unitId) const;
  json::array notesJson(db::Transaction& tx, const Actor& actor, int64_t caseId) const;

  db::Database& db_;
  const Clock& clock_;
  const reference::ReferenceData& ref_;
  DifficultOptions options_;
};

}  // namespace tongban::priority
