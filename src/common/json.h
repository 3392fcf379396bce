#pragma once
// Reading untrusted JSON into typed values, collecting one error per bad field.

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/status.h"

namespace tongban {

namespace json = boost::json;

//! Parses a request body that must be one JSON object. Depth and size are bounded.
Result<json::object> ParseJsonObject(std::string_view body);

//! Reads fields of one JSON object; each failed read records a field error under `prefix+key`.
class FieldReader {
 public:
  explicit FieldReader(const json::object& obj, std::string prefix = "")
      : obj_(obj), prefix_(std::move(prefix)) {}

  std::optional<std::string> string(std::string_view key, bool required, size_t maxLen = 200,
                                    size_t minLen = 0);
  std::optional<int64_t> integer(std::string_view key, bool required, int64_t min, int64_t max);
  std::optional<bool> boolean(std::string_view key, bool required);
  const json::object* object(std::string_view key, bool required);
  //! Records an error for `key` (prefixed).
  void fail(std::string_view key, std::string code, std::string message);
  //! Fails every key of the object not in `allowed`, so typos do not pass silently.
  void rejectUnknown(std::initializer_list<std::string_view> allowed);

  bool ok() const { return errors_.empty(); }
  FieldErrors& errors() { return errors_; }
  Status status() const {
    return errors_.empty() ? Status::Ok() : Status::InvalidArgument("invalid input", errors_);
  }

 private:
  const json::value* find(std::string_view key, bool required);
  const json::object& obj_;
  std::string prefix_;
  FieldErrors errors_;
};

//! Compact JSON text.
inline std::string ToJson(const json::value& v) { return json::serialize(v); }

//! Times in answers and events: FormatTimestamp() text, null when absent.
inline json::value TimeJson(TimePoint t) { return json::value(FormatTimestamp(t)); }
inline json::value TimeJson(const std::optional<TimePoint>& t) {
  return t ? TimeJson(*t) : json::value(nullptr);
}
//! Calendar dates in answers: "YYYY-MM-DD", null when absent.
inline json::value DateJson(Date d) { return json::value(FormatDate(d)); }
inline json::value DateJson(const std::optional<Date>& d) {
  return d ? DateJson(*d) : json::value(nullptr);
}

}  // namespace tongban
