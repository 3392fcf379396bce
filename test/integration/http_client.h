#pragma once
// A small blocking HTTP/1.1 client for the integration tests (Boost.Beast), one connection
// per request unless told otherwise.

#include <map>
#include <optional>
#include <string>

#include "common/json.h"

namespace tongban::testing {

struct HttpResult {
  unsigned status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  mutable std::optional<json::value> parsed;
  //! The body parsed once (null when it is not JSON); references stay valid with the result.
  const json::value& json() const;
  //! error.fields as an object (empty if none).
  json::object fields() const;
};

class HttpClient {
 public:
  explicit HttpClient(unsigned short port) : port_(port) {}
  HttpResult request(const std::string& method, const std::string& target,
                     const std::string& body = "", std::map<std::string, std::string> headers = {});
  HttpResult get(const std::string& target, std::map<std::string, std::string> headers = {}) {
    return request("GET", target, "", std::move(headers));
  }
  HttpResult postJson(const std::string& target, const json::value& v,
                      std::map<std::string, std::string> headers = {}) {
    headers.emplace("Content-Type", "application/json");
    return request("POST", target, json::serialize(v), std::move(headers));
  }
  unsigned short port() const { return port_; }

 private:
  unsigned short port_;
};

//! A signed-in user: bearer token or cookie + CSRF token.
struct Session {
  std::string token;
  std::string cookie;
  std::string csrf;
  int64_t userId = 0;
  std::map<std::string, std::string> headers() const {
    if (!token.empty()) return {{"Authorization", "Bearer " + token}};
    return {{"Cookie", cookie}, {"X-CSRF-Token", csrf}};
  }
};

Session Login(HttpClient& c, const std::string& email, const std::string& password,
              bool bearer = true);

}  // namespace tongban::testing
