#pragma once
// WebSocket clients for the integration tests: a blocking one that reads only when asked (so it
// answers the server's pings only while reading), and one that reads all the time on its own
// thread, as a browser does, collecting what arrives.

#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

#include "common/json.h"

namespace tongban::testing {

namespace ws_detail {
namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace asio = boost::asio;

inline void Handshake(websocket::stream<beast::tcp_stream>& ws, unsigned short port,
                      const std::string& path, const std::string& bearer,
                      const std::string& origin = "") {
  ws.next_layer().connect({asio::ip::make_address("127.0.0.1"), port});
  ws.set_option(websocket::stream_base::decorator([bearer, origin](websocket::request_type& req) {
    req.set(beast::http::field::authorization, "Bearer " + bearer);
    if (!origin.empty()) req.set(beast::http::field::origin, origin);
  }));
  websocket::response_type response;
  ws.handshake(response, "127.0.0.1:" + std::to_string(port), path);
}
}  // namespace ws_detail

class WsClient {
 public:
  WsClient(unsigned short port, const std::string& path, const std::string& bearer,
           const std::string& origin = "")
      : ws_(ioc_) {
    ws_detail::Handshake(ws_, port, path, bearer, origin);
  }
  void send(const json::value& v) { ws_.write(boost::asio::buffer(json::serialize(v))); }
  //! Reads messages until one of `type` arrives (bounded by count).
  json::object until(const std::string& type) {
    for (int i = 0; i < 50; ++i) {
      boost::beast::flat_buffer b;
      ws_.read(b);
      auto v = json::parse(boost::beast::buffers_to_string(b.data()));
      if (v.as_object().at("type") == type.c_str()) return v.as_object();
    }
    ADD_FAILURE() << "no " << type << " message";
    return {};
  }
  //! Reads for at most `limit`; true if the server closed the connection in that time.
  bool closedWithin(std::chrono::milliseconds limit) {
    auto deadline = std::chrono::steady_clock::now() + limit;
    for (;;) {
      boost::beast::flat_buffer b;
      boost::system::error_code ec;
      bool done = false;
      ws_.async_read(b, [&](boost::system::error_code e, size_t) {
        ec = e;
        done = true;
      });
      ioc_.restart();
      ioc_.run_until(deadline);
      if (!done) {
        boost::system::error_code ignored;
        boost::beast::get_lowest_layer(ws_).socket().close(ignored);
        ioc_.restart();
        ioc_.run();
        return false;
      }
      if (ec) return true;
    }
  }
  void close() { ws_.close(boost::beast::websocket::close_code::normal); }

 private:
  boost::asio::io_context ioc_;
  boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
};

class ReadingWsClient {
 public:
  ReadingWsClient(unsigned short port, const std::string& path, const std::string& bearer)
      : ws_(ioc_) {
    ws_detail::Handshake(ws_, port, path, bearer);
    read();
    thread_ = std::thread([this] { ioc_.run(); });
  }
  ~ReadingWsClient() {
    boost::asio::post(ioc_, [this] {
      boost::system::error_code ignored;
      boost::beast::get_lowest_layer(ws_).socket().close(ignored);
    });
    thread_.join();
  }
  void send(const json::value& v) {
    auto text = std::make_shared<std::string>(json::serialize(v));
    boost::asio::post(ioc_, [this, text] {
      ws_.async_write(boost::asio::buffer(*text), [text](boost::system::error_code, size_t) {});
    });
  }
  //! The first message of `type` that arrives within `limit` (earlier ones of other types are
  //! skipped and consumed).
  std::optional<json::object> next(const std::string& type, std::chrono::milliseconds limit) {
    std::unique_lock lock(mu_);
    auto deadline = std::chrono::steady_clock::now() + limit;
    for (;;) {
      while (!messages_.empty()) {
        json::object m = std::move(messages_.front());
        messages_.pop_front();
        if (m.contains("type") && m.at("type") == type.c_str()) return m;
      }
      if (closed_ || cv_.wait_until(lock, deadline) == std::cv_status::timeout) {
        if (messages_.empty()) return std::nullopt;
      }
    }
  }
  //! The first `session` push whose state and reconnecting list satisfy `pred`.
  template <typename Pred>
  std::optional<json::object> session(Pred pred, std::chrono::milliseconds limit) {
    auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
      auto m = next("session", std::chrono::duration_cast<std::chrono::milliseconds>(
                                   deadline - std::chrono::steady_clock::now()));
      if (!m) return std::nullopt;
      if (pred(m->at("session").as_object())) return m->at("session").as_object();
    }
    return std::nullopt;
  }
  bool closed() {
    std::lock_guard lock(mu_);
    return closed_;
  }
  std::string closeReason() {
    std::lock_guard lock(mu_);
    return error_;
  }

 private:
  void read() {
    ws_.async_read(buffer_, [this](boost::system::error_code ec, size_t) {
      std::lock_guard lock(mu_);
      if (ec) {
        closed_ = true;
        error_ = ec.message();
        cv_.notify_all();
        return;
      }
      boost::system::error_code perr;
      auto v = json::parse(boost::beast::buffers_to_string(buffer_.data()), perr);
      buffer_.consume(buffer_.size());
      if (!perr && v.is_object()) messages_.push_back(v.as_object());
      cv_.notify_all();
      read();
    });
  }

  boost::asio::io_context ioc_;
  boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
  boost::beast::flat_buffer buffer_;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<json::object> messages_;
  bool closed_ = false;
  std::string error_;
};

}  // namespace tongban::testing
