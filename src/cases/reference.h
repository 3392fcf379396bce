#pragma once
// Reference data the case engine reads on every request: catalogue, workflows, units and the
// working-day calendar. Loaded from the database at start-up and checked there.

#include <memory>
#include <mutex>

#include "catalog/catalog.h"
#include "catalog/units.h"
#include "common/calendar.h"
#include "common/status.h"
#include "db/database.h"
#include "workflow/workflow.h"

namespace tongban::cases {

struct Reference {
  std::shared_ptr<const catalog::Catalog> catalog;
  workflow::WorkflowSet workflows;
  std::shared_ptr<const catalog::UnitDirectory> units;
  WorkingCalendar calendar;
};

//! Reads and checks everything; fails if a workflow is broken, an item names a missing unit or
//! workflow, or the catalogue is empty (run `tongban seed --demo`).
Result<std::shared_ptr<const Reference>> LoadReference(db::Database& db);

}  // namespace tongban::cases
