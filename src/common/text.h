#pragma once
// Text helpers for searching Chinese and the Latin-script languages (English, Italian, Spanish,
// French, Portuguese, German).

#include <string>
#include <string_view>

namespace tongban::text {

//! Puts spaces around every CJK character so a word tokenizer indexes each one; Latin words
//! stay whole. "护照passport遗失" -> "护 照 passport 遗 失".
std::string SegmentCjk(std::string_view utf8);

//! An FTS5 MATCH expression for a person's query: each whitespace-separated term becomes a
//! quoted phrase (CJK terms as character sequences); all terms required, or any of them when
//! `any` (suggestions for a question being typed). Empty if nothing to search.
std::string FtsQuery(std::string_view query, bool any = false);

//! Text folded for substring search across languages: letters in lower case and without
//! accents ("Pérdida" -> "perdida", "Straße" -> "strasse", "ÇA" -> "ca"); everything else
//! (CJK included) unchanged.
std::string FoldForSearch(std::string_view utf8);

//! `s` without leading and trailing ASCII white space.
std::string Trim(std::string_view s);

}  // namespace tongban::text
