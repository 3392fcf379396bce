#pragma once
// Who may do what: the roles, which of them are staff, and the one rule for which cases a person
// may see. Every module asks here instead of comparing role names itself; the web app mirrors
// the same sets once, in web/src/access.ts.

#include <optional>
#include <string>
#include <string_view>

#include "catalog/units.h"
#include "common/actor.h"
#include "common/status.h"
#include "db/database.h"

namespace tongban::access {

//! The role of an account, or of the rule engine acting for instant and automatic items.
enum class Role { kApplicant, kLiaison, kOfficer, kSupervisor, kDepartment, kAdmin, kSystem };

//! The role named `name` ("officer", …), or nullopt for a name no account can hold.
std::optional<Role> ParseRole(std::string_view name);
//! The name stored in accounts, workflows and audit events.
std::string_view RoleName(Role role);
//! The role of `actor`, or nullopt for an anonymous caller or an unknown name.
std::optional<Role> RoleOf(const Actor& actor);

// Each rule takes a role (nullopt: anonymous or unknown, which every rule refuses) or an actor.

//! Signs in to the workbench: everyone but applicants and the rule engine.
bool IsStaff(std::optional<Role> role);
//! Reads the case queue and the cases of their unit and the units below it.
bool WorksCases(std::optional<Role> role);
//! Takes cases, decides them, assigns them and sets their priority: officers and supervisors.
bool DecidesCases(std::optional<Role> role);
//! Supervises: assigns anyone's case, countersigns.
bool Supervises(std::optional<Role> role);
//! Meets applicants: answers consultations, publishes appointment times and holds video
//! identity checks (officers, supervisors and liaison officers).
bool ServesApplicants(std::optional<Role> role);
bool IsAdmin(std::optional<Role> role);
bool IsApplicant(std::optional<Role> role);
bool IsLiaison(std::optional<Role> role);

inline bool IsStaff(const Actor& a) { return IsStaff(RoleOf(a)); }
inline bool WorksCases(const Actor& a) { return WorksCases(RoleOf(a)); }
inline bool DecidesCases(const Actor& a) { return DecidesCases(RoleOf(a)); }
inline bool Supervises(const Actor& a) { return Supervises(RoleOf(a)); }
inline bool ServesApplicants(const Actor& a) { return ServesApplicants(RoleOf(a)); }
inline bool IsAdmin(const Actor& a) { return IsAdmin(RoleOf(a)); }
inline bool IsApplicant(const Actor& a) { return IsApplicant(RoleOf(a)); }
inline bool IsLiaison(const Actor& a) { return IsLiaison(RoleOf(a)); }
//! The same rules for a stored account's role name.
inline std::optional<Role> RoleOf(const db::UserRow& u) { return ParseRole(u.role); }

//! Whether `unitId` is the actor's unit or below it (administrators: every unit).
bool InUnitScope(const catalog::UnitDirectory& units, const Actor& actor, int64_t unitId);

//! The one rule for seeing a case: the applicant sees their own, a liaison officer those they
//! submitted, caseworking staff those of their unit and below and those they submitted for
//! someone at their desk, administrators all.
bool CanSeeCase(const catalog::UnitDirectory& units, const Actor& actor, const db::CaseRow& c);
//! Powers of attorney. Whether `actor`, acting for someone under a mandate (`actor.proxy`), may
//! take `step` (submit | supplement | pay | collect | sign_delivery, or "read" for opening the
//! case) on `c`: the case is the grantor's, within the mandate's scope (its items or its one
//! case), and the step is granted ("read" comes with any step). False for anyone not acting for
//! someone: they go by the other rules.
bool ProxyMay(const Actor& actor, const db::CaseRow& c, std::string_view step);
//! Whether `actor`, acting under a mandate, may start an application for `itemCode` (a mandate
//! scoped to items that grants `submit`).
bool ProxyMayApply(const Actor& actor, std::string_view itemCode);
//! Whether `actor` is an officer or supervisor of a difficult-case team (a unit of kind
//! "special_team").
bool OnDifficultTeam(const catalog::UnitDirectory& units, const Actor& actor);

//! The case if `actor` may see it; NotFound otherwise, so its existence is not revealed. Also
//! the staff of the site where its issued result is collected, the officer taking it home, and
//! the officers of the difficult-case team the case was handed to.
Result<db::CaseRow> LoadVisibleCase(db::Transaction& tx, const catalog::UnitDirectory& units,
                                    const Actor& actor, int64_t caseId);

}  // namespace tongban::access
