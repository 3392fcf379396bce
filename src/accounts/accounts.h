#pragma once
// Accounts, log-in and sessions. Passwords are argon2id (libsodium); session tokens are random
// and only their SHA-256 is stored. Cookie sessions carry a CSRF token; bearer sessions do not
// need one.

#include <chrono>
#include <optional>
#include <string>

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
  std::string expiresAt;
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
  //! The principal for a presented token, or Unauthenticated.
  Result<Principal> authenticate(const std::string& token);

  static Status ValidatePassword(const std::string& password, FieldErrors& errors);

 private:
  db::Database& db_;
  const Clock& clock_;
  AccountOptions options_;
  Throttle perAccount_;
  Throttle perIp_;
  std::string dummyHash_;  // verified against when the account does not exist, to equalise time
};

}  // namespace tongban::accounts
