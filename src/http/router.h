#pragma once
// An explicit route table: method, pattern ("/api/v1/cases/:id"), how the body is read and
// how large it may be, and the handler. Handlers run on the worker pool and may block.

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "common/json.h"

namespace tongban::http {

namespace bhttp = boost::beast::http;

enum class BodyKind {
  kNone,  // no body expected
  kJson,  // application/json, buffered up to the limit
  kFile,  // streamed to a temp file up to the limit (uploads)
};

struct Request {
  bhttp::verb method = bhttp::verb::get;
  std::string path;                           // decoded path
  std::map<std::string, std::string> query;   // decoded, last value wins
  std::map<std::string, std::string> params;  // from the pattern
  bhttp::fields headers;
  std::string body;
  std::filesystem::path bodyFile;  // kFile routes
  std::string requestId;
  std::string remoteIp;
  boost::asio::any_io_executor workers;  // the handler pool, for WebSocket handlers that block

  std::string header(bhttp::field f) const {
    auto it = headers.find(f);
    return it == headers.end() ? std::string() : std::string(it->value());
  }
  std::string header(const char* name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : std::string(it->value());
  }
};

struct Response {
  unsigned status = 200;
  std::string contentType = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::filesystem::path file;  // when set, the body is streamed from this file

  static Response Json(unsigned status, const json::value& v) {
    Response r;
    r.status = status;
    r.body = json::serialize(v);
    return r;
  }
};

using Handler = std::function<Response(Request&)>;

//! Takes over a connection after a successful WebSocket upgrade. The route's Handler runs
//! first (on the worker pool) and must answer 200 for the upgrade to go ahead.
using WsHandler = std::function<boost::asio::awaitable<void>(Request, boost::beast::tcp_stream,
                                                             bhttp::request<bhttp::empty_body>)>;

struct Route {
  bhttp::verb method;
  std::string pattern;
  BodyKind body = BodyKind::kNone;
  size_t bodyLimit = 0;
  Handler handler;
  std::vector<std::string> segments;  // pattern split on '/'
  WsHandler ws;                       // set for WebSocket routes
};

struct Match {
  const Route* route = nullptr;
  std::map<std::string, std::string> params;
  bool methodNotAllowed = false;
};

class Router {
 public:
  //! Adds a route. Patterns are '/'-separated; ":name" matches one segment, a final "*" the rest.
  void add(bhttp::verb method, std::string pattern, BodyKind body, size_t bodyLimit,
           Handler handler);
  //! A WebSocket route: `check` authorises the upgrade (answer 200 to accept), `ws` serves it.
  void addWebSocket(std::string pattern, Handler check, WsHandler ws);
  Match match(bhttp::verb method, const std::string& path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace tongban::http
