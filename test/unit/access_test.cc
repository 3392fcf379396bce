// The access rules (src/access) and the module map they make possible: domain modules sit side
// by side and reach shared data through the floor (reference, access, blobs), never through
// another domain module's service.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include "access/access.h"

namespace tongban::access {
namespace {

Actor As(const std::string& role, std::optional<int64_t> unit = std::nullopt) {
  Actor a;
  a.userId = 7;
  a.role = role;
  a.unitId = unit;
  return a;
}

TEST(Access, RolesRoundTripAndUnknownNamesAreRefused) {
  for (auto r : {Role::kApplicant, Role::kLiaison, Role::kOfficer, Role::kSupervisor,
                 Role::kDepartment, Role::kAdmin, Role::kSystem})
    EXPECT_EQ(ParseRole(RoleName(r)), r);
  EXPECT_FALSE(ParseRole("janitor"));
  EXPECT_FALSE(ParseRole(""));
  EXPECT_FALSE(IsStaff(As("janitor")));
  EXPECT_FALSE(WorksCases(As("")));
}

TEST(Access, EachRuleNamesItsRoles) {
  EXPECT_TRUE(IsStaff(As("liaison")));
  EXPECT_FALSE(IsStaff(As("applicant")));
  EXPECT_FALSE(IsStaff(As("system")));
  EXPECT_TRUE(WorksCases(As("department")));
  EXPECT_FALSE(WorksCases(As("liaison")));
  EXPECT_TRUE(DecidesCases(As("officer")));
  EXPECT_FALSE(DecidesCases(As("admin")));
  EXPECT_TRUE(Supervises(As("supervisor")));
  EXPECT_FALSE(Supervises(As("officer")));
  EXPECT_TRUE(ServesApplicants(As("liaison")));
  EXPECT_FALSE(ServesApplicants(As("department")));
}

TEST(Access, CasesAreSeenByTheirPartiesAndTheUnitAbove) {
  // bureau (1) → branch centre (2) → site (3); another bureau (4).
  std::vector<db::UnitRow> rows(4);
  for (int i = 0; i < 4; ++i) {
    rows[i].id = i + 1;
    rows[i].code = "U" + std::to_string(i + 1);
    rows[i].kind = "bureau";
  }
  rows[1].parentId = 1;
  rows[2].parentId = 2;
  catalog::UnitDirectory units(rows);
  db::CaseRow c;
  c.applicantId = 7;
  c.submittedById = 9;
  c.unitId = 3;
  EXPECT_TRUE(CanSeeCase(units, As("applicant"), c));
  Actor other = As("applicant");
  other.userId = 8;
  EXPECT_FALSE(CanSeeCase(units, other, c));
  EXPECT_FALSE(CanSeeCase(units, As("liaison"), c));  // submitted by someone else
  EXPECT_TRUE(CanSeeCase(units, As("officer", 1), c));
  EXPECT_TRUE(CanSeeCase(units, As("officer", 3), c));
  EXPECT_FALSE(CanSeeCase(units, As("officer", 4), c));
  EXPECT_FALSE(CanSeeCase(units, As("officer"), c));  // no unit
  EXPECT_TRUE(CanSeeCase(units, As("admin"), c));
  Actor anonymous = As("applicant");
  anonymous.userId.reset();
  EXPECT_FALSE(CanSeeCase(units, anonymous, c));
}

TEST(Access, OnlyOfficersOfASpecialTeamAreOnTheDifficultCaseTeam) {
  // bureau (1) → team (2), branch centre (3). The team's officers see the cases handed to them
  // (LoadVisibleCase reads the hand-over); the unit rule alone never shows them the bureau's.
  std::vector<db::UnitRow> rows(3);
  for (int i = 0; i < 3; ++i) {
    rows[i].id = i + 1;
    rows[i].code = "U" + std::to_string(i + 1);
    rows[i].kind = "bureau";
  }
  rows[1].kind = "special_team";
  rows[1].parentId = 1;
  rows[2].parentId = 1;
  catalog::UnitDirectory units(rows);
  EXPECT_TRUE(OnDifficultTeam(units, As("officer", 2)));
  EXPECT_TRUE(OnDifficultTeam(units, As("supervisor", 2)));
  EXPECT_FALSE(OnDifficultTeam(units, As("officer", 3)));
  EXPECT_FALSE(OnDifficultTeam(units, As("liaison", 2)));
  EXPECT_FALSE(OnDifficultTeam(units, As("admin", 2)));
  db::CaseRow c;
  c.applicantId = 9;
  c.submittedById = 9;
  c.unitId = 3;
  EXPECT_FALSE(CanSeeCase(units, As("officer", 2), c));
  EXPECT_TRUE(CanSeeCase(units, As("officer", 1), c));
}

TEST(ModuleMap, DomainModulesDoNotIncludeOneAnother) {
  // certificates/ (signing and the PDF, on common/ alone) is a floor library like blobs/: the
  // domain module that issues results with it is results/.
  const std::set<std::string> domain = {"accounts", "cases",    "documents", "identity",
                                        "consult",  "notify",   "results",   "payments",
                                        "delivery", "mandates", "priority"};
  std::regex include(R"re(#include "([a-z_]+)/)re");
  int scanned = 0;
  for (const auto& dir : domain) {
    for (const auto& entry :
         std::filesystem::directory_iterator(std::filesystem::path(TB_SOURCE_DIR) / "src" / dir)) {
      std::ifstream in(entry.path());
      std::string line;
      while (std::getline(in, line)) {
        std::smatch m;
        if (!std::regex_search(line, m, include)) continue;
        std::string target = m[1];
        EXPECT_TRUE(target == dir || !domain.count(target))
            << entry.path().filename() << " (" << dir << ") includes " << target
            << "/: reach shared data through reference/, access/, blobs/ or certificates/ "
               "instead, or let server/ wire the two (cases/case_hook.h)";
      }
      ++scanned;
    }
  }
  EXPECT_GE(scanned, 12) << "is TB_SOURCE_DIR right?";
}

}  // namespace
}  // namespace tongban::access
