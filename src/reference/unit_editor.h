#pragma once
// An administrator's edits of the units. Units are reference data: an edit writes the unit and
// its audit event in one transaction and then reloads the ReferenceData, so queues,
// appointments, notifications and the public list see it at once.

#include "common/actor.h"
#include "common/clock.h"
#include "common/json.h"
#include "common/status.h"
#include "db/database.h"
#include "reference/reference.h"

namespace tongban::reference {

class UnitEditor {
 public:
  UnitEditor(db::Database& db, const Clock& clock, ReferenceData& reference)
      : db_(db), clock_(clock), reference_(reference) {}

  //! Adds `unit` (checked by the caller against the current directory); `detail` is what the
  //! administrator sent, for the audit event. Returns the unit as loaded after the reload.
  //! A code another unit has: field error code/code_taken.
  Result<db::UnitRow> create(const Actor& actor, db::UnitRow unit, const json::object& detail);
  //! Replaces the unit of the same id; as create.
  Result<db::UnitRow> update(const Actor& actor, const db::UnitRow& unit,
                             const json::object& detail);

 private:
  //! Reloads the reference data and returns the unit `id` as it now stands (or `fallback`).
  Result<db::UnitRow> reloaded(int64_t id, const db::UnitRow& fallback);

  db::Database& db_;
  const Clock& clock_;
  ReferenceData& reference_;
};

}  // namespace tongban::reference
