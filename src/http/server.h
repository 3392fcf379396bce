#pragma once
// HTTP/1.1 server on Boost.Beast with C++20 coroutines: one coroutine per connection on the
// I/O threads; handlers run on a separate worker pool because they may block on the database.
// Body limits are applied from the header, before any body is buffered.

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "common/status.h"
#include "http/metrics.h"
#include "http/router.h"

namespace tongban::http {

namespace asio = boost::asio;
namespace beast = boost::beast;

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;
  int ioThreads = 2;
  int workerThreads = 32;
  size_t headerLimit = 16 * 1024;
  std::chrono::seconds headerTimeout{15};
  std::chrono::seconds bodyTimeout{120};
  std::chrono::seconds idleTimeout{60};
  std::chrono::seconds shutdownGrace{30};
  std::filesystem::path tempDir;  // where streamed uploads land
};

class HttpServer {
 public:
  HttpServer(ServerOptions options, const Router& router, Metrics& metrics);
  ~HttpServer();

  //! Binds and listens; port 0 picks a free port (see port()).
  Status listen();
  unsigned short port() const { return port_; }
  //! Serves until stop() (or SIGTERM/SIGINT when `handleSignals`); returns when drained.
  void run(bool handleSignals);
  //! Stops accepting, lets in-flight requests finish (up to shutdownGrace), then returns from
  //! run().
  void stop();

 private:
  asio::awaitable<void> acceptLoop();
  asio::awaitable<void> session(beast::tcp_stream stream);
  asio::awaitable<void> drainAndClose(beast::tcp_stream& stream, beast::flat_buffer& buffer);
  Response invoke(const Route& route, Request& req);
  void beginShutdown();

  ServerOptions options_;
  const Router& router_;
  Metrics& metrics_;
  asio::io_context ioc_;
  asio::thread_pool workers_;
  asio::ip::tcp::acceptor acceptor_;
  unsigned short port_ = 0;
  std::atomic<int> inFlight_{0};
  std::atomic<bool> stopping_{false};
  std::atomic<uint64_t> requestCounter_{0};
  std::string requestIdPrefix_;
};

//! The JSON error body every failure uses.
Response ErrorResponse(unsigned status, const std::string& code, const std::string& message,
                       const std::string& requestId, const json::object& fields = {});

}  // namespace tongban::http
