#include "http/ws_hub.h"

namespace tongban::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = boost::beast::websocket;

asio::awaitable<std::shared_ptr<WsPeer>> AcceptWebSocket(
    beast::tcp_stream stream, const beast::http::request<beast::http::empty_body>& upgrade,
    size_t maxMessage, WsTimeouts timeouts) {
  WsPeer::Stream ws(std::move(stream));
  // The HTTP session armed the TCP stream's timer for a header read or a response write; left
  // alone it closes the socket that many seconds later, whatever the WebSocket is doing.
  beast::get_lowest_layer(ws).expires_never();
  websocket::stream_base::timeout opt{};
  opt.handshake_timeout = timeouts.handshake;
  opt.idle_timeout = timeouts.idle;
  opt.keep_alive_pings = true;
  ws.set_option(opt);
  ws.read_message_max(maxMessage);
  boost::system::error_code ec;
  co_await ws.async_accept(upgrade, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return nullptr;
  co_return std::make_shared<WsPeer>(std::move(ws));
}

void WsPeer::send(std::string message) {
  asio::post(ws_.get_executor(), [self = shared_from_this(), m = std::move(message)]() mutable {
    if (self->queue_.size() > 1000)
      return;  // a peer that stopped reading loses messages, not memory
    self->queue_.push_back(std::move(m));
    if (!self->writing_) {
      self->writing_ = true;
      asio::co_spawn(self->ws_.get_executor(), self->pump(), asio::detached);
    }
  });
}

void WsPeer::close() {
  // Closing the TCP socket on the stream's strand ends a pending read or write with an error;
  // a WebSocket close frame could not be sent safely while pump() may be writing.
  asio::post(ws_.get_executor(), [self = shared_from_this()] {
    auto& socket = beast::get_lowest_layer(self->ws_).socket();
    boost::system::error_code ec;
    socket.shutdown(asio::ip::tcp::socket::shutdown_both, ec);
    socket.close(ec);
  });
}

asio::awaitable<void> WsPeer::pump() {
  auto self = shared_from_this();
  while (!queue_.empty()) {
    std::string m = std::move(queue_.front());
    queue_.pop_front();
    boost::system::error_code ec;
    ws_.text(true);
    co_await ws_.async_write(asio::buffer(m), asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
      queue_.clear();
      break;
    }
  }
  writing_ = false;
}

void WsHub::join(const std::string& room, const std::string& role, std::shared_ptr<WsPeer> peer) {
  std::lock_guard lock(mu_);
  rooms_[room].emplace_back(role, std::move(peer));
}

void WsHub::leave(const std::string& room, const std::shared_ptr<WsPeer>& peer) {
  std::lock_guard lock(mu_);
  auto it = rooms_.find(room);
  if (it == rooms_.end()) return;
  auto& v = it->second;
  v.erase(std::remove_if(v.begin(), v.end(), [&](auto& p) { return p.second == peer; }), v.end());
  if (v.empty()) rooms_.erase(it);
}

void WsHub::closeRoom(const std::string& room) {
  std::vector<std::shared_ptr<WsPeer>> peers;
  {
    std::lock_guard lock(mu_);
    if (auto it = rooms_.find(room); it != rooms_.end())
      for (auto& [role, p] : it->second) peers.push_back(p);
  }
  for (auto& p : peers) p->close();
}

void WsHub::broadcast(const std::string& room, const std::string& message) {
  std::vector<std::shared_ptr<WsPeer>> peers;
  {
    std::lock_guard lock(mu_);
    if (auto it = rooms_.find(room); it != rooms_.end())
      for (auto& [role, p] : it->second) peers.push_back(p);
  }
  for (auto& p : peers) p->send(message);
}

void WsHub::sendToOthers(const std::string& room, const WsPeer* from, const std::string& message) {
  std::vector<std::shared_ptr<WsPeer>> peers;
  {
    std::lock_guard lock(mu_);
    if (auto it = rooms_.find(room); it != rooms_.end())
      for (auto& [role, p] : it->second)
        if (p.get() != from) peers.push_back(p);
  }
  for (auto& p : peers) p->send(message);
}

void WsHub::clear() {
  std::lock_guard lock(mu_);
  rooms_.clear();
}

std::vector<std::string> WsHub::roles(const std::string& room) {
  std::lock_guard lock(mu_);
  std::vector<std::string> out;
  if (auto it = rooms_.find(room); it != rooms_.end())
    for (auto& [role, p] : it->second) out.push_back(role);
  return out;
}

}  // namespace tongban::http
