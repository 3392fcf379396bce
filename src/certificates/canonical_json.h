#pragma once
// RFC 8785 (JSON Canonicalization Scheme) for the subset of JSON that certificates carry:
// objects (members sorted by the UTF-16 code units of their names), arrays, strings (escaped as
// ECMAScript's JSON.stringify does: only `"`, `\` and controls below U+0020, with the short forms
// \b \t \n \f \r and lower-case \u00xx otherwise; everything else, U+2028 and `/` included, is
// written as literal UTF-8), true, false, null, and INTEGERS ONLY.
//
// Numbers: only values held as int64/uint64 whose magnitude is at most 2^53-1 (the integers an
// IEEE-754 double represents exactly, so JCS's number rule prints them as plain decimal digits).
// A double is refused with a Status even when its value is integral (1.0, -0.0): we never emit
// one, and refusing keeps the rule free of ECMAScript's float formatting. Strings must be valid
// UTF-8; invalid UTF-8 is refused too.

#include <string>

#include "common/json.h"
#include "common/status.h"

namespace tongban::certificates {

//! The canonical UTF-8 text of `v`, or InvalidArgument naming the first thing outside the subset.
Result<std::string> Canonicalize(const json::value& v);

}  // namespace tongban::certificates
