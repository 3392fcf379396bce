#pragma once
// Who is acting, from where, in which request: what every audit event records.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tongban {

struct Actor {
  std::optional<int64_t> userId;  // empty for anonymous callers and the rule engine
  std::string
      role;  // applicant | liaison | officer | supervisor | department | admin | system | anonymous
  std::optional<int64_t> unitId;
  std::string assurance;  // account | verified (applicants)
  std::string requestId;
  std::string ip;

  //! Set while the signed-in person (`userId`, who stays the one recorded) acts for someone
  //! else under a power of attorney (`X-Act-For`, resolved by api/ from mandates/). What the
  //! mandate allows travels with the request, so access:: decides without reading it again.
  struct Proxy {
    int64_t principalId = 0;  // the grantor: whose cases these are
    int64_t mandateId = 0;
    std::vector<std::string> items;  // scope: item codes, or …
    std::optional<int64_t> caseId;   // … one case
    std::vector<std::string> steps;  // submit | supplement | pay | collect | sign_delivery
  };
  std::optional<Proxy> proxy;
  std::optional<int64_t> principalId() const {
    return proxy ? std::optional<int64_t>(proxy->principalId) : std::nullopt;
  }
  std::optional<int64_t> mandateId() const {
    return proxy ? std::optional<int64_t>(proxy->mandateId) : std::nullopt;
  }

  bool isStaff() const {
    return role == "liaison" || role == "officer" || role == "supervisor" || role == "department" ||
           role == "admin";
  }
};

}  // namespace tongban
