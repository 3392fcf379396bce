#pragma once
// Who is acting, from where, in which request: what every audit event records.

#include <cstdint>
#include <optional>
#include <string>

namespace tongban {

struct Actor {
  std::optional<int64_t> userId;  // empty for anonymous callers and the rule engine
  std::string
      role;  // applicant | liaison | officer | supervisor | department | admin | system | anonymous
  std::optional<int64_t> unitId;
  std::string assurance;  // account | verified (applicants)
  std::string requestId;
  std::string ip;

  bool isStaff() const {
    return role == "liaison" || role == "officer" || role == "supervisor" || role == "department" ||
           role == "admin";
  }
};

}  // namespace tongban
