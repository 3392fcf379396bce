#include "common/text.h"

#include <cctype>
#include <vector>

namespace tongban::text {

namespace {
//! Decodes one UTF-8 code point at `i`; returns its length (1 for invalid bytes).
size_t Decode(std::string_view s, size_t i, char32_t& cp) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
  if (i + n > s.size()) n = 1;
  cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
  for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return n;
}

bool IsCjk(char32_t cp) {
  return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FA1F) ||
         (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0xAC00 && cp <= 0xD7AF);
}

bool IsCjkPunct(char32_t cp) {
  return (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFFEF);
}

//! Letters outside ASCII in the Latin, Greek and Cyrillic blocks ("é", "ß", "ç", "ã").
bool IsOtherLetter(char32_t cp) {
  return (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) || (cp >= 0x370 && cp <= 0x52F) ||
         (cp >= 0x1E00 && cp <= 0x1EFF);
}

// Base letters of U+00C0..U+017F in lower case ('\0' where a letter has no plain base).
constexpr char kLatinBase[] =
    "aaaaaaaceeeeiiii"   // C0-CF  (Æ at C6 handled separately)
    "dnooooo\0ouuuuyts"  // D0-DF  (× at D7; ß at DF handled separately)
    "aaaaaaaceeeeiiii"   // E0-EF
    "dnooooo\0ouuuuyty"  // F0-FF
    "aaaaaaccccccccdd"   // 100-10F
    "ddeeeeeeeeeegggg"   // 110-11F
    "gggghhhhiiiiiiii"   // 120-12F
    "iiiijjkkklllllll"   // 130-13F
    "lllnnnnnnnnnoooo"   // 140-14F
    "oooorrrrrrssssss"   // 150-15F
    "ssttttttuuuuuuuu"   // 160-16F
    "uuuuwwyyyzzzzzzs";  // 170-17F
}  // namespace

std::string FoldForSearch(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    char32_t cp;
    size_t n = Decode(s, i, cp);
    if (cp < 0x80) {
      out += char(std::tolower(static_cast<int>(cp)));
    } else if (cp == 0xDF) {
      out += "ss";
    } else if (cp == 0xC6 || cp == 0xE6) {
      out += "ae";
    } else if (cp == 0x152 || cp == 0x153) {
      out += "oe";
    } else if (cp >= 0xC0 && cp <= 0x17F && kLatinBase[cp - 0xC0] != '\0') {
      out += kLatinBase[cp - 0xC0];
    } else {
      out.append(s.substr(i, n));
    }
    i += n;
  }
  return out;
}

std::string SegmentCjk(std::string_view s) {
  std::string out;
  out.reserve(s.size() * 2);
  for (size_t i = 0; i < s.size();) {
    char32_t cp;
    size_t n = Decode(s, i, cp);
    if (IsCjk(cp)) {
      if (!out.empty() && out.back() != ' ') out += ' ';
      out.append(s.substr(i, n));
      out += ' ';
    } else if (IsCjkPunct(cp)) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out.append(s.substr(i, n));
    }
    i += n;
  }
  return out;
}

std::string FtsQuery(std::string_view query, bool any) {
  const std::string join = any ? " OR " : " AND ";
  std::string segmented = SegmentCjk(query.substr(0, 200));
  std::vector<std::string> words;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) words.push_back(cur);
    cur.clear();
  };
  // Keep letters, digits and CJK; everything else separates words. Quotes never reach FTS5.
  for (size_t i = 0; i < segmented.size();) {
    char32_t cp;
    size_t n = Decode(segmented, i, cp);
    bool keep =
        cp >= 0x80 ? IsCjk(cp) || IsOtherLetter(cp) : std::isalnum(static_cast<int>(cp)) != 0;
    if (keep)
      cur.append(segmented.substr(i, n));
    else if (cp == ' ' && !cur.empty() && cp < 0x80)
      flush();
    else
      flush();
    i += n;
  }
  flush();
  // Consecutive CJK characters form one phrase; Latin words are separate terms (prefix match).
  std::string out;
  std::string phrase;
  auto emitPhrase = [&] {
    if (phrase.empty()) return;
    out += (out.empty() ? "" : join) + std::string("\"") + phrase + "\"";
    phrase.clear();
  };
  for (const auto& w : words) {
    char32_t cp;
    Decode(w, 0, cp);
    if (IsCjk(cp)) {
      phrase += (phrase.empty() ? "" : " ") + w;
    } else {
      emitPhrase();
      // Short words ("a", "it") say too little to suggest anything by themselves.
      if (any && w.size() < 4) continue;
      out += (out.empty() ? "" : join) + std::string("\"") + w + "\"*";
    }
  }
  emitPhrase();
  return out;
}

std::string Trim(std::string_view s) {
  auto space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

}  // namespace tongban::text
