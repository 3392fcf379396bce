#include "common/json.h"

namespace tongban {

Result<json::object> ParseJsonObject(std::string_view body) {
  json::parse_options opts;
  opts.max_depth = 32;
  boost::system::error_code ec;
  json::value v = json::parse(body, ec, {}, opts);
  if (ec)
    return Status::InvalidArgument("request body is not valid JSON",
                                   {{"body", {"malformed_json", ec.message()}}});
  if (!v.is_object())
    return Status::InvalidArgument("request body must be a JSON object",
                                   {{"body", {"type", "expected a JSON object"}}});
  return std::move(v.as_object());
}

const json::value* FieldReader::find(std::string_view key, bool required) {
  auto it = obj_.find(key);
  if (it == obj_.end() || it->value().is_null()) {
    if (required) fail(key, "required", "is required");
    return nullptr;
  }
  return &it->value();
}

void FieldReader::fail(std::string_view key, std::string code, std::string message) {
  errors_.emplace(prefix_ + std::string(key), FieldError{std::move(code), std::move(message)});
}

void FieldReader::rejectUnknown(std::initializer_list<std::string_view> allowed) {
  for (const auto& kv : obj_) {
    bool known = false;
    for (auto a : allowed) known = known || kv.key() == a;
    if (!known) fail(kv.key(), "unknown", "is not a known field");
  }
}

std::optional<std::string> FieldReader::string(std::string_view key, bool required, size_t maxLen,
                                               size_t minLen) {
  const json::value* v = find(key, required);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    fail(key, "type", "must be a string");
    return std::nullopt;
  }
  std::string s(v->as_string());
  if (s.size() > maxLen) {
    fail(key, "too_long", "must be at most " + std::to_string(maxLen) + " bytes");
    return std::nullopt;
  }
  if (s.size() < minLen) {
    fail(key, minLen == 1 ? "required" : "too_short",
         minLen == 1 ? "must not be empty"
                     : "must be at least " + std::to_string(minLen) + " characters");
    return std::nullopt;
  }
  return s;
}

std::optional<int64_t> FieldReader::integer(std::string_view key, bool required, int64_t min,
                                            int64_t max) {
  const json::value* v = find(key, required);
  if (!v) return std::nullopt;
  int64_t n;
  if (v->is_int64()) {
    n = v->as_int64();
  } else if (v->is_uint64() && v->as_uint64() <= uint64_t(INT64_MAX)) {
    n = int64_t(v->as_uint64());
  } else {
    fail(key, "type", "must be an integer");
    return std::nullopt;
  }
  if (n < min || n > max) {
    fail(key, "range", "must be between " + std::to_string(min) + " and " + std::to_string(max));
    return std::nullopt;
  }
  return n;
}

std::optional<bool> FieldReader::boolean(std::string_view key, bool required) {
  const json::value* v = find(key, required);
  if (!v) return std::nullopt;
  if (!v->is_bool()) {
    fail(key, "type", "must be true or false");
    return std::nullopt;
  }
  return v->as_bool();
}

const json::object* FieldReader::object(std::string_view key, bool required) {
  const json::value* v = find(key, required);
  if (!v) return nullptr;
  if (!v->is_object()) {
    fail(key, "type", "must be an object");
    return nullptr;
  }
  return &v->as_object();
}

}  // namespace tongban
