#pragma once
// The certificate as a one-page A4 PDF (Cairo + Pango, text as real text in Noto CJK), and
// reading the signed payload back out of such a file for offline verification.
//
// The signed payload and signature ride in the PDF's document information dictionary, as the
// Keywords entry: "tongban-certificate:v1:<payload>.<signature>.<file signature>", each part
// base64url. Cairo writes ASCII metadata as one uncompressed literal string, and base64url has no
// character that PDF escapes, so the marker can be found byte for byte in the file.
//
// The payload signature is what the issuer vouches for (and what /verify/<id> shows). The file
// signature, by the same key, covers every byte of the PDF except its own 86 characters, so a
// file changed anywhere after issue (its printed text included) fails VerifyPdf, while
// ParseEmbedded + Verify still read a payload out of a file that was re-saved by other software.
// The exact rule is in README.md.

#include <string>
#include <string_view>

#include "certificates/certificate.h"
#include "certificates/keys.h"
#include "common/status.h"

namespace tongban::certificates {

inline constexpr std::string_view kEmbedPrefix = "tongban-certificate:v1:";

struct RenderOptions {
  //! The public site, without a trailing slash; the QR code holds <base>/verify/<id>.
  std::string verifyBaseUrl;
  //! A fontconfig family with CJK glyphs (Debian: fonts-noto-cjk).
  std::string fontFamily = "Noto Sans CJK SC";
  //! For the verification URL and key id: proportional fonts leave gaps around '/' that text
  //! extractors read as spaces, which breaks copying the URL out of the PDF.
  std::string monoFontFamily = "Noto Sans Mono CJK SC";
  //! Dates are printed in this zone (China Standard Time by default), like legal deadlines.
  int utcOffsetMinutes = 8 * 60;
};

//! <base>/verify/<id>.
std::string VerificationUrl(std::string_view base, std::string_view id);

//! The PDF bytes of `cert`, with the file signature made by `ring` with cert.content.kid.
Result<std::string> RenderPdf(const SignedCertificate& cert, const KeyRing& ring,
                              const RenderOptions& options);

struct Embedded {
  std::string payload;         // canonical JSON bytes as signed
  std::string signature;       // raw 64 bytes
  std::string fileSignature;   // raw 64 bytes, over FileSignedBytes(pdf, fileSignatureAt)
  size_t fileSignatureAt = 0;  // offset of its base64url text in the file
};

//! What the file signature covers: "tongban-certificate-file:v1\n", then the file without the
//! 86 characters of the file signature's text at `at`.
std::string FileSignedBytes(std::string_view pdf, size_t at);

//! The payload and signatures embedded by RenderPdf (not yet checked). InvalidArgument if there is
//! none, or more than one (a file with two candidates is ambiguous, so neither is trusted).
Result<Embedded> ParseEmbedded(std::string_view pdf);

//! ParseEmbedded, Verify (certificate.h) against `keys`, then the file signature by the
//! payload's kid: a change to any byte of the file fails.
Result<CertificateContent> VerifyPdf(std::string_view pdf, const PublicKeySet& keys);

}  // namespace tongban::certificates
