#pragma once
// People known to the service without an account of their own (an elderly parent at home whose
// identity an officer confirmed in a video call with a relative abroad), the accounts that may
// name them, and the consents a person gives at a desk for an officer to apply for them.
// Reached through db::Transaction (db/database.h); every method returns a non-OK Status on error.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"

namespace tongban::db {

//! A person whose identity an officer confirmed. One row per ID number: a second relative who
//! has the same person verified again refreshes the row and adds a link.
struct PersonRow {
  int64_t id = 0;
  std::string name;       // as on the ID card (Chinese)
  std::string nameLatin;  // pinyin or as in a passport; may be empty
  std::string idNumber;   // 18-character resident identity card number
  std::string birthDate;  // YYYY-MM-DD
  std::string phone;
  TimePoint verifiedAt;
  int64_t verifiedBy = 0;  // the officer
  std::optional<int64_t> sessionId;
  std::string presentJson = "[]";  // who was present at the check, as the officer noted
  TimePoint createdAt;
};

//! An account that may name the person in its applications (the relative who was on the call).
struct PersonLinkRow {
  int64_t userId = 0;
  int64_t personId = 0;
  std::string relationship;  // parent | grandparent | child | spouse | sibling | other
  TimePoint since;
};

class PersonRepository {
 public:
  virtual ~PersonRepository() = default;
  //! Inserts the person, or refreshes the row with the same ID number; returns its id.
  virtual Result<int64_t> upsert(const PersonRow& p) = 0;
  virtual Result<PersonRow> byId(int64_t id) = 0;
  virtual Status link(const PersonLinkRow& l) = 0;
  //! The link of `userId` to `personId`; NotFound when the account may not name the person.
  virtual Result<PersonLinkRow> linkOf(int64_t userId, int64_t personId) = 0;
  //! The persons `userId` may name, with their links, by name.
  virtual Result<std::vector<std::pair<PersonRow, PersonLinkRow>>> linkedTo(int64_t userId) = 0;
  //! The person an application was made for, if any.
  virtual Result<std::optional<int64_t>> personOfCase(int64_t caseId) = 0;
  virtual Status setPersonOfCase(int64_t caseId, int64_t personId) = 0;
};

//! A person's consent, given at a desk, for an officer there to submit an application for them:
//! a one-time code sent to the person, read out by them and typed by the officer.
struct AssistConsentRow {
  int64_t id = 0;
  int64_t applicantId = 0;
  int64_t officerId = 0;
  std::optional<int64_t> unitId;  // the officer's site or office
  std::string itemCode;
  std::string method = "one_time_code";
  std::string codeSalt, codeHash;
  int failures = 0;
  std::string status = "pending";  // pending | confirmed | used | void
  TimePoint createdAt, expiresAt;
  std::optional<TimePoint> confirmedAt;
  std::optional<int64_t> caseId;  // once used
};

class AssistConsentRepository {
 public:
  virtual ~AssistConsentRepository() = default;
  virtual Result<int64_t> insert(const AssistConsentRow& c) = 0;
  virtual Result<AssistConsentRow> byId(int64_t id) = 0;
  virtual Status update(const AssistConsentRow& c) = 0;
  //! The consent a case was submitted under, if any.
  virtual Result<std::optional<AssistConsentRow>> byCase(int64_t caseId) = 0;
};

}  // namespace tongban::db
