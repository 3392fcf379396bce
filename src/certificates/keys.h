#pragma once
// Ed25519 signing keys for certificates (libsodium) and the public key set that verifies them
// offline.
//
// A key id ("kid") is derived from the public key alone: the lower-case hex of the first 8 bytes
// of SHA-256(public key), 16 characters. Anyone holding the public key can recompute it, so a
// public key set whose kid does not match its key is refused.
//
// KeyRing keeps one file per key in a directory (`<kid>.key`, mode 0600, holding the secret key)
// plus `current` naming the key new certificates are signed with. Every file is written to a
// temporary name, fsynced, renamed and the directory fsynced, so a crash leaves either the old
// or the new state. Old keys are never deleted by rotate(): certificates they signed keep
// verifying.
//
// Call crypto::InitCrypto() (common/crypto.h) before using anything here.

#include <array>
#include <filesystem>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/json.h"
#include "common/status.h"

namespace tongban::certificates {

inline constexpr size_t kPublicKeyBytes = 32;
inline constexpr size_t kSignatureBytes = 64;
inline constexpr std::string_view kAlgorithm = "Ed25519";

using PublicKeyBytes = std::array<unsigned char, kPublicKeyBytes>;

//! URL-safe base64 without padding (RFC 4648 §5), as used for keys and signatures.
std::string Base64UrlEncode(std::string_view bytes);
//! Strict inverse of Base64UrlEncode: padding, whitespace and the standard alphabet's + / are
//! refused, so one byte sequence has one text form.
Result<std::string> Base64UrlDecode(std::string_view text);

//! The kid of a public key: hex of the first 8 bytes of its SHA-256.
std::string KeyIdOf(const PublicKeyBytes& publicKey);

struct PublicKey {
  std::string kid;
  PublicKeyBytes key{};
  TimePoint createdAt;
};

//! The published keys: `{"keys":[{"kid","alg":"Ed25519","public_key","created_at"}]}` with
//! public_key in base64url and created_at as "2026-11-23T13:28:41.123Z".
class PublicKeySet {
 public:
  PublicKeySet() = default;
  explicit PublicKeySet(std::vector<PublicKey> keys) : keys_(std::move(keys)) {}

  //! Refuses a malformed document, an unknown alg, a bad key length or a kid that does not
  //! belong to its key.
  static Result<PublicKeySet> FromJson(const json::value& doc);
  static Result<PublicKeySet> FromJsonText(std::string_view text);
  json::value toJson() const;

  const std::vector<PublicKey>& keys() const { return keys_; }
  const PublicKey* find(std::string_view kid) const;
  //! Ok when `signature` (64 raw bytes) is kid's Ed25519 signature of `message`; NotFound for an
  //! unknown kid, InvalidArgument for a signature that does not verify.
  Status verify(std::string_view kid, std::string_view message, std::string_view signature) const;

 private:
  std::vector<PublicKey> keys_;
};

class KeyRing {
 public:
  //! Opens (creating it with mode 0700 if missing) the key directory and loads every key. An
  //! empty directory gets its first key, so a fresh install can sign at once.
  //! `clock` (the creation time of new keys) must outlive the ring.
  static Result<std::unique_ptr<KeyRing>> Open(std::filesystem::path dir, const Clock& clock);
  ~KeyRing();
  KeyRing(const KeyRing&) = delete;
  KeyRing& operator=(const KeyRing&) = delete;

  //! The kid new certificates are signed with.
  std::string currentKid() const;
  //! Makes a new key and makes it current; returns its kid. Older keys stay and still verify.
  Result<std::string> rotate();
  //! The 64-byte detached Ed25519 signature of `message` by key `kid` (NotFound if unknown).
  //! Takes the kid rather than using the current key so a payload that names its kid is signed
  //! by that kid even if rotate() runs in between.
  Result<std::string> sign(std::string_view kid, std::string_view message) const;
  //! Every key's public half, oldest first.
  PublicKeySet publicKeys() const;

 private:
  struct Entry;
  KeyRing(std::filesystem::path dir, const Clock& clock);
  Status load();
  Result<std::string> create();

  std::filesystem::path dir_;
  const Clock& clock_;
  mutable std::shared_mutex mu_;
  std::vector<std::unique_ptr<Entry>> entries_;
  std::string current_;
};

}  // namespace tongban::certificates
