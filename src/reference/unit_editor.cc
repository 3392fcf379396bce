#include "reference/unit_editor.h"

#include "access/access.h"
#include "audit/audit.h"

namespace tongban::reference {

namespace {

//! The units' code is unique: the store's Conflict is the administrator's field error.
Status CodeTaken(Status s) {
  if (s.code() == StatusCode::kConflict)
    return Status::InvalidField("code", "code_taken", "another unit has this code");
  return s;
}

}  // namespace

Result<db::UnitRow> UnitEditor::create(const Actor& actor, db::UnitRow unit,
                                       const json::object& detail) {
  if (!access::IsAdmin(actor)) return Status::PermissionDenied("for administrators");
  TB_RETURN_IF_ERROR(CodeTaken(db_.write([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(unit.id, tx.units().insert(unit));
    return tx.audit().append(audit::Event(actor, clock_.now(), "admin.unit_create", "unit",
                                          std::to_string(unit.id), std::nullopt, detail));
  })));
  return reloaded(unit.id, unit);
}

Result<db::UnitRow> UnitEditor::update(const Actor& actor, const db::UnitRow& unit,
                                       const json::object& detail) {
  if (!access::IsAdmin(actor)) return Status::PermissionDenied("for administrators");
  TB_RETURN_IF_ERROR(CodeTaken(db_.write([&](db::Transaction& tx) -> Status {
    TB_RETURN_IF_ERROR(tx.units().update(unit));
    return tx.audit().append(audit::Event(actor, clock_.now(), "admin.unit_update", "unit",
                                          std::to_string(unit.id), std::nullopt, detail));
  })));
  return reloaded(unit.id, unit);
}

Result<db::UnitRow> UnitEditor::reloaded(int64_t id, const db::UnitRow& fallback) {
  TB_RETURN_IF_ERROR(reference_.reload());
  const auto* fresh = reference_.get()->units->byId(id);
  return fresh ? *fresh : fallback;
}

}  // namespace tongban::reference
