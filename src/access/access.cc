#include "access/access.h"

#include <algorithm>
#include <array>
#include <utility>

namespace tongban::access {

namespace {
constexpr std::array<std::pair<Role, std::string_view>, 7> kRoles{{
    {Role::kApplicant, "applicant"},
    {Role::kLiaison, "liaison"},
    {Role::kOfficer, "officer"},
    {Role::kSupervisor, "supervisor"},
    {Role::kDepartment, "department"},
    {Role::kAdmin, "admin"},
    {Role::kSystem, "system"},
}};

bool Is(std::optional<Role> r, std::initializer_list<Role> roles) {
  if (!r) return false;
  for (Role x : roles)
    if (*r == x) return true;
  return false;
}
}  // namespace

std::optional<Role> ParseRole(std::string_view name) {
  for (const auto& [role, n] : kRoles)
    if (n == name) return role;
  return std::nullopt;
}

std::string_view RoleName(Role role) {
  for (const auto& [r, n] : kRoles)
    if (r == role) return n;
  return "unknown";
}

std::optional<Role> RoleOf(const Actor& actor) { return ParseRole(actor.role); }

bool IsStaff(std::optional<Role> r) {
  return Is(r,
            {Role::kLiaison, Role::kOfficer, Role::kSupervisor, Role::kDepartment, Role::kAdmin});
}
bool WorksCases(std::optional<Role> r) {
  return Is(r, {Role::kOfficer, Role::kSupervisor, Role::kDepartment, Role::kAdmin});
}
bool DecidesCases(std::optional<Role> r) { return Is(r, {Role::kOfficer, Role::kSupervisor}); }
bool Supervises(std::optional<Role> r) { return Is(r, {Role::kSupervisor, Role::kAdmin}); }
bool ServesApplicants(std::optional<Role> r) {
  return Is(r, {Role::kOfficer, Role::kSupervisor, Role::kLiaison});
}
bool IsAdmin(std::optional<Role> r) { return Is(r, {Role::kAdmin}); }
bool IsApplicant(std::optional<Role> r) { return Is(r, {Role::kApplicant}); }
bool IsLiaison(std::optional<Role> r) { return Is(r, {Role::kLiaison}); }

bool InUnitScope(const catalog::UnitDirectory& units, const Actor& actor, int64_t unitId) {
  if (IsAdmin(actor)) return true;
  return actor.unitId && units.isWithin(unitId, *actor.unitId);
}

namespace {
bool Has(const std::vector<std::string>& v, std::string_view x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}
}  // namespace

bool ProxyMay(const Actor& actor, const db::CaseRow& c, std::string_view step) {
  if (!actor.proxy || !actor.userId || !IsApplicant(actor)) return false;
  const Actor::Proxy& p = *actor.proxy;
  if (c.applicantId != p.principalId) return false;
  bool inScope = p.caseId ? *p.caseId == c.id : Has(p.items, c.itemCode);
  if (!inScope) return false;
  if (step == "read") return !p.steps.empty();
  return Has(p.steps, step);
}

bool ProxyMayApply(const Actor& actor, std::string_view itemCode) {
  if (!actor.proxy || !actor.userId || !IsApplicant(actor)) return false;
  return !actor.proxy->caseId && Has(actor.proxy->items, itemCode) &&
         Has(actor.proxy->steps, "submit");
}

bool CanSeeCase(const catalog::UnitDirectory& units, const Actor& actor, const db::CaseRow& c) {
  if (!actor.userId) return false;
  // Acting for someone: only the grantor's cases within the mandate, never one's own.
  if (actor.proxy) return ProxyMay(actor, c, "read");
  if (IsApplicant(actor)) return c.applicantId == *actor.userId;
  if (IsLiaison(actor)) return c.submittedById == *actor.userId;
  // Caseworking staff also follow an application they made for someone at their desk.
  if (WorksCases(actor))
    return InUnitScope(units, actor, c.unitId) || c.submittedById == *actor.userId;
  return false;
}

bool OnDifficultTeam(const catalog::UnitDirectory& units, const Actor& actor) {
  if (!actor.userId || !actor.unitId || !DecidesCases(actor)) return false;
  const db::UnitRow* u = units.byId(*actor.unitId);
  return u && u->kind == "special_team";
}

Result<db::CaseRow> LoadVisibleCase(db::Transaction& tx, const catalog::UnitDirectory& units,
                                    const Actor& actor, int64_t caseId) {
  auto c = tx.cases().byId(caseId);
  if (!c.ok()) return c.status();
  if (CanSeeCase(units, actor, *c)) return c;
  // The officer who hands a result over sees its case: the window of the site where the person
  // collects it (an overseas liaison site) and the officer taking it to their home.
  if (actor.userId && actor.unitId && (IsLiaison(actor) || DecidesCases(actor))) {
    auto d = tx.deliveries().byCase(caseId);
    if (d.ok() && d->status != "pending" &&
        ((d->siteUnitId && *d->siteUnitId == *actor.unitId) ||
         (d->assigneeId && *d->assigneeId == *actor.userId)))
      return c;
  }
  // The difficult-case team sees the cases handed to it, though another unit owns them; only
  // that team (not its parent's other units, nor other teams).
  if (OnDifficultTeam(units, actor)) {
    auto dc = tx.difficultCases().byCase(caseId);
    if (dc.ok() && dc->teamUnitId == *actor.unitId) return c;
  }
  return Status::NotFound("case not found");
}

}  // namespace tongban::access
