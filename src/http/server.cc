#include "http/server.h"

#include <boost/url/parse.hpp>

#include <cstdio>

#include "common/crypto.h"
#include "common/log.h"

namespace tongban::http {

using tcp = asio::ip::tcp;
using asio::use_awaitable;

Response ErrorResponse(unsigned status, const std::string& code, const std::string& message,
                       const std::string& requestId, const json::object& fields) {
  json::object err{
      {"code", code}, {"message", message}, {"fields", fields}, {"request_id", requestId}};
  return Response::Json(status, json::object{{"error", std::move(err)}});
}

HttpServer::HttpServer(ServerOptions options, const Router& router, Metrics& metrics)
    : options_(std::move(options)),
      router_(router),
      metrics_(metrics),
      ioc_(std::max(1, options_.ioThreads)),
      workers_(size_t(std::max(1, options_.workerThreads))),
      acceptor_(ioc_),
      requestIdPrefix_(crypto::RandomToken(6)) {}

HttpServer::~HttpServer() {
  workers_.stop();
  workers_.join();
}

Status HttpServer::listen() {
  boost::system::error_code ec;
  auto addr = asio::ip::make_address(options_.host, ec);
  if (ec) return Status::InvalidArgument("bad listen address '" + options_.host + "'");
  tcp::endpoint ep(addr, options_.port);
  acceptor_.open(ep.protocol(), ec);
  if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(ep, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec)
    return Status::Unavailable("cannot listen on " + options_.host + ":" +
                               std::to_string(options_.port) + ": " + ec.message());
  port_ = acceptor_.local_endpoint().port();
  return Status::Ok();
}

void HttpServer::run(bool handleSignals) {
  asio::signal_set signals(ioc_);
  if (handleSignals) {
    signals.add(SIGTERM);
    signals.add(SIGINT);
    signals.async_wait([this](boost::system::error_code ec, int sig) {
      if (ec) return;
      log::Info("shutdown requested", {{"signal", sig}, {"in_flight", inFlight_.load()}});
      beginShutdown();
    });
  }
  asio::co_spawn(ioc_, acceptLoop(), asio::detached);
  std::vector<std::thread> threads;
  for (int i = 1; i < options_.ioThreads; ++i) threads.emplace_back([this] { ioc_.run(); });
  ioc_.run();
  for (auto& t : threads) t.join();
  signals.cancel();
  workers_.join();
}

void HttpServer::stop() {
  asio::post(ioc_, [this] { beginShutdown(); });
}

void HttpServer::beginShutdown() {
  if (stopping_.exchange(true)) return;
  boost::system::error_code ec;
  acceptor_.close(ec);
  // Wait for in-flight requests to be answered, then stop the loop (idle keep-alive
  // connections are simply closed).
  auto timer = std::make_shared<asio::steady_timer>(ioc_);
  auto deadline = std::chrono::steady_clock::now() + options_.shutdownGrace;
  auto poll = std::make_shared<std::function<void()>>();
  *poll = [this, timer, deadline, poll] {
    if (inFlight_.load() == 0 || std::chrono::steady_clock::now() >= deadline) {
      log::Info("stopped", {{"in_flight", inFlight_.load()}});
      ioc_.stop();
      *poll = nullptr;  // break the cycle
      return;
    }
    timer->expires_after(std::chrono::milliseconds(20));
    timer->async_wait([poll](boost::system::error_code) {
      if (*poll) (*poll)();
    });
  };
  (*poll)();
}

asio::awaitable<void> HttpServer::acceptLoop() {
  while (!stopping_) {
    boost::system::error_code ec;
    // Each connection gets its own strand, so a WebSocket's reads and queued writes from other
    // threads never run at the same time.
    tcp::socket sock = co_await acceptor_.async_accept(asio::make_strand(ioc_),
                                                       asio::redirect_error(use_awaitable, ec));
    if (ec) {
      if (stopping_ || ec == asio::error::operation_aborted) co_return;
      log::Warn("accept failed", {{"error", ec.message()}});
      continue;
    }
    sock.set_option(tcp::no_delay(true), ec);
    asio::co_spawn(sock.get_executor(), session(beast::tcp_stream(std::move(sock))),
                   asio::detached);
  }
}

Response HttpServer::invoke(const Route& route, Request& req) {
  try {
    return route.handler(req);
  } catch (const std::exception& e) {
    log::Error("handler failed",
               {{"request_id", req.requestId}, {"route", route.pattern}, {"error", e.what()}});
  } catch (...) {
    log::Error("handler failed", {{"request_id", req.requestId}, {"route", route.pattern}});
  }
  return ErrorResponse(500, "internal", "internal error", req.requestId);
}

asio::awaitable<void> HttpServer::drainAndClose(beast::tcp_stream& stream,
                                                beast::flat_buffer& buffer) {
  // The client may still be sending a body we refused. Read and drop some of it so the close
  // does not reset the connection before the client has read our answer.
  boost::system::error_code ec;
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  stream.expires_after(std::chrono::seconds(2));
  size_t dropped = 0;
  while (dropped < 8 * 1024 * 1024) {
    buffer.consume(buffer.size());
    size_t n = co_await stream.async_read_some(buffer.prepare(64 * 1024),
                                               asio::redirect_error(use_awaitable, ec));
    if (ec) break;
    dropped += n;
  }
  stream.socket().close(ec);
}

namespace {
bool ValidRequestId(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.')
      return false;
  return true;
}

bool IsJsonContentType(const std::string& ct) {
  std::string lower;
  for (char c : ct) lower += char(std::tolower(static_cast<unsigned char>(c)));
  return lower == "application/json" || lower.rfind("application/json;", 0) == 0;
}
}  // namespace

asio::awaitable<void> HttpServer::session(beast::tcp_stream stream) {
  beast::flat_buffer buffer;
  boost::system::error_code ec;
  std::string ip;
  {
    auto ep = stream.socket().remote_endpoint(ec);
    if (!ec) ip = ep.address().to_string();
  }
  bool first = true;
  for (;;) {
    bhttp::request_parser<bhttp::empty_body> hp;
    hp.header_limit(uint32_t(options_.headerLimit));
    hp.body_limit(boost::none);  // checked per route below
    stream.expires_after(first ? options_.headerTimeout : options_.idleTimeout);
    first = false;
    co_await bhttp::async_read_header(stream, buffer, hp, asio::redirect_error(use_awaitable, ec));
    if (ec) {
      if (ec == bhttp::error::header_limit || ec == bhttp::error::bad_method ||
          ec == bhttp::error::bad_target || ec == bhttp::error::bad_version ||
          ec == bhttp::error::bad_field || ec == bhttp::error::bad_value ||
          ec == bhttp::error::bad_line_ending || ec == bhttp::error::bad_content_length ||
          ec == bhttp::error::bad_transfer_encoding) {
        bool big = ec == bhttp::error::header_limit;
        Response r = ErrorResponse(big ? 431 : 400, big ? "header_too_large" : "bad_request",
                                   big ? "request header too large" : "malformed HTTP request", "");
        bhttp::response<bhttp::string_body> res{bhttp::status(r.status), 11};
        res.set(bhttp::field::content_type, r.contentType);
        res.keep_alive(false);
        res.body() = r.body;
        res.prepare_payload();
        stream.expires_after(std::chrono::seconds(5));
        co_await bhttp::async_write(stream, res, asio::redirect_error(use_awaitable, ec));
      }
      break;
    }
    auto started = std::chrono::steady_clock::now();
    ++inFlight_;
    struct InFlight {
      std::atomic<int>* n;
      void release() {
        if (n) --*n;
        n = nullptr;
      }
      ~InFlight() { release(); }
    } guard{&inFlight_};

    Request req;
    req.remoteIp = ip;
    {
      auto it = hp.get().find("X-Request-Id");
      std::string given = it == hp.get().end() ? "" : std::string(it->value());
      req.requestId = ValidRequestId(given)
                          ? given
                          : requestIdPrefix_ + "-" + std::to_string(++requestCounter_);
    }
    req.method = hp.get().method();
    req.workers = workers_.get_executor();
    req.headers = hp.get().base();
    bool keepAlive = hp.get().keep_alive();
    bool bodyUnread = hp.get().chunked() || (hp.content_length() && *hp.content_length() > 0);
    std::string routeName = "unmatched";
    Response resp;
    const Route* route = nullptr;

    auto target = boost::urls::parse_origin_form(std::string_view(hp.get().target()));
    if (!target) {
      resp =
          ErrorResponse(400, "bad_target", "the request target is not a valid path", req.requestId);
    } else {
      req.path = std::string(target->path());
      for (auto p : target->params()) req.query[std::string(p.key)] = std::string(p.value);
      Match m = router_.match(req.method, req.path);
      if (!m.route) {
        resp =
            m.methodNotAllowed
                ? ErrorResponse(405, "method_not_allowed", "method not allowed here", req.requestId)
                : ErrorResponse(404, "not_found", "no such endpoint", req.requestId);
      } else {
        route = m.route;
        routeName = route->pattern;
        req.params = std::move(m.params);
      }
    }

    if (route && bodyUnread) {
      size_t limit = route->body == BodyKind::kNone ? 0 : route->bodyLimit;
      if (hp.content_length() && *hp.content_length() > limit) {
        resp = limit == 0 ? ErrorResponse(400, "unexpected_body", "this endpoint takes no body",
                                          req.requestId)
                          : ErrorResponse(
                                413, "too_large",
                                "the body is larger than " + std::to_string(limit) + " bytes",
                                req.requestId,
                                {{"body",
                                  {{"code", "too_large"},
                                   {"message", "at most " + std::to_string(limit) + " bytes"}}}});
        route = nullptr;
      } else if (route->body == BodyKind::kJson &&
                 !IsJsonContentType(std::string(hp.get()[bhttp::field::content_type]))) {
        resp = ErrorResponse(
            415, "unsupported_media_type", "send the body as application/json", req.requestId,
            {{"Content-Type", {{"code", "type"}, {"message", "must be application/json"}}}});
        route = nullptr;
      } else {
        if (beast::iequals(hp.get()[bhttp::field::expect], "100-continue")) {
          bhttp::response<bhttp::empty_body> cont{bhttp::status::continue_, 11};
          co_await bhttp::async_write(stream, cont, asio::redirect_error(use_awaitable, ec));
          if (ec) break;
        }
        stream.expires_after(options_.bodyTimeout);
        if (route->body == BodyKind::kFile) {
          req.bodyFile = options_.tempDir / ("upload-" + crypto::RandomToken(12));
          bhttp::request_parser<bhttp::file_body> p{std::move(hp)};
          p.body_limit(limit);
          p.get().body().open(req.bodyFile.c_str(), beast::file_mode::write_new, ec);
          if (ec) {
            log::Error("cannot open upload temp file",
                       {{"request_id", req.requestId}, {"error", ec.message()}});
            resp =
                ErrorResponse(503, "unavailable", "cannot accept uploads right now", req.requestId);
            route = nullptr;
          } else {
            co_await bhttp::async_read(stream, buffer, p, asio::redirect_error(use_awaitable, ec));
            p.get().body().close();
          }
        } else {
          bhttp::request_parser<bhttp::string_body> p{std::move(hp)};
          p.body_limit(limit);
          co_await bhttp::async_read(stream, buffer, p, asio::redirect_error(use_awaitable, ec));
          if (!ec) req.body = std::move(p.get().body());
        }
        if (route && ec) {
          std::error_code fec;
          if (!req.bodyFile.empty()) std::filesystem::remove(req.bodyFile, fec);
          if (ec == bhttp::error::body_limit) {
            resp = ErrorResponse(413, "too_large",
                                 "the body is larger than " + std::to_string(limit) + " bytes",
                                 req.requestId);
            route = nullptr;
          } else {
            break;  // timeout or the client went away: nobody to answer
          }
        } else if (route) {
          bodyUnread = false;
        }
      }
    } else if (route) {
      bodyUnread = false;
    }

    if (route && route->body == BodyKind::kJson && req.body.empty() &&
        req.method != bhttp::verb::get && req.method != bhttp::verb::delete_) {
      // An empty JSON body is an empty object; handlers still validate required fields.
      req.body = "{}";
    }
    if (route) {
      resp = co_await asio::co_spawn(
          workers_, [&]() -> asio::awaitable<Response> { co_return invoke(*route, req); },
          use_awaitable);
      if (route->ws && resp.status == 200 && boost::beast::websocket::is_upgrade(hp.get())) {
        // A long-lived connection: it does not hold up a graceful shutdown.
        guard.release();
        metrics_.observeRequest(routeName, 101, 0);
        log::Info("websocket", {{"request_id", req.requestId}, {"route", routeName}});
        co_await route->ws(std::move(req), std::move(stream), hp.release());
        co_return;
      }
      if (route->ws && resp.status == 200)
        resp =
            ErrorResponse(426, "upgrade_required", "this endpoint speaks WebSocket", req.requestId);
    }
    if (!req.bodyFile.empty()) {
      std::error_code fec;
      std::filesystem::remove(req.bodyFile, fec);
    }

    bool close = !keepAlive || stopping_ || bodyUnread;
    unsigned status = resp.status;
    if (!resp.file.empty()) {
      bhttp::response<bhttp::file_body> res{bhttp::status(resp.status), 11};
      res.body().open(resp.file.c_str(), beast::file_mode::scan, ec);
      if (ec) {
        log::Error("cannot open file for response",
                   {{"request_id", req.requestId}, {"error", ec.message()}});
        resp = ErrorResponse(500, "internal", "internal error", req.requestId);
        resp.file.clear();
        status = 500;
      } else {
        res.set(bhttp::field::content_type, resp.contentType);
        res.set("X-Request-Id", req.requestId);
        res.set("X-Content-Type-Options", "nosniff");
        for (const auto& [k, v] : resp.headers) res.set(k, v);
        res.keep_alive(!close);
        res.prepare_payload();
        stream.expires_after(options_.bodyTimeout);
        co_await bhttp::async_write(stream, res, asio::redirect_error(use_awaitable, ec));
      }
    }
    if (resp.file.empty()) {
      bhttp::response<bhttp::string_body> res{bhttp::status(resp.status), 11};
      res.set(bhttp::field::content_type, resp.contentType);
      res.set("X-Request-Id", req.requestId);
      res.set("X-Content-Type-Options", "nosniff");
      res.set(bhttp::field::cache_control, "no-store");
      for (const auto& [k, v] : resp.headers) res.set(k, v);
      res.keep_alive(!close);
      res.body() = std::move(resp.body);
      res.prepare_payload();
      stream.expires_after(options_.bodyTimeout);
      co_await bhttp::async_write(stream, res, asio::redirect_error(use_awaitable, ec));
    }
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    metrics_.observeRequest(routeName, status, seconds);
    if (status >= 500 || routeName != "/metrics")
      log::Write(status >= 500 ? log::Level::kError : log::Level::kInfo, "request",
                 {{"request_id", req.requestId},
                  {"method", std::string(bhttp::to_string(req.method))},
                  {"route", routeName},
                  {"status", status},
                  {"ms", seconds * 1000}});
    if (ec) break;
    if (close) {
      if (bodyUnread) co_await drainAndClose(stream, buffer);
      break;
    }
  }
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
}

}  // namespace tongban::http
