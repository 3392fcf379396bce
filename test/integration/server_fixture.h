#pragma once
// The real server on port 0 with SQLite in a temp dir, seeded with the demo catalogue and
// accounts, for integration tests that drive it over HTTP and WebSocket.

#include <gtest/gtest.h>

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

  TempDir dir_;
  server::Config config_;
  SystemClock clock_;
  std::unique_ptr<server::App> app_;
  std::thread thread_;
  std::unique_ptr<HttpClient> client_;
};

}  // namespace tongban::testing
