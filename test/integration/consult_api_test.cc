// Consultations, FAQ search, notifications: e-mail to a real SMTP conversation with a sink the
// test runs, webhooks to an HTTP receiver the test runs, live pushes over the user socket.

#include <gtest/gtest.h>

#include <sodium.h>
#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <boost/beast/websocket.hpp>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "integration/http_client.h"
#include "integration/server_fixture.h"
#include "integration/smtp_sink.h"
#include "notify/delivery_worker.h"
#include "server/app.h"
#include "test_support.h"

namespace tongban::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

//! Answers webhook POSTs: 500 to the first, 200 after; keeps what arrived.
class HookReceiver {
 public:
  struct Hit {
    std::string body, signature, event;
  };
  HookReceiver() : acceptor_(ioc_, {asio::ip::make_address("127.0.0.1"), 0}) {
    thread_ = std::thread([this] {
      for (;;) {
        boost::system::error_code ec;
        tcp::socket s(ioc_);
        acceptor_.accept(s, ec);
        if (ec || stop_) return;
        beast::flat_buffer b;
        beast::http::request<beast::http::string_body> req;
        beast::http::read(s, b, req, ec);
        if (ec) continue;
        size_t n;
        {
          std::lock_guard lock(mu_);
          hits_.push_back({req.body(), std::string(req["X-Tongban-Signature"]),
                           std::string(req["X-Tongban-Event"])});
          n = hits_.size();
        }
        cv_.notify_all();
        beast::http::response<beast::http::string_body> res{
            n == 1 ? beast::http::status::internal_server_error : beast::http::status::ok, 11};
        res.body() = "ok";
        res.prepare_payload();
        beast::http::write(s, res, ec);
      }
    });
  }
  ~HookReceiver() {
    stop_ = true;
    Wake(port());
    thread_.join();
  }
  unsigned short port() const { return acceptor_.local_endpoint().port(); }
  std::vector<Hit> wait(size_t n) {
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, std::chrono::seconds(15), [&] { return hits_.size() >= n; });
    return hits_;
  }

 private:
  asio::io_context ioc_;
  tcp::acceptor acceptor_;
  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<Hit> hits_;
};

class ConsultApiTest : public ServerTest {
 protected:
  void configure(server::Config& c) override {
    c.smtpUrl = "smtp://127.0.0.1:" + std::to_string(smtp_.port());
    c.deliveryBackoffMs = 200;
  }
  void SetUp() override {
    ServerTest::SetUp();
    officer_ = officer();
  }
  Session applicant(const std::string& email, const std::string& locale = "en") {
    return ServerTest::applicant(email, true, locale);
  }
  HttpResult duty(const Session& s, bool on) {
    auto h = s.headers();
    h["Content-Type"] = "application/json";
    return client_->request("PUT", "/api/v1/duty", json::serialize(json::object{{"on_duty", on}}),
                            h);
  }
  HttpResult ask(const Session& s, const std::string& item) {
    json::object body{{"topic", "Passport renewal"}, {"body", "How long does it take?"}};
    if (!item.empty()) body["item_code"] = item;
    return client_->postJson("/api/v1/consultations", body, s.headers());
  }

  SmtpSink smtp_;
  Session officer_;
};

TEST_F(ConsultApiTest, QuestionsGoToWhoeverIsOnDutyWithDeadlines) {
  Session a = applicant("q1@example.org");
  // Nobody on duty: the question waits in the queue.
  auto queued = ask(a, "EE-001");
  ASSERT_EQ(queued.status, 201u) << queued.body;
  EXPECT_TRUE(queued.json().at("consultation").at("assignee_id").is_null());
  auto created =
      *ParseTimestamp(std::string(queued.json().at("consultation").at("created_at").as_string()));
  auto due = *ParseTimestamp(
      std::string(queued.json().at("consultation").at("first_response_due").as_string()));
  auto resolve = *ParseTimestamp(
      std::string(queued.json().at("consultation").at("resolution_due").as_string()));
  EXPECT_EQ(due - created, std::chrono::hours(2));
  EXPECT_EQ(resolve - created, std::chrono::hours(72));
  // The officer goes on duty: the next question is theirs; a Wenzhou officer on duty is not
  // eligible for a Qingtian item; the Milan liaison officer is, and takes the next one (fewer
  // open).
  ASSERT_EQ(duty(officer_, true).status, 200u);
  Session wz = Login(*client_, "officer.wenzhou@demo.tongban.example", "demo-officer-2026");
  ASSERT_EQ(duty(wz, true).status, 200u);
  auto mine = ask(a, "EE-001");
  EXPECT_EQ(mine.json().at("consultation").at("assignee_id"), officer_.userId);
  Session liaison = Login(*client_, "liaison.milan@demo.tongban.example", "demo-liaison-2026");
  ASSERT_EQ(duty(liaison, true).status, 200u);
  auto next = ask(a, "EE-001");
  EXPECT_EQ(next.json().at("consultation").at("assignee_id"), liaison.userId);
  auto who = client_->get("/api/v1/duty", officer_.headers());
  EXPECT_EQ(who.json().at("on_duty").as_array().size(), 3u);
  // Reply: first response recorded; hand over to the supervisor; and back to the queue.
  std::string path =
      "/api/v1/consultations/" + std::to_string(mine.json().at("consultation").at("id").as_int64());
  auto replied = client_->postJson(
      path + "/messages", json::object{{"body", "About 7 working days."}}, officer_.headers());
  ASSERT_EQ(replied.status, 200u) << replied.body;
  EXPECT_EQ(replied.json().at("consultation").at("status"), "answered");
  EXPECT_FALSE(replied.json().at("consultation").at("first_response_at").is_null());
  Session sup = Login(*client_, "supervisor.qingtian@demo.tongban.example", "demo-supervisor-2026");
  auto handed = client_->postJson(path + "/handover", json::object{{"to_user_id", sup.userId}},
                                  officer_.headers());
  EXPECT_EQ(handed.json().at("consultation").at("assignee_id"), sup.userId);
  EXPECT_EQ(
      client_->postJson(path + "/handover", json::object{{"to_user_id", a.userId}}, sup.headers())
          .status,
      422u);
  // Someone else's question is not visible.
  Session b = applicant("q2@example.org");
  EXPECT_EQ(client_->get(path, b.headers()).status, 404u);
  // Closing with a rating.
  auto closed = client_->postJson(path + "/close", json::object{{"score", 5}, {"comment", "Clear"}},
                                  a.headers());
  ASSERT_EQ(closed.status, 200u) << closed.body;
  EXPECT_EQ(closed.json().at("consultation").at("rating"), 5);
  EXPECT_EQ(
      client_->postJson(path + "/messages", json::object{{"body", "one more"}}, a.headers()).status,
      409u);
  EXPECT_EQ(ask(a, "XX-1").status, 422u);
}

TEST_F(ConsultApiTest, FaqSearchFindsChineseAndEnglish) {
  auto zh = client_->get("/api/v1/faq?q=%E6%8A%A4%E7%85%A7");  // 护照, two characters
  ASSERT_EQ(zh.status, 200u);
  ASSERT_FALSE(zh.json().at("articles").as_array().empty());
  auto lost = client_->get("/api/v1/faq?q=passport%20lost");
  ASSERT_FALSE(lost.json().at("articles").as_array().empty());
  EXPECT_EQ(lost.json().at("articles").as_array()[0].at("code"), "FAQ-002");
  auto dl = client_->get("/api/v1/faq?q=%E9%A9%BE%E9%A9%B6%E8%AF%81");  // 驾驶证
  ASSERT_FALSE(dl.json().at("articles").as_array().empty());
  EXPECT_EQ(dl.json().at("articles").as_array()[0].at("code"), "FAQ-008");
  auto prefix = client_->get("/api/v1/faq?q=endorse");  // while typing: a prefix matches
  ASSERT_FALSE(prefix.json().at("articles").as_array().empty());
  EXPECT_TRUE(client_->get("/api/v1/faq?q=%22%29%28*")
                  .json()
                  .at("articles")
                  .as_array()
                  .empty());  // FTS syntax is inert
  EXPECT_EQ(client_->get("/api/v1/faq?q=" + std::string(300, 'a')).status, 422u);
}

TEST_F(ConsultApiTest, AStatusChangeIsEmailedInTheApplicantsLanguageAndPushedLive) {
  Session a = applicant("mario@example.org", "it");
  // A live socket for the applicant.
  asio::io_context ioc;
  beast::websocket::stream<beast::tcp_stream> ws(ioc);
  ws.next_layer().connect({asio::ip::make_address("127.0.0.1"), app_->port()});
  ws.set_option(beast::websocket::stream_base::decorator([&](beast::websocket::request_type& r) {
    r.set(beast::http::field::authorization, "Bearer " + a.token);
  }));
  ws.handshake("127.0.0.1", "/api/v1/live");
  beast::flat_buffer hello;
  ws.read(hello);

  json::object form{{"surname", "ROSSI"},
                    {"given_names", "MARIO"},
                    {"sex", "M"},
                    {"date_of_birth", "1970-01-01"},
                    {"phone", "+39 02 1"},
                    {"id_number", "33112119700101001X"},
                    {"document_number", "E7654321"}};
  auto sub = client_->postJson(
      "/api/v1/cases", json::object{{"item_code", "EE-013"}, {"submit", true}, {"form", form}},
      a.headers());
  ASSERT_EQ(sub.status, 201u) << sub.body;
  auto mails = smtp_.wait(1);
  ASSERT_FALSE(mails.empty());
  const std::string& m = mails[0];
  EXPECT_NE(m.find("To: <mario@example.org>"), std::string::npos);
  EXPECT_NE(m.find("Content-Language: it"), std::string::npos);
  // Titled by the service, in Italian; the case number is in the text.
  std::string subject = Subject(m);
  EXPECT_NE(subject.find(": documento rilasciato"), std::string::npos) << subject;
  EXPECT_EQ(subject.find("TB-"), std::string::npos) << subject;
  EXPECT_NE(Body(m).find(std::string(sub.json().at("case").at("case_no").as_string())),
            std::string::npos)
      << Body(m);
  // The same change arrived on the live socket and is in the inbox.
  beast::flat_buffer b;
  ws.read(b);
  auto pushed = json::parse(beast::buffers_to_string(b.data()));
  EXPECT_EQ(pushed.at("type"), "notification");
  auto inbox = client_->get("/api/v1/notifications", a.headers());
  EXPECT_GE(inbox.json().at("unread").as_int64(), 1);
  ws.close(beast::websocket::close_code::normal);
}

TEST_F(ConsultApiTest, WebhooksAreSignedRetriedAndLogged) {
  HookReceiver receiver;
  Session admin = Login(*client_, "admin@demo.tongban.example", "demo-admin-2026");
  auto bad = client_->postJson("/api/v1/webhooks",
                               json::object{{"url", "ftp://x"}, {"topics", json::array{}}},
                               admin.headers());
  EXPECT_EQ(bad.status, 422u);
  EXPECT_TRUE(bad.fields().contains("url"));
  EXPECT_TRUE(bad.fields().contains("topics"));
  EXPECT_EQ(client_
                ->postJson("/api/v1/webhooks", json::object{{"url", "http://x"}, {"topics", {"*"}}},
                           officer_.headers())
                .status,
            403u);
  auto hook = client_->postJson(
      "/api/v1/webhooks",
      json::object{{"url", "http://127.0.0.1:" + std::to_string(receiver.port()) + "/hook"},
                   {"topics", {"consultation.message"}}},
      admin.headers());
  ASSERT_EQ(hook.status, 201u) << hook.body;
  std::string secret(hook.json().at("webhook").at("secret").as_string());
  Session a = applicant("hook@example.org");
  ASSERT_EQ(ask(a, "").status, 201u);
  auto hits = receiver.wait(2);
  ASSERT_EQ(hits.size(), 2u);  // the first got a 500, the retry a 200
  EXPECT_EQ(hits[1].body, hits[0].body);
  EXPECT_EQ(hits[1].event, "consultation.message");
  EXPECT_EQ(hits[1].signature, notify::Signature(secret, hits[1].body));
  EXPECT_NE(hits[1].signature, notify::Signature("wrong secret", hits[1].body));
  // The delivery log shows it sent on the second attempt.
  json::object sent;
  for (int i = 0; i < 50 && sent.empty(); ++i) {
    auto log = client_->get("/api/v1/deliveries", admin.headers());
    for (const auto& d : log.json().at("deliveries").as_array())
      if (d.at("channel") == "webhook" && d.at("status") == "sent") sent = d.as_object();
    if (sent.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_FALSE(sent.empty());
  EXPECT_EQ(sent.at("attempts"), 2);
}

}  // namespace
}  // namespace tongban::testing
