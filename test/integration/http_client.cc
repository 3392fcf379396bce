#include "integration/http_client.h"

#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/beast.hpp>

namespace tongban::testing {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace asio = boost::asio;

const json::value& HttpResult::json() const {
  if (!parsed) {
    boost::system::error_code ec;
    auto v = json::parse(body, ec);
    parsed = ec ? json::value(nullptr) : std::move(v);
  }
  return *parsed;
}

json::object HttpResult::fields() const {
  const auto& v = json();
  if (!v.is_object() || !v.as_object().contains("error")) return {};
  const auto& e = v.as_object().at("error").as_object();
  return e.contains("fields") && e.at("fields").is_object() ? e.at("fields").as_object()
                                                            : json::object{};
}

HttpResult HttpClient::request(const std::string& method, const std::string& target,
                               const std::string& body,
                               std::map<std::string, std::string> headers) {
  asio::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_));
  stream.expires_after(std::chrono::seconds(60));
  bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
  req.set(bhttp::field::host, "127.0.0.1");
  for (const auto& [k, v] : headers) req.set(k, v);
  req.body() = body;
  req.prepare_payload();
  bhttp::write(stream, req);
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  bhttp::read(stream, buffer, parser);
  HttpResult r;
  r.status = parser.get().result_int();
  for (const auto& f : parser.get()) {
    std::string name(f.name_string());
    for (char& c : name) c = char(std::tolower(static_cast<unsigned char>(c)));
    r.headers[name] = std::string(f.value());
  }
  r.body = parser.get().body();
  boost::system::error_code ec;
  stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ec);
  return r;
}

Session Login(HttpClient& c, const std::string& email, const std::string& password, bool bearer) {
  auto r = c.postJson("/api/v1/auth/login", json::object{{"email", email},
                                                         {"password", password},
                                                         {"kind", bearer ? "bearer" : "cookie"}});
  EXPECT_EQ(r.status, 200u) << r.body;
  Session s;
  auto v = r.json();
  if (!v.is_object()) return s;
  s.userId = v.at("user").at("id").as_int64();
  if (bearer) {
    s.token = std::string(v.at("token").as_string());
  } else {
    s.csrf = std::string(v.at("csrf_token").as_string());
    std::string cookie = r.headers["set-cookie"];
    s.cookie = cookie.substr(0, cookie.find(';'));
  }
  return s;
}

}  // namespace tongban::testing
