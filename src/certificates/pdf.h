#pragma once
// The certificate as a one-page A4 PDF (Cairo + Pango, text as real text in Noto CJK), and
// reading the signed payload back out of such a file for offline verification.
//
// The signed payload and signature ride in the PDF's document information dictionary, as the
// Keywords entry: "tongban-certificate:v1:<base64url payload>.<base64url signature>". Cairo
// writes ASCII metadata as one uncompressed literal string, and base64url has no character that
// PDF escapes, so the marker can be found byte for byte in the file. The printed page is for
// people; only the embedded payload is signed.

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

//! The PDF bytes of `cert`.
Result<std::string> RenderPdf(const SignedCertificate& cert, const RenderOptions& options);

struct Embedded {
  std::string payload;    // canonical JSON bytes as signed
  std::string signature;  // raw 64 bytes
};

//! The payload and signature embedded by RenderPdf. InvalidArgument if there is none, or more
//! than one (a file with two candidates is ambiguous, so neither is trusted).
Result<Embedded> ParseEmbedded(std::string_view pdf);

//! ParseEmbedded, then Verify (certificate.h) against `keys`.
Result<CertificateContent> VerifyPdf(std::string_view pdf, const PublicKeySet& keys);

}  // namespace tongban::certificates
