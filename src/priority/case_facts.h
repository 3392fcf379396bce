#pragma once
// What the green channel and the difficult-case team both read about a case and a unit.

#include "common/json.h"
#include "db/cases_store.h"
#include "reference/reference.h"

namespace tongban::priority {

//! Whether the case is still being handled (an active or waiting state of its workflow).
inline bool Open(const reference::Snapshot& ref, const db::CaseRow& c) {
  const workflow::Workflow* wf = ref.workflows.get(c.workflow);
  if (!wf) return false;
  auto k = wf->kind(c.state);
  return k == workflow::StateKind::kActive || k == workflow::StateKind::kWaiting;
}

//! {id, code, name} of a unit, null when it is unknown.
inline json::value UnitJson(const reference::Snapshot& ref, int64_t id) {
  const db::UnitRow* u = ref.units->byId(id);
  if (!u) return nullptr;
  return json::object{{"id", u->id}, {"code", u->code}, {"name", catalog::UnitDirectory::Name(*u)}};
}

}  // namespace tongban::priority
