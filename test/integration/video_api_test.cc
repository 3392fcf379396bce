// Appointments and the signalling WebSocket, over real HTTP and WebSocket connections.

#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <boost/beast/websocket.hpp>
#include <thread>

#include "integration/http_client.h"
#include "integration/server_fixture.h"
#include "integration/ws_client.h"
#include "server/app.h"
#include "test_support.h"

namespace tongban::testing {
namespace {

namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace asio = boost::asio;

class VideoApiTest : public ServerTest {
 protected:
  void configure(server::Config& c) override { c.videoReconnectGraceSeconds = 2; }
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
  // The officer is told at once that the applicant is reconnecting, and how long is left.
  auto away = o.until("session");
  while (away.at("session").at("reconnecting").as_array().empty()) away = o.until("session");
  EXPECT_EQ(away.at("session").at("state"), "live");
  EXPECT_EQ(away.at("session").at("reconnecting").as_array()[0].at("who"), "applicant");
  EXPECT_EQ(away.at("session").at("reconnecting").as_array()[0].at("seconds_left"), 2);
  auto refused = client_->postJson("/api/v1/video/sessions/" + std::to_string(id) + "/decision",
                                   json::object{{"approve", true}}, officer_.headers());
  EXPECT_EQ(refused.status, 409u);
  EXPECT_TRUE(refused.fields().contains("applicant_reconnecting")) << refused.body;
  // Nobody comes back within the 2 s grace: the server voids it and tells the officer.
  auto after = o.until("session");
  while (after.at("session").at("state") == "live") after = o.until("session");
  EXPECT_EQ(after.at("session").at("state"), "void");
  EXPECT_EQ(after.at("session").at("void_reason"), "applicant_left");
  auto decision = client_->postJson("/api/v1/video/sessions/" + std::to_string(id) + "/decision",
                                    json::object{{"approve", true}}, officer_.headers());
  EXPECT_EQ(decision.status, 409u);
  // The appointment is used up; the applicant books a new time.
  auto mine = client_->get("/api/v1/appointments", applicant.headers());
  EXPECT_EQ(mine.json().at("appointments").as_array()[0].at("status"), "void");
}

TEST_F(VideoApiTest, AnApplicantWhoReconnectsWithinTheGracePeriodContinuesTheSession) {
  auto [applicant, id] = session("back@example.org", publish(1));
  std::string path = "/api/v1/video/sessions/" + std::to_string(id) + "/signal";
  auto a = std::make_unique<WsClient>(app_->port(), path, applicant.token);
  ReadingWsClient o(app_->port(), path, officer_.token);
  a->send(json::object{
      {"type", "media"}, {"state", "connected"}, {"width", 640}, {"height", 480}, {"frames", 5}});
  o.send(json::object{
      {"type", "media"}, {"state", "connected"}, {"width", 640}, {"height", 480}, {"frames", 9}});
  ASSERT_TRUE(o.session([](const json::object& s) { return s.at("state") == "live"; },
                        std::chrono::seconds(5)));
  a.reset();  // the connection drops without a goodbye
  ASSERT_TRUE(
      o.session([](const json::object& s) { return !s.at("reconnecting").as_array().empty(); },
                std::chrono::seconds(5)));
  WsClient back(app_->port(), path, applicant.token);
  // The officer's browser hears that the applicant is back (to negotiate media again) and the
  // session is no longer waiting for anyone.
  auto joined = o.next("peer_joined", std::chrono::seconds(5));
  ASSERT_TRUE(joined);
  EXPECT_EQ(joined->at("role"), "applicant");
  auto resumed = client_->get("/api/v1/video/sessions/" + std::to_string(id), officer_.headers());
  const auto& s = resumed.json().at("session");
  EXPECT_EQ(s.at("state"), "live");
  EXPECT_TRUE(s.at("reconnecting").as_array().empty());
  ASSERT_EQ(s.at("interruptions").as_array().size(), 1u);
  EXPECT_EQ(s.at("interruptions").as_array()[0].at("resumed"), true);
  // Well past the grace period it is still live.
  std::this_thread::sleep_for(std::chrono::seconds(3));
  auto later = client_->get("/api/v1/video/sessions/" + std::to_string(id), officer_.headers());
  EXPECT_EQ(later.json().at("session").at("state"), "live");
  // The app-level ping the browser uses to check its connection is answered.
  back.send(json::object{{"type", "ping"}});
  EXPECT_EQ(back.until("pong").at("type"), "pong");
}

TEST_F(VideoApiTest, HangingUpVoidsALiveSessionForBothSides) {
  auto [applicant, id] = session("hangup@example.org", publish(1));
  std::string path = "/api/v1/video/sessions/" + std::to_string(id) + "/signal";
  ReadingWsClient a(app_->port(), path, applicant.token);
  ReadingWsClient o(app_->port(), path, officer_.token);
  a.send(json::object{{"type", "media"}, {"state", "connected"}, {"frames", 5}});
  o.send(json::object{
      {"type", "media"}, {"state", "connected"}, {"width", 640}, {"height", 480}, {"frames", 9}});
  ASSERT_TRUE(o.session([](const json::object& s) { return s.at("state") == "live"; },
                        std::chrono::seconds(5)));
  std::string url = "/api/v1/video/sessions/" + std::to_string(id) + "/hangup";
  EXPECT_EQ(client_->postJson(url, json::object{{"why", "x"}}, applicant.headers()).status, 422u);
  auto hung = client_->postJson(url, json::object{}, applicant.headers());
  ASSERT_EQ(hung.status, 200u) << hung.body;
  EXPECT_EQ(hung.json().at("session").at("void_reason"), "applicant_hung_up");
  auto seen = o.session([](const json::object& s) { return s.at("state") == "void"; },
                        std::chrono::seconds(5));
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->at("void_reason"), "applicant_hung_up");
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

// WebSockets stay open as long as both sides answer, whatever the HTTP timeouts (15 s for a
// header); the server pings a silent peer and drops one that stops answering. A short idle
// timeout makes the server ping every 1.5 s, so a minute is many rounds of ping and pong.
class WebSocketTimeoutTest : public VideoApiTest {
 protected:
  void configure(server::Config& c) override {
    c.wsIdleTimeoutSeconds = 3;
    c.videoReconnectGraceSeconds = 30;
  }
};

TEST_F(WebSocketTimeoutTest, LiveAndSignallingSocketsStayOpenForMinutesAndStillCarryMessages) {
  auto [applicant, id] = session("minute@example.org", publish(1));
  std::string path = "/api/v1/video/sessions/" + std::to_string(id) + "/signal";
  ReadingWsClient live(app_->port(), "/api/v1/live", applicant.token);
  ReadingWsClient a(app_->port(), path, applicant.token);
  ReadingWsClient o(app_->port(), path, officer_.token);
  ASSERT_TRUE(live.next("hello", std::chrono::seconds(5)));
  a.send(json::object{{"type", "media"}, {"state", "connected"}, {"frames", 5}});
  o.send(json::object{
      {"type", "media"}, {"state", "connected"}, {"width", 640}, {"height", 480}, {"frames", 9}});
  ASSERT_TRUE(o.session([](const json::object& s) { return s.at("state") == "live"; },
                        std::chrono::seconds(5)));
  std::this_thread::sleep_for(std::chrono::seconds(65));
  EXPECT_FALSE(live.closed()) << live.closeReason();
  EXPECT_FALSE(a.closed()) << a.closeReason();
  EXPECT_FALSE(o.closed()) << o.closeReason();
  // A push after more than a minute still arrives on the live socket…
  json::object form{{"surname", "ZHANG"},
                    {"given_names", "WEI"},
                    {"sex", "M"},
                    {"date_of_birth", "1980-05-06"},
                    {"phone", "+39 02 1234 5678"},
                    {"id_number", "33112119800506001X"},
                    {"period_from", "2020-01-01"},
                    {"period_to", "2026-01-01"}};
  auto sub = client_->postJson(
      "/api/v1/cases", json::object{{"item_code", "EE-011"}, {"submit", true}, {"form", form}},
      applicant.headers());
  ASSERT_EQ(sub.status, 201u) << sub.body;
  EXPECT_TRUE(live.next("notification", std::chrono::seconds(10)));
  // …signalling still passes between the two…
  o.send(json::object{{"type", "signal"}, {"data", {{"candidate", "after a minute"}}}});
  auto relayed = a.next("signal", std::chrono::seconds(5));
  ASSERT_TRUE(relayed);
  EXPECT_EQ(relayed->at("data").at("candidate"), "after a minute");
  // …and the session never lost anyone.
  auto s = client_->get("/api/v1/video/sessions/" + std::to_string(id), officer_.headers());
  EXPECT_EQ(s.json().at("session").at("state"), "live");
  EXPECT_TRUE(s.json().at("session").at("interruptions").as_array().empty());
}

TEST_F(WebSocketTimeoutTest, AClientThatStopsAnsweringPingsIsDropped) {
  auto [applicant, id] = session("silent@example.org", publish(1));
  std::string path = "/api/v1/video/sessions/" + std::to_string(id) + "/signal";
  ReadingWsClient o(app_->port(), path, officer_.token);
  // These two never read, so they never answer the server's pings.
  WsClient silentLive(app_->port(), "/api/v1/live", applicant.token);
  WsClient silentSignal(app_->port(), path, applicant.token);
  silentSignal.send(json::object{{"type", "media"}, {"state", "connected"}, {"frames", 5}});
  o.send(json::object{
      {"type", "media"}, {"state", "connected"}, {"width", 640}, {"height", 480}, {"frames", 9}});
  ASSERT_TRUE(o.session([](const json::object& s) { return s.at("state") == "live"; },
                        std::chrono::seconds(5)));
  // Within the idle timeout (3 s) the server gives up on the silent applicant: the officer
  // sees the applicant reconnecting, while the officer's own answering socket stays open.
  auto away =
      o.session([](const json::object& s) { return !s.at("reconnecting").as_array().empty(); },
                std::chrono::seconds(8));
  ASSERT_TRUE(away);
  EXPECT_EQ(away->at("reconnecting").as_array()[0].at("who"), "applicant");
  EXPECT_TRUE(silentSignal.closedWithin(std::chrono::seconds(2)));
  EXPECT_TRUE(silentLive.closedWithin(std::chrono::seconds(2)));
  EXPECT_FALSE(o.closed()) << o.closeReason();
}

}  // namespace
}  // namespace tongban::testing
