#pragma once
// The real server on port 0 with SQLite in a temp dir, seeded with the demo catalogue and
// accounts, for integration tests that drive it over HTTP and WebSocket.

#include <gtest/gtest.h>

#include <cctype>
#include <memory>
#include <thread>

#include "integration/http_client.h"
#include "server/app.h"
#include "test_support.h"

namespace tongban::testing {

class ServerTest : public ::testing::Test {
 protected:
  //! Adjusts the configuration before the server starts.
  virtual void configure(server::Config&) {}

  void SetUp() override {
    config_ = TestConfig(dir_.path());
    configure(config_);
    SeedForTest(config_, clock_);
    auto app = server::App::Create(config_, clock_);
    ASSERT_TRUE(app.ok()) << app.status().ToString();
    app_ = std::move(*app);
    ASSERT_TRUE(app_->listen().ok());
    thread_ = std::thread([this] { app_->run(false); });
    client_ = std::make_unique<HttpClient>(app_->port());
  }
  void TearDown() override {
    if (app_) {
      app_->stop();
      thread_.join();
    }
  }
  //! Registers an applicant and signs them in.
  Session applicant(const std::string& email, bool bearer = true,
                    const std::string& locale = "en") {
    auto r = client_->postJson("/api/v1/auth/register",
                               json::object{{"email", email},
                                            {"password", "correct horse battery"},
                                            {"display_name", "Test Applicant"},
                                            {"locale", locale}});
    EXPECT_EQ(r.status, 201u) << r.body;
    return Login(*client_, email, "correct horse battery", bearer);
  }
  Session officer() {
    return Login(*client_, "officer.qingtian@demo.tongban.example", "demo-officer-2026");
  }
  //! The newest one-time code an officer's consent request sent to `person`, once they have
  //! received at least `n` of them (read from their inbox, as the person reads it on their
  //! phone); "" after 10 s.
  std::string consentCode(const Session& person, size_t n = 1) {
    for (int i = 0; i < 100; ++i) {
      auto r = client_->get("/api/v1/notifications", person.headers());
      size_t seen = 0;
      int64_t newest = -1;
      std::string body;
      if (r.status == 200)
        for (const auto& m : r.json().at("notifications").as_array())
          if (m.at("kind") == "assist_consent_code") {
            ++seen;
            if (m.at("id").as_int64() > newest) {
              newest = m.at("id").as_int64();
              body = std::string(m.at("body").as_string());
            }
          }
      if (seen >= n)
        for (size_t p = 0; p + 6 <= body.size(); ++p) {
          bool digits = true;
          for (size_t k = 0; k < 6 && digits; ++k) digits = std::isdigit(body[p + k]) != 0;
          bool alone = (p == 0 || !std::isdigit(body[p - 1])) &&
                       (p + 6 == body.size() || !std::isdigit(body[p + 6]));
          if (digits && alone) return body.substr(p, 6);
        }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return "";
  }
  //! A confirmed consent of the person at `staff`'s desk for `item`: requested by e-mail, the
  //! code read from the person's inbox and typed by the officer. Returns its id (0 on failure).
  int64_t consent(const Session& staff, const Session& person, const std::string& email,
                  const std::string& item, size_t nth = 1) {
    auto r =
        client_->postJson("/api/v1/assist/consents",
                          json::object{{"email", email}, {"item_code", item}}, staff.headers());
    EXPECT_EQ(r.status, 201u) << r.body;
    if (r.status != 201u) return 0;
    int64_t id = r.json().at("consent").at("id").as_int64();
    std::string code = consentCode(person, nth);
    EXPECT_EQ(code.size(), 6u);
    auto ok = client_->postJson("/api/v1/assist/consents/" + std::to_string(id) + "/confirm",
                                json::object{{"code", code}}, staff.headers());
    EXPECT_EQ(ok.status, 200u) << ok.body;
    return id;
  }

  TempDir dir_;
  server::Config config_;
  SystemClock clock_;
  std::unique_ptr<server::App> app_;
  std::thread thread_;
  std::unique_ptr<HttpClient> client_;
};

}  // namespace tongban::testing
