#pragma once
// Content negotiation for precompressed static files (RFC 9110 §12.5.3, Accept-Encoding).

#include <string>
#include <string_view>

namespace tongban::http {

//! The coding to send given the request's Accept-Encoding and the variants that exist on disk:
//! "br", "gzip", or "" (identity, the file as it is). The client's q-values decide; on a tie
//! brotli wins (smaller). "*" covers codings not named; q=0 refuses one. A missing header means
//! identity (RFC 9110 allows any coding then, but old clients may not decode it).
std::string ChooseEncoding(std::string_view acceptEncoding, bool haveBrotli, bool haveGzip);

}  // namespace tongban::http
