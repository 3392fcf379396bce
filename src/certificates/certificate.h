#pragma once
// What a certificate says, the payload that is signed, and signing/verifying it. The exact rule
// is written down in src/certificates/README.md; keep the two in step.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "certificates/keys.h"
#include "common/clock.h"
#include "common/json.h"
#include "common/status.h"

namespace tongban::certificates {

//! Version of the payload layout; a verifier refuses versions it does not know.
inline constexpr int kPayloadVersion = 1;

//! One printed line: a bilingual label and the value as printed.
struct PrintedField {
  std::string labelZh;
  std::string labelEn;
  std::string value;

  bool operator==(const PrintedField&) const = default;
};

struct IssuingUnit {
  std::string code;
  std::string nameZh;
  std::string nameEn;

  bool operator==(const IssuingUnit&) const = default;
};

struct CertificateContent {
  std::string id;        // public, unguessable; the verification URL is <base>/verify/<id>
  std::string itemCode;  // catalogue item, e.g. "TV-003"
  std::string titleZh;
  std::string titleEn;
  std::string holderName;  // as printed, normally Chinese characters
  std::vector<PrintedField> fields;
  IssuingUnit unit;
  TimePoint issuedAt;              // kept to the millisecond (the payload's precision)
  std::optional<Date> validUntil;  // none: valid without a time limit
  std::string kid;                 // the key that signs it

  bool operator==(const CertificateContent&) const = default;
};

//! The payload as a JSON value (before canonicalisation).
json::value ToPayload(const CertificateContent& c);
//! Reads a payload back; refuses unknown versions, missing or extra members and wrong types.
Result<CertificateContent> FromPayload(const json::value& payload);

//! A signed certificate: the canonical payload bytes exactly as signed and the raw 64-byte
//! Ed25519 signature over them.
struct SignedCertificate {
  CertificateContent content;
  std::string payload;
  std::string signature;
};

//! Sets content.kid to the ring's current key, canonicalises the payload and signs it.
Result<SignedCertificate> Sign(CertificateContent content, const KeyRing& ring);

//! Checks that `payload` is canonical JSON of a valid payload and that `signature` is its
//! signature by the kid it names, in `keys`. Returns what it says. NotFound: the kid is unknown;
//! InvalidArgument: anything else wrong.
Result<CertificateContent> Verify(std::string_view payload, std::string_view signature,
                                  const PublicKeySet& keys);

}  // namespace tongban::certificates
