#pragma once
// Accounts: people and their log-in sessions.
// Rows are plain data as the repositories hand them to domain code; timestamps are
// TimePoint (UTC) and calendar dates Date (common/clock.h); the store converts them to its
// own column types. Every method returns a
// non-OK Status on error. Reached through db::Transaction (db/database.h).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"

namespace tongban::db {

struct UserRow {
  int64_t id = 0;
  std::string email;
  std::string passwordHash;
  std::string displayName;
  std::string role;  // applicant | liaison | officer | supervisor | department | admin
  std::optional<int64_t> unitId;
  std::string assurance = "account";  // account | verified
  std::optional<TimePoint> verifiedAt;
  std::optional<int64_t> verifiedBy;
  std::string verificationEvidence;  // JSON array of evidence types
  std::optional<int64_t> photoDocumentId;
  std::optional<TimePoint> photoVerifiedAt;
  std::string locale = "zh-CN";
  TimePoint createdAt;
  bool disabled = false;
};

struct SessionRow {
  std::string tokenHash;  // sha256 of the token; the token itself is never stored
  int64_t userId = 0;
  std::string kind;  // cookie | bearer
  std::string csrf;
  TimePoint createdAt;
  TimePoint expiresAt;
};

//! An administrator's search of accounts (GET /api/v1/admin/users).
struct UserQuery {
  std::string q;  // part of the e-mail or name, ASCII case ignored; empty: any
  std::optional<std::string> role;
  std::optional<int64_t> unitId;
  std::optional<bool> disabled;
  int limit = 50;
  int64_t offset = 0;
};

struct UserPage {
  std::vector<UserRow> users;
  int64_t total = 0;  // matching accounts, ignoring limit and offset
};

//! What erasing an account removed (see UserRepository::erasePersonalData).
struct ErasureResult {
  int64_t drafts = 0, documents = 0, notifications = 0, consultations = 0, sessions = 0;
  int64_t appointmentsCancelled = 0;
  std::vector<std::string> documentHashes;  // sha256 of deleted documents (blobs to release)
};

class UserRepository {
 public:
  virtual ~UserRepository() = default;
  //! Conflict if the e-mail is taken.
  virtual Result<int64_t> insert(const UserRow& row) = 0;
  virtual Result<UserRow> byId(int64_t id) = 0;
  virtual Result<UserRow> byEmail(const std::string& email) = 0;
  virtual Status update(const UserRow& row) = 0;
  //! Enabled officers and supervisors whose unit is one of `unitIds`, by name: who a case of
  //! those units can be assigned to.
  virtual Result<std::vector<UserRow>> caseworkers(const std::vector<int64_t>& unitIds) = 0;
  //! Accounts matching `q`, newest first, with the total count.
  virtual Result<UserPage> search(const UserQuery& q) = 0;
  //! Erases what the owner of account `userId` may have deleted, keeping submitted cases and
  //! the audit trail: deletes draft cases (history, documents), documents attached to no
  //! submitted case (profile photos), consultations (messages, attachments), notifications,
  //! notification preferences, idempotency answers and every session; cancels booked
  //! appointments; erases pending and logged e-mails to `email` and message texts in outbox
  //! events and webhook deliveries. The user row itself is left to the caller.
  virtual Result<ErasureResult> erasePersonalData(int64_t userId, const std::string& email,
                                                  TimePoint now) = 0;
};

class SessionRepository {
 public:
  virtual ~SessionRepository() = default;
  virtual Status insert(const SessionRow& row) = 0;
  virtual Result<SessionRow> byTokenHash(const std::string& tokenHash) = 0;
  virtual Status remove(const std::string& tokenHash) = 0;
  virtual Status removeExpired(TimePoint now) = 0;
  //! Ends every session of `userId` except `keepTokenHash`; returns how many ended.
  virtual Result<int64_t> removeForUser(int64_t userId, const std::string& keepTokenHash) = 0;
};

}  // namespace tongban::db
