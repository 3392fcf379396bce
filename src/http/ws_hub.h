#pragma once
// WebSocket rooms on one node: peers join a room under a role; messages go to the others in
// the room or to everyone. Sending is safe from any thread: writes are queued on the peer's
// strand. (Several nodes will carry room messages over PostgreSQL LISTEN/NOTIFY.)

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace tongban::http {

class WsPeer : public std::enable_shared_from_this<WsPeer> {
 public:
  using Stream = boost::beast::websocket::stream<boost::beast::tcp_stream>;
  explicit WsPeer(Stream ws) : ws_(std::move(ws)) {}
  Stream& stream() { return ws_; }
  //! Queues a text message; never blocks.
  void send(std::string message);
  //! Drops the connection (the reader sees an error and leaves its room); never blocks.
  void close();

 private:
  boost::asio::awaitable<void> pump();
  Stream ws_;
  std::deque<std::string> queue_;  // touched only on the stream's strand
  bool writing_ = false;           // touched only on the stream's strand
};

//! Timeouts of an accepted WebSocket. The server pings a peer that has been silent for half of
//! `idle` and drops it if nothing (not even the pong) arrives by `idle`.
struct WsTimeouts {
  std::chrono::seconds handshake{15};
  std::chrono::seconds idle{20};
};

//! Completes the upgrade of an HTTP connection the router handed over: clears the expiry the
//! HTTP session left on the TCP stream (it would close the socket mid-conversation), puts
//! WebSocket timeouts in its place (handshake, idle with keep-alive pings), limits incoming
//! messages to `maxMessage` bytes and answers the handshake. Null if the handshake failed.
//! Every WebSocket route takes its connection through here.
boost::asio::awaitable<std::shared_ptr<WsPeer>> AcceptWebSocket(
    boost::beast::tcp_stream stream,
    const boost::beast::http::request<boost::beast::http::empty_body>& upgrade, size_t maxMessage,
    WsTimeouts timeouts);

class WsHub {
 public:
  //! The timeouts every WebSocket of this hub uses (from the configuration).
  void setTimeouts(WsTimeouts t) { timeouts_ = t; }
  WsTimeouts timeouts() const { return timeouts_; }
  void join(const std::string& room, const std::string& role, std::shared_ptr<WsPeer> peer);
  void leave(const std::string& room, const std::shared_ptr<WsPeer>& peer);
  void broadcast(const std::string& room, const std::string& message);
  void sendToOthers(const std::string& room, const WsPeer* from, const std::string& message);
  //! Drops every connection in `room`: a disabled or deleted account keeps no live socket, so
  //! nothing more reaches it and nothing more is accepted from it.
  void closeRoom(const std::string& room);
  //! Roles present in `room` (a role appears once per connection).
  std::vector<std::string> roles(const std::string& room);
  //! Forgets every peer; called when the server stops, before its I/O context goes away.
  void clear();

 private:
  WsTimeouts timeouts_;
  std::mutex mu_;
  std::map<std::string, std::vector<std::pair<std::string, std::shared_ptr<WsPeer>>>>
      rooms_;  // guarded by mu_
};

}  // namespace tongban::http
