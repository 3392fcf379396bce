#pragma once
// A real SMTP conversation partner on loopback for the integration tests: accepts each message
// and keeps its DATA, so tests read the e-mails the server sent.

#include <sodium.h>

#include <boost/asio.hpp>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace tongban::testing {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

//! Unblocks a thread waiting in accept() on `port`.
inline void Wake(unsigned short port) {
  asio::io_context ioc;
  tcp::socket s(ioc);
  boost::system::error_code ec;
  s.connect({asio::ip::make_address("127.0.0.1"), port}, ec);
}

//! Accepts SMTP conversations on loopback and keeps each message's DATA.
class SmtpSink {
 public:
  SmtpSink() : acceptor_(ioc_, {asio::ip::make_address("127.0.0.1"), 0}) {
    thread_ = std::thread([this] { serve(); });
  }
  ~SmtpSink() {
    stop_ = true;
    Wake(port());
    thread_.join();
  }
  unsigned short port() const { return acceptor_.local_endpoint().port(); }
  //! Waits up to 10 s for `n` messages.
  std::vector<std::string> wait(size_t n) {
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, std::chrono::seconds(10), [&] { return messages_.size() >= n; });
    return messages_;
  }

 private:
  void serve() {
    while (!stop_) {
      boost::system::error_code ec;
      tcp::socket s(ioc_);
      acceptor_.accept(s, ec);
      if (ec || stop_) return;
      auto say = [&](const std::string& line) { asio::write(s, asio::buffer(line + "\r\n"), ec); };
      asio::streambuf buf;
      say("220 sink ESMTP");
      std::string data;
      bool inData = false;
      for (;;) {
        size_t n = asio::read_until(s, buf, "\r\n", ec);
        if (ec) break;
        std::string line(asio::buffers_begin(buf.data()), asio::buffers_begin(buf.data()) + n - 2);
        buf.consume(n);
        if (inData) {
          if (line == ".") {
            inData = false;
            {
              std::lock_guard lock(mu_);
              messages_.push_back(data);
            }
            cv_.notify_all();
            say("250 queued");
          } else {
            data += line + "\n";
          }
          continue;
        }
        std::string verb = line.substr(0, 4);
        if (verb == "EHLO" || verb == "HELO")
          say("250 sink");
        else if (verb == "MAIL" || verb == "RCPT")
          say("250 ok");
        else if (verb == "DATA") {
          inData = true;
          data.clear();
          say("354 go on");
        } else if (verb == "QUIT") {
          say("221 bye");
          break;
        } else
          say("250 ok");
      }
    }
  }
  asio::io_context ioc_;
  tcp::acceptor acceptor_;
  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::string> messages_;
};

//! The decoded text of a base64 MIME part.
inline std::string DecodeBase64(const std::string& in) {
  std::string out(in.size(), '\0');
  size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), in.data(),
                        in.size(), "\r\n ", &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
    return "";
  out.resize(len);
  return out;
}

//! The Subject header of `mail`, decoded (the server writes =?UTF-8?B?…?=).
inline std::string Subject(const std::string& mail) {
  auto s = mail.find("Subject: =?UTF-8?B?");
  if (s == std::string::npos) return "";
  auto e = mail.find("?=", s + 19);
  return DecodeBase64(mail.substr(s + 19, e - s - 19));
}

//! The body of `mail`, decoded.
inline std::string Body(const std::string& mail) {
  auto s = mail.find("\n\n");
  return s == std::string::npos ? "" : DecodeBase64(mail.substr(s + 2));
}

}  // namespace tongban::testing
