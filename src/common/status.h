#pragma once
// Expected failures as values. A Status is OK or carries a code, a message and, for input
// errors, per-field messages. Mapped to HTTP in exactly one place (api/errors.cc).

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace tongban {

enum class StatusCode {
  kOk,
  kInvalidArgument,   // 400 / 422: bad input; fields say which
  kUnauthenticated,   // 401
  kPermissionDenied,  // 403
  kNotFound,          // 404
  kConflict,          // 409: state does not allow it
  kTooLarge,          // 413
  kUnsupportedMedia,  // 415
  kTooManyRequests,   // 429
  kUnavailable,       // 503: shutting down, overloaded
  kInternal,          // 500: a bug or an environment failure; never caused by client input
};

//! One field's error: a stable code the UI can translate and an English message.
struct FieldError {
  std::string code;
  std::string message;
};

using FieldErrors = std::map<std::string, FieldError>;

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message, FieldErrors fields = {})
      : code_(code), message_(std::move(message)), fields_(std::move(fields)) {}

  static Status Ok() { return {}; }
  static Status InvalidArgument(std::string msg, FieldErrors fields = {}) {
    return {StatusCode::kInvalidArgument, std::move(msg), std::move(fields)};
  }
  static Status InvalidField(const std::string& field, std::string code, std::string msg) {
    return {StatusCode::kInvalidArgument,
            "invalid input",
            {{field, {std::move(code), std::move(msg)}}}};
  }
  static Status Unauthenticated(std::string msg) {
    return {StatusCode::kUnauthenticated, std::move(msg)};
  }
  static Status PermissionDenied(std::string msg) {
    return {StatusCode::kPermissionDenied, std::move(msg)};
  }
  static Status NotFound(std::string msg) { return {StatusCode::kNotFound, std::move(msg)}; }
  static Status Conflict(std::string msg) { return {StatusCode::kConflict, std::move(msg)}; }
  static Status TooLarge(std::string msg) { return {StatusCode::kTooLarge, std::move(msg)}; }
  static Status UnsupportedMedia(std::string msg) {
    return {StatusCode::kUnsupportedMedia, std::move(msg)};
  }
  static Status TooManyRequests(std::string msg) {
    return {StatusCode::kTooManyRequests, std::move(msg)};
  }
  static Status Unavailable(std::string msg) { return {StatusCode::kUnavailable, std::move(msg)}; }
  static Status Internal(std::string msg) { return {StatusCode::kInternal, std::move(msg)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  bool IsNotFound() const { return code_ == StatusCode::kNotFound; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const FieldErrors& fields() const { return fields_; }
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  FieldErrors fields_;
};

//! A value or the Status that explains why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  //! An empty result that holds an internal error; exists for containers and async plumbing.
  Result() : v_(Status::Internal("no result")) {}
  Result(T value) : v_(std::move(value)) {}         // NOLINT(google-explicit-constructor)
  Result(Status status) : v_(std::move(status)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOkStatus;
    return ok() ? kOkStatus : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

const char* StatusCodeName(StatusCode code);

}  // namespace tongban

#define TB_RETURN_IF_ERROR(expr)             \
  do {                                       \
    ::tongban::Status tb_status_ = (expr);   \
    if (!tb_status_.ok()) return tb_status_; \
  } while (0)

#define TB_CONCAT_INNER(a, b) a##b
#define TB_CONCAT(a, b) TB_CONCAT_INNER(a, b)
#define TB_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                             \
  if (!tmp.ok()) return tmp.status();            \
  lhs = std::move(tmp).value()
#define TB_ASSIGN_OR_RETURN(lhs, expr) \
  TB_ASSIGN_OR_RETURN_IMPL(TB_CONCAT(tb_result_, __LINE__), lhs, expr)
