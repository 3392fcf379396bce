#include "certificates/canonical_json.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace tongban::certificates {
namespace {

constexpr int64_t kMaxSafeInteger = (int64_t{1} << 53) - 1;

//! UTF-16 code units of a UTF-8 string; nullopt when the bytes are not valid UTF-8 (overlong
//! forms, surrogates and code points above U+10FFFF included).
std::optional<std::u16string> ToUtf16(std::string_view s) {
  std::u16string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    auto b0 = static_cast<unsigned char>(s[i]);
    uint32_t cp;
    size_t len;
    if (b0 < 0x80) {
      cp = b0;
      len = 1;
    } else if (b0 >= 0xC2 && b0 <= 0xDF) {
      cp = b0 & 0x1F;
      len = 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      cp = b0 & 0x0F;
      len = 3;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      cp = b0 & 0x07;
      len = 4;
    } else {
      return std::nullopt;
    }
    if (i + len > s.size()) return std::nullopt;
    for (size_t k = 1; k < len; ++k) {
      auto b = static_cast<unsigned char>(s[i + k]);
      if ((b & 0xC0) != 0x80) return std::nullopt;
      cp = (cp << 6) | (b & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return std::nullopt;
    }
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out.push_back(static_cast<char16_t>(0xD800 + (cp >> 10)));
      out.push_back(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
    } else {
      out.push_back(static_cast<char16_t>(cp));
    }
    i += len;
  }
  return out;
}

Status AppendString(std::string_view s, std::string& out) {
  if (!ToUtf16(s)) return Status::InvalidArgument("canonical JSON: string is not valid UTF-8");
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (u < 0x20) {
          out += "\\u00";
          out.push_back(kHex[u >> 4]);
          out.push_back(kHex[u & 0xF]);
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
  return Status::Ok();
}

Status Append(const json::value& v, std::string& out, int depth) {
  // Certificates are shallow; the bound only stops a hostile payload from exhausting the stack.
  if (depth > 64) return Status::InvalidArgument("canonical JSON: nested too deeply");
  switch (v.kind()) {
    case json::kind::null:
      out += "null";
      return Status::Ok();
    case json::kind::bool_:
      out += v.get_bool() ? "true" : "false";
      return Status::Ok();
    case json::kind::int64: {
      int64_t n = v.get_int64();
      if (n > kMaxSafeInteger || n < -kMaxSafeInteger) {
        return Status::InvalidArgument("canonical JSON: integer beyond 2^53-1");
      }
      out += std::to_string(n);
      return Status::Ok();
    }
    case json::kind::uint64: {
      uint64_t n = v.get_uint64();
      if (n > static_cast<uint64_t>(kMaxSafeInteger)) {
        return Status::InvalidArgument("canonical JSON: integer beyond 2^53-1");
      }
      out += std::to_string(n);
      return Status::Ok();
    }
    case json::kind::double_:
      return Status::InvalidArgument("canonical JSON: only integers are allowed, not " +
                                     json::serialize(v));
    case json::kind::string:
      return AppendString(v.get_string(), out);
    case json::kind::array: {
      out.push_back('[');
      bool first = true;
      for (const auto& e : v.get_array()) {
        if (!first) out.push_back(',');
        first = false;
        TB_RETURN_IF_ERROR(Append(e, out, depth + 1));
      }
      out.push_back(']');
      return Status::Ok();
    }
    case json::kind::object: {
      // JCS orders members by the UTF-16 code units of their names (not by code points, nor by
      // UTF-8 bytes: they differ above U+FFFF versus U+E000..U+FFFF).
      std::vector<std::pair<std::u16string, const json::key_value_pair*>> members;
      members.reserve(v.get_object().size());
      for (const auto& kv : v.get_object()) {
        auto key = ToUtf16(kv.key());
        if (!key) return Status::InvalidArgument("canonical JSON: member name is not valid UTF-8");
        members.emplace_back(std::move(*key), &kv);
      }
      std::sort(members.begin(), members.end(),
                [](const auto& a, const auto& b) { return a.first < b.first; });
      out.push_back('{');
      for (size_t i = 0; i < members.size(); ++i) {
        if (i > 0) out.push_back(',');
        TB_RETURN_IF_ERROR(AppendString(members[i].second->key(), out));
        out.push_back(':');
        TB_RETURN_IF_ERROR(Append(members[i].second->value(), out, depth + 1));
      }
      out.push_back('}');
      return Status::Ok();
    }
  }
  return Status::Internal("canonical JSON: unknown kind");
}

}  // namespace

Result<std::string> Canonicalize(const json::value& v) {
  std::string out;
  TB_RETURN_IF_ERROR(Append(v, out, 0));
  return out;
}

}  // namespace tongban::certificates
