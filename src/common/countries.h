#pragma once
// ISO 3166-1 alpha-2 country codes (the 249 officially assigned ones, as in Debian's iso-codes).

#include <string_view>

namespace tongban {

//! True when `code` is an assigned ISO 3166-1 alpha-2 code in capitals ("IT", not "it" or "XX").
bool IsIsoCountry(std::string_view code);

}  // namespace tongban
