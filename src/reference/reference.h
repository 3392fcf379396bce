#pragma once
// Reference data every domain module reads: the catalogue, the units, the workflows and the
// working-day calendar. Loaded from the database and checked at start-up; an administrator's
// edit reloads it (`ReferenceData::reload`), and readers keep the snapshot they started with, so
// a request never sees half of an edit. Every service that needs it is given the one
// `ReferenceData` the application owns; no domain module reaches it through another's service.

#include <memory>

#include "catalog/catalog.h"
#include "catalog/units.h"
#include "common/calendar.h"
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

 private:
  db::Database& db_;
  std::shared_ptr<const Snapshot> current_;
};

}  // namespace tongban::reference
