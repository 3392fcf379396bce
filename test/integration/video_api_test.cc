// Appointments and the signalling WebSocket, over real HTTP and WebSocket connections.

#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <boost/beast/websocket.hpp>
#include <thread>

#include "integration/http_client.h"
#include "integration/server_fixture.h"
#include "server/app.h"
#include "test_support.h"

namespace tongban::testing {
namespace {

namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace asio = boost::asio;

class WsClient {
 public:
  WsClient(unsigned short port, const std::string& path, const std::string& bearer,
           const std::string& origin = "")
      : ws_(ioc_) {
    ws_.next_layer().connect({asio::ip::make_address("127.0.0.1"), port});
    ws_.set_option(
        websocket::stream_base::decorator([bearer, origin](websocket::request_type& req) {
          req.set(beast::http::field::authorization, "Bearer " + bearer);
          if (!origin.empty()) req.set(beast::http::field::origin, origin);
        }));
    ws_.handshake(response_, "127.0.0.1:" + std::to_string(port), path);
  }
  void send(const json::value& v) { ws_.write(asio::buffer(json::serialize(v))); }
  //! Reads messages until one of `type` arrives (bounded by count).
  json::object until(const std::string& type) {
    for (int i = 0; i < 50; ++i) {
      beast::flat_buffer b;
      ws_.read(b);
      auto v = json::parse(beast::buffers_to_string(b.data()));
      if (v.as_object().at("type") == type.c_str()) return v.as_object();
    }
    ADD_FAILURE() << "no " << type << " message";
    return {};
  }
  void close() { ws_.close(websocket::close_code::normal); }

 private:
  asio::io_context ioc_;
  websocket::stream<beast::tcp_stream> ws_;
  websocket::response_type response_;
};

class VideoApiTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    officer_ = officer();
  }
  std::string tomorrow() {
    return FormatTimestamp(std::chrono::system_clock::now() + std::chrono::hours(26));
  }
  int64_t publish(int count) {
    auto r = client_->postJson(
        "/api/v1/slots",
        json::object{{"kind", "video"}, {"starts_at", tomorrow()}, {"count", count}},
        officer_.headers());
    EXPECT_EQ(r.status, 201u) << r.body;
    return r.json().at("slots").as_array()[0].at("id").as_int64();
  }
  //! Books a video slot for a new applicant and joins both sides; returns (applicant, session id).
  std::pair<Session, int64_t> session(const std::string& email, int64_t slot) {
    Session s = applicant(email);
    auto booked =
        client_->postJson("/api/v1/appointments", json::object{{"slot_id", slot}}, s.headers());
    EXPECT_EQ(booked.status, 201u) << booked.body;
    std::string path = "/api/v1/appointments/" +
                       std::to_string(booked.json().at("appointment").at("id").as_int64()) +
                       "/session";
    auto joined = client_->postJson(path, json::object{}, s.headers());
    EXPECT_EQ(joined.status, 200u) << joined.body;
    EXPECT_EQ(client_->postJson(path, json::object{}, officer_.headers()).status, 200u);
    return {s, joined.json().at("session").at("id").as_int64()};
  }

  Session officer_;
};

TEST_F(VideoApiTest, SignallingRelaysBetweenTheTwoParticipantsAndADropVoidsTheSession) {
  auto [applicant, id] = session("ws@example.org", publish(1));
  std::string path = "/api/v1/video/sessions/" + std::to_string(id) + "/signal";
  WsClient a(app_->port(), path, applicant.token);
  EXPECT_EQ(a.until("hello").at("role"), "applicant");
  WsClient o(app_->port(), path, officer_.token);
  auto presence = o.until("presence");
  while (!presence.at("present").at("applicant").as_bool()) presence = o.until("presence");
  // Signalling passes through to the other side only, untouched.
  o.send(json::object{{"type", "signal"},
                      {"data", {{"description", {{"type", "offer"}, {"sdp", "v=0"}}}}}});
  auto relayed = a.until("signal");
  EXPECT_EQ(relayed.at("data").at("description").at("sdp"), "v=0");
  // Media reports make it live; the applicant's connection closing voids it.
  a.send(json::object{
      {"type", "media"}, {"state", "connected"}, {"width", 640}, {"height", 480}, {"frames", 5}});
  o.send(json::object{
      {"type", "media"}, {"state", "connected"}, {"width", 640}, {"height", 480}, {"frames", 9}});
  auto live = o.until("session");
  while (live.at("session").at("state") != "live") live = o.until("session");
  EXPECT_EQ(live.at("session").at("resolution").at("width"), 640);
  a.close();
  auto after = o.until("session");
  while (after.at("session").at("state") == "live") after = o.until("session");
  EXPECT_EQ(after.at("session").at("state"), "void");
  EXPECT_EQ(after.at("session").at("void_reason"), "applicant_left");
  auto decision = client_->postJson("/api/v1/video/sessions/" + std::to_string(id) + "/decision",
                                    json::object{{"approve", true}}, officer_.headers());
  EXPECT_EQ(decision.status, 409u);
}

TEST_F(VideoApiTest, TheSignallingSocketRefusesOutsiders) {
  auto [applicant, id] = session("owner@example.org", publish(1));
  Session stranger = this->applicant("stranger@example.org");
  std::string path = "/api/v1/video/sessions/" + std::to_string(id) + "/signal";
  auto upgrade = [&](const std::string& token, const std::string& origin) {
    try {
      WsClient c(app_->port(), path, token, origin);
      return 101;
    } catch (const boost::system::system_error& e) {
      return -1;
    }
  };
  EXPECT_EQ(upgrade(applicant.token, ""), 101);
  EXPECT_EQ(upgrade(stranger.token, ""), -1);
  EXPECT_EQ(upgrade("not-a-token", ""), -1);
  EXPECT_EQ(upgrade(applicant.token, "http://evil.example"), -1);
  // The same checks, seen as HTTP answers.
  EXPECT_EQ(client_->get(path, stranger.headers()).status, 404u);
  EXPECT_EQ(client_->get(path).status, 401u);
  EXPECT_EQ(client_->get(path, applicant.headers()).status, 426u);  // not an upgrade
}

TEST_F(VideoApiTest, BookingRescheduleAndBadInput) {
  int64_t slot = publish(2);
  Session s = applicant("booker@example.org");
  auto bad =
      client_->postJson("/api/v1/appointments", json::object{{"slot_id", "one"}}, s.headers());
  EXPECT_EQ(bad.status, 422u);
  EXPECT_EQ(bad.fields().at("slot_id").at("code"), "type");
  EXPECT_EQ(
      client_->postJson("/api/v1/appointments", json::object{{"slot_id", 999999}}, s.headers())
          .status,
      422u);
  auto booked =
      client_->postJson("/api/v1/appointments", json::object{{"slot_id", slot}}, s.headers());
  ASSERT_EQ(booked.status, 201u);
  Session other = applicant("late@example.org");
  EXPECT_EQ(
      client_->postJson("/api/v1/appointments", json::object{{"slot_id", slot}}, other.headers())
          .status,
      409u);
  int64_t id = booked.json().at("appointment").at("id").as_int64();
  auto moved = client_->postJson("/api/v1/appointments/" + std::to_string(id) + "/reschedule",
                                 json::object{{"slot_id", slot + 1}}, s.headers());
  ASSERT_EQ(moved.status, 200u) << moved.body;
  // The first slot is free again.
  EXPECT_EQ(
      client_->postJson("/api/v1/appointments", json::object{{"slot_id", slot}}, other.headers())
          .status,
      201u);
  auto bad_slots = client_->postJson(
      "/api/v1/slots",
      json::object{{"kind", "teleport"}, {"starts_at", "yesterday"}, {"count", 500}},
      officer_.headers());
  EXPECT_EQ(bad_slots.status, 422u);
  EXPECT_TRUE(bad_slots.fields().contains("kind"));
  EXPECT_TRUE(bad_slots.fields().contains("starts_at"));
  EXPECT_TRUE(bad_slots.fields().contains("count"));
  EXPECT_EQ(client_
                ->postJson("/api/v1/slots",
                           json::object{{"kind", "video"}, {"starts_at", tomorrow()}}, s.headers())
                .status,
            403u);
  auto mrz = client_->postJson("/api/v1/video/sessions/1/mrz",
                               json::object{{"line1", std::string(100, 'A')}}, officer_.headers());
  EXPECT_EQ(mrz.status, 422u);
}

}  // namespace
}  // namespace tongban::testing
