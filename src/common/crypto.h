#pragma once
// Thin wrappers over libsodium. Call InitCrypto() once before anything else here.

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace tongban::crypto {

//! Initialises libsodium; returns an error if the library cannot start (no entropy source).
Status InitCrypto();
//! `bytes` random bytes, raw (to draw characters from an alphabet without bias).
std::string RandomBytes(size_t bytes);
//! `bytes` random bytes, URL-safe base64 without padding.
std::string RandomToken(size_t bytes = 32);
//! Lower-case hex SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);

//! Incremental SHA-256 for streamed content.
class Sha256 {
 public:
  Sha256();
  void update(const void* data, size_t n);
  std::string finishHex();

 private:
  alignas(64) unsigned char state_[512];
};

struct PasswordCost {
  unsigned long long opslimit;
  size_t memlimit;
  static PasswordCost Interactive();
  //! Cheapest cost libsodium accepts; used by tests and the synthetic seeder only.
  static PasswordCost Minimum();
};
//! argon2id hash in the PHC string format ($argon2id$v=19$...).
Result<std::string> HashPassword(std::string_view password, PasswordCost cost);
bool VerifyPassword(std::string_view hash, std::string_view password);
bool ConstantTimeEquals(std::string_view a, std::string_view b);
//! Lower-case hex HMAC-SHA256 of `data` under `key` (signed webhooks, pickup codes).
std::string HmacSha256Hex(std::string_view key, std::string_view data);

}  // namespace tongban::crypto
