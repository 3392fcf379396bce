#pragma once
// Accounts, log-in and sessions. Passwords are argon2id (libsodium); session tokens are random
// and only their SHA-256 is stored. Cookie sessions carry a CSRF token; bearer sessions do not
// need one.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "accounts/throttle.h"
#include "catalog/units.h"
#include "common/actor.h"
#include "common/clock.h"
#include "common/crypto.h"
#include "common/status.h"
#include "db/database.h"

namespace tongban::accounts {

struct Principal {
  db::UserRow user;
  std::string sessionKind;  // cookie | bearer
  std::string csrf;
  std::string tokenHash;
};

struct LoginResult {
  std::string token;
  std::string csrf;
  db::UserRow user;
  TimePoint expiresAt;
};

//! The languages a person can choose for the app, notifications and e-mails.
const std::vector<std::string>& SupportedLocales();
bool IsSupportedLocale(const std::string& locale);

//! A change to one's own profile; unset members stay as they are.
struct ProfileChange {
  std::optional<std::string> displayName;
  std::optional<std::string> email;  // needs `currentPassword`
  std::optional<std::string> locale;
  std::string currentPassword;
};

//! An administrator's change to an account; unset members stay as they are. `unitId` holding
//! nullopt takes the account out of its unit.
struct AccountChange {
  std::optional<std::string> role;
  std::optional<std::optional<int64_t>> unitId;
  std::optional<std::string> displayName;
  std::optional<bool> disabled;
};

//! The account after an administrator's change and how many of its sessions ended with it.
struct AccountChanged {
  db::UserRow user;
  int64_t sessionsEnded = 0;
};

struct AccountOptions {
  crypto::PasswordCost cost = crypto::PasswordCost::Interactive();
  std::chrono::hours cookieTtl{24 * 7};
  std::chrono::hours bearerTtl{24 * 30};
  size_t failuresPerAccount = 5;
  size_t failuresPerIp = 30;
  std::chrono::seconds throttleWindow{15 * 60};
};

class AccountService {
 public:
  AccountService(db::Database& db, const Clock& clock, AccountOptions options = {});

  //! Self-registration of an applicant. Field errors for email, password, display_name.
  Result<db::UserRow> registerApplicant(const Actor& actor, const std::string& email,
                                        const std::string& password, const std::string& displayName,
                                        const std::string& locale);
  //! Staff account (CLI). `unit` must exist for every staff role but admin.
  Result<db::UserRow> createUser(const Actor& actor, const std::string& email,
                                 const std::string& password, const std::string& displayName,
                                 const std::string& role, std::optional<int64_t> unitId);
  //! kind: cookie | bearer. TooManyRequests carries the retry delay in its message.
  Result<LoginResult> login(const Actor& actor, const std::string& email,
                            const std::string& password, const std::string& kind,
                            int64_t* retryAfterSeconds);
  Status logout(const Actor& actor, const Principal& p);
  //! Name, e-mail (with the current password) and language of the caller's own account.
  Result<db::UserRow> updateProfile(const Actor& actor, const Principal& p,
                                    const ProfileChange& change);
  //! Replaces the password after checking the current one; every other session of the account
  //! ends. Returns how many sessions ended.
  Result<int64_t> changePassword(const Actor& actor, const Principal& p, const std::string& current,
                                 const std::string& replacement);
  //! An applicant deletes their own account after confirming the password: personal data that
  //! the law does not require to be kept is erased (db::UserRepository::erasePersonalData), the
  //! account is anonymised and can no longer sign in. Submitted cases and the audit trail stay.
  //! Returns the sha256 of documents whose rows were deleted (their blobs may be released).
  Result<db::ErasureResult> deleteAccount(const Actor& actor, const Principal& p,
                                          const std::string& password);
  //! An administrator's search of accounts. Many people's e-mail addresses: the read is
  //! recorded like any other access (admin.users_list). PermissionDenied for anyone else.
  Result<db::UserPage> searchUsers(const Actor& actor, const db::UserQuery& q);
  //! An administrator changes role, unit, name or disabled. Disabling ends every session of the
  //! account at once and takes its holder off duty. Administrators cannot disable or demote
  //! themselves (someone must be left to undo it): Conflict.
  Result<AccountChanged> changeAccount(const Actor& actor, int64_t userId,
                                       const AccountChange& change);
  //! The principal for a presented token, or Unauthenticated.
  Result<Principal> authenticate(const std::string& token);

  static Status ValidatePassword(const std::string& password, FieldErrors& errors);

 private:
  //! Checks `password` against the account, counting failures like log-ins do: field error
  //! `field`/wrong_password, or TooManyRequests once the account is throttled.
  Status checkOwnPassword(const Actor& actor, const db::UserRow& user, const std::string& password,
                          const std::string& field);

 public:
 private:
  db::Database& db_;
  const Clock& clock_;
  AccountOptions options_;
  Throttle perAccount_;
  Throttle perIp_;
  std::string dummyHash_;  // verified against when the account does not exist, to equalise time
};

}  // namespace tongban::accounts
