#include "api/api.h"
#include "common/log.h"
#include "http/server.h"

namespace tongban::api {

http::Response StatusResponse(const Status& s, const http::Request& req) {
  unsigned code = 500;
  switch (s.code()) {
    case StatusCode::kOk:
      code = 200;
      break;
    case StatusCode::kInvalidArgument:
      code = s.fields().empty() ? 400 : 422;
      break;
    case StatusCode::kUnauthenticated:
      code = 401;
      break;
    case StatusCode::kPermissionDenied:
      code = 403;
      break;
    case StatusCode::kNotFound:
      code = 404;
      break;
    case StatusCode::kConflict:
      code = 409;
      break;
    case StatusCode::kTooLarge:
      code = 413;
      break;
    case StatusCode::kUnsupportedMedia:
      code = 415;
      break;
    case StatusCode::kTooManyRequests:
      code = 429;
      break;
    case StatusCode::kUnavailable:
      code = 503;
      break;
    case StatusCode::kInternal:
      code = 500;
      break;
  }
  // Malformed JSON is a 400 even though it names the body as a field.
  if (s.code() == StatusCode::kInvalidArgument && s.fields().count("body")) code = 400;
  if (code == 500) {
    log::Error("internal error", {{"request_id", req.requestId}, {"error", s.message()}});
    return http::ErrorResponse(500, "internal", "internal error", req.requestId);
  }
  json::object fields;
  for (const auto& [name, err] : s.fields())
    fields[name] = {{"code", err.code}, {"message", err.message}};
  return http::ErrorResponse(code, StatusCodeName(s.code()), s.message(), req.requestId, fields);
}

http::Response JsonAnswer(const Result<json::object>& r, const http::Request& req, const char* key,
                          unsigned ok) {
  if (!r.ok()) return StatusResponse(r.status(), req);
  return http::Response::Json(ok, json::object{{key, *r}});
}

}  // namespace tongban::api
