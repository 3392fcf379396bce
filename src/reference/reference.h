#pragma once
// Reference data every domain module reads: the catalogue, the units, the workflows and the
// working-day calendar. Loaded from the database and checked at start-up; an administrator's
// edit reloads it (`ReferenceData::reload`), and readers keep the snapshot they started with, so
// a request never sees half of an edit. Every service that needs it is given the one
// `ReferenceData` the application owns; no domain module reaches it through another's service.

#include <memory>

#include "catalog/catalog.h"
#include "catalog/units.h"
#include "common/actor.h"
#include "common/calendar.h"
#include "common/clock.h"
#include "common/status.h"
#include "db/database.h"
#include "workflow/workflow.h"

namespace tongban::reference {

//! One consistent version of the reference data.
struct Snapshot {
  std::shared_ptr<const catalog::Catalog> catalog;
  workflow::WorkflowSet workflows;
  std::shared_ptr<const catalog::UnitDirectory> units;
  WorkingCalendar calendar;
};

//! Reads and checks everything; fails if a workflow is broken, an item names a missing unit or
//! workflow, or the catalogue is empty (run `tongban seed --demo`).
Result<std::shared_ptr<const Snapshot>> Load(db::Database& db);

//! The current snapshot, swapped atomically on reload.
class ReferenceData {
 public:
  ReferenceData(db::Database& db, std::shared_ptr<const Snapshot> initial);
  //! Loads the first snapshot from `db`.
  static Result<std::unique_ptr<ReferenceData>> Open(db::Database& db);

  std::shared_ptr<const Snapshot> get() const;
  //! Re-reads the catalogue, units and workflows (after an administrator's edit).
  Status reload();

  //! An administrator's edit of catalogue item `code`'s basic fields (catalog::EditItemBasics):
  //! writes the new spec and its audit event in one transaction, reloads, and returns the
  //! item's spec as now loaded. PermissionDenied for anyone but administrators, NotFound for an
  //! unknown item. `patchJson` is the request body as sent, parsed only after those two checks
  //! so a refusal answers before a malformed body does.
  Result<json::object> editItem(const Actor& actor, const Clock& clock, const std::string& code,
                                const std::string& patchJson);

 private:
  db::Database& db_;
  std::shared_ptr<const Snapshot> current_;
};

}  // namespace tongban::reference
