// Drives the real server (HTTP on port 0, SQLite in a temp dir) as clients would.

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio.hpp>
#include <regex>
#include <set>
#include <thread>

#include "integration/http_client.h"
#include "integration/server_fixture.h"
#include "server/app.h"
#include "test_support.h"

namespace tongban::testing {
namespace {

const std::string kPng = std::string("\x89PNG\r\n\x1a\n", 8) + std::string(200, 'p');
const std::string kPdf = "%PDF-1.4\n" + std::string(300, 'd') + "\n%%EOF\n";

json::object PassportForm() {
  return {{"surname", "ZHANG"},
          {"given_names", "WEI"},
          {"sex", "M"},
          {"date_of_birth", "1980-05-06"},
          {"phone", "+39 02 1234 5678"},
          {"id_number", "33112119800506001X"},
          {"address_abroad", "Via Paolo Sarpi 1, Milano"}};
}

class ApiTest : public ServerTest {
 protected:
  Session registerAndLogin(const std::string& email, bool bearer = true) {
    return applicant(email, bearer);
  }

  HttpResult action(const Session& s, int64_t caseId, const std::string& name,
                    const std::string& note = "") {
    json::object body;
    if (!note.empty()) body["note"] = note;
    return client_->postJson("/api/v1/cases/" + std::to_string(caseId) + "/actions/" + name, body,
                             s.headers());
  }
  HttpResult upload(const Session& s, int64_t caseId, const std::string& type,
                    const std::string& bytes,
                    const std::string& contentType = "application/octet-stream") {
    auto h = s.headers();
    h["Content-Type"] = contentType;
    return client_->request("POST",
                            "/api/v1/cases/" + std::to_string(caseId) + "/documents?type=" + type +
                                "&filename=scan.png",
                            bytes, h);
  }
};

TEST_F(ApiTest, ReviewItemFromSubmissionToApprovalWithSupplement) {
  Session applicant =
      registerAndLogin("zhang@example.org", /*bearer=*/false);  // browser-style cookie
  // Draft first, then documents, then submit: the way the web app applies.
  auto created = client_->postJson("/api/v1/cases",
                                   json::object{{"item_code", "EE-003"}, {"form", PassportForm()}},
                                   applicant.headers());
  ASSERT_EQ(created.status, 201u) << created.body;
  int64_t id = created.json().at("case").at("id").as_int64();
  EXPECT_EQ(created.json().at("case").at("state"), "draft");

  // Submitting without the documents is refused with one error per missing document.
  auto early = action(applicant, id, "submit");
  EXPECT_EQ(early.status, 422u) << early.body;
  EXPECT_TRUE(early.fields().contains("documents.photo"));
  EXPECT_TRUE(early.fields().contains("documents.loss_statement"));
  EXPECT_TRUE(early.fields().contains("assurance"));  // EE-003 needs a video-verified identity

  // This test's applicant is verified out of band (the video check is a later feature).
  {
    auto db = db::SqliteDatabase::Open({.path = config_.dbPath().string()});
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)
                    ->write([&](db::Transaction& tx) -> Status {
                      TB_ASSIGN_OR_RETURN(auto u, tx.users().byId(applicant.userId));
                      u.assurance = "verified";
                      return tx.users().update(u);
                    })
                    .ok());
    (*db)->close();
  }
  ASSERT_EQ(upload(applicant, id, "photo", kPng).status, 201u);
  ASSERT_EQ(upload(applicant, id, "loss_statement", kPdf).status, 201u);
  ASSERT_EQ(upload(applicant, id, "id_card_copy", kPng).status, 201u);
  auto submitted = action(applicant, id, "submit");
  ASSERT_EQ(submitted.status, 200u) << submitted.body;
  EXPECT_EQ(submitted.json().at("case").at("state"), "submitted");

  // The officer of the owning unit sees it in the queue and works it.
  Session off = officer();
  auto queue = client_->get("/api/v1/queue?state=submitted", off.headers());
  ASSERT_EQ(queue.status, 200u) << queue.body;
  bool inQueue = false;
  for (const auto& c : queue.json().at("cases").as_array())
    inQueue = inQueue || c.at("id").as_int64() == id;
  EXPECT_TRUE(inQueue);
  EXPECT_EQ(queue.json().at("more"), false);
  // Searching, sorting and assigning validate their input field by field.
  auto found = client_->get(
      "/api/v1/queue?q=" + std::string(created.json().at("case").at("case_no").as_string()),
      off.headers());
  ASSERT_EQ(found.status, 200u) << found.body;
  ASSERT_EQ(found.json().at("cases").as_array().size(), 1u);
  auto badSort =
      client_->get("/api/v1/queue?sort=random&assignee=someone&offset=-1", off.headers());
  EXPECT_EQ(badSort.status, 422u) << badSort.body;
  EXPECT_TRUE(badSort.fields().contains("offset"));
  EXPECT_EQ(client_->get("/api/v1/queue?sort=random", off.headers()).fields().count("sort"), 1u);
  EXPECT_EQ(client_->get("/api/v1/queue", applicant.headers()).status, 403u);
  auto noUser = client_->postJson("/api/v1/cases/" + std::to_string(id) + "/assignee",
                                  json::object{}, off.headers());
  EXPECT_EQ(noUser.status, 422u) << noUser.body;
  EXPECT_TRUE(noUser.fields().contains("user_id"));
  auto taken = client_->postJson("/api/v1/cases/" + std::to_string(id) + "/assignee",
                                 json::object{{"user_id", off.userId}}, off.headers());
  ASSERT_EQ(taken.status, 200u) << taken.body;
  EXPECT_EQ(taken.json().at("case").at("assignee").at("id"), off.userId);
  auto byApplicant = client_->postJson("/api/v1/cases/" + std::to_string(id) + "/assignee",
                                       json::object{{"user_id", nullptr}}, applicant.headers());
  EXPECT_EQ(byApplicant.status, 403u);
  auto noReason = client_->postJson("/api/v1/cases/" + std::to_string(id) + "/priority",
                                    json::object{{"priority", "urgent"}}, off.headers());
  EXPECT_EQ(noReason.status, 422u) << noReason.body;
  EXPECT_TRUE(noReason.fields().contains("reason"));
  ASSERT_EQ(action(off, id, "accept").status, 200u);
  ASSERT_EQ(action(off, id, "start_review").status, 200u);
  // A supplement request must say what is missing.
  EXPECT_EQ(action(off, id, "request_supplement").status, 422u);
  auto asked = action(off, id, "request_supplement", "The statement of loss is not signed.");
  ASSERT_EQ(asked.status, 200u) << asked.body;
  EXPECT_EQ(asked.json().at("case").at("state"), "needs_supplement");
  EXPECT_FALSE(asked.json().at("case").at("supplement_due").is_null());

  // The applicant sees who holds the case now (they do), answers in place.
  auto mine = client_->get("/api/v1/cases/" + std::to_string(id), applicant.headers());
  EXPECT_EQ(mine.json().at("case").at("holder").at("party"), "applicant");
  ASSERT_EQ(upload(applicant, id, "supplement", kPdf, "application/pdf").status, 201u);
  ASSERT_EQ(action(applicant, id, "supplement", "Signed statement attached.").status, 200u);

  auto approved = action(off, id, "approve", "All in order.");
  ASSERT_EQ(approved.status, 200u) << approved.body;
  EXPECT_EQ(approved.json().at("case").at("state"), "approved");

  // The applicant's view: full timeline, deadline, documents, no officer-only actions.
  auto view = client_->get("/api/v1/cases/" + std::to_string(id), applicant.headers());
  ASSERT_EQ(view.status, 200u);
  const auto& c = view.json().at("case").as_object();
  std::vector<std::string> steps;
  for (const auto& e : c.at("timeline").as_array()) steps.emplace_back(e.at("action").as_string());
  EXPECT_EQ(steps, (std::vector<std::string>{"create", "submit", "accept", "start_review",
                                             "request_supplement", "supplement", "approve"}));
  EXPECT_TRUE(c.at("deadline").is_string());
  EXPECT_EQ(c.at("documents").as_array().size(), 4u);
  EXPECT_EQ(c.at("decision_note"), "All in order.");
  EXPECT_TRUE(c.at("actions").as_array().empty());

  // The applicant can see that the officer looked at their data.
  auto log = client_->get("/api/v1/me/access-log", applicant.headers());
  std::set<std::string> officerActions;
  for (const auto& e : log.json().at("events").as_array())
    if (e.at("actor_role") == "officer")
      officerActions.insert(std::string(e.at("action").as_string()));
  EXPECT_TRUE(officerActions.count("case.accept"));
  EXPECT_TRUE(officerActions.count("case.approve"));
}

TEST_F(ApiTest, InstantItemIsDecidedByItsRules) {
  Session s = registerAndLogin("instant@example.org");
  json::object form = PassportForm();
  form.erase("address_abroad");
  form["period_from"] = "2020-01-01";
  form["period_to"] = "2026-01-01";
  auto r = client_->postJson(
      "/api/v1/cases", json::object{{"item_code", "EE-011"}, {"submit", true}, {"form", form}},
      s.headers());
  ASSERT_EQ(r.status, 201u) << r.body;
  const auto& c = r.json().at("case").as_object();
  EXPECT_EQ(c.at("state"), "issued");
  EXPECT_EQ(c.at("decided_rule"), "passed:form_valid,documents_present,assurance_met");
  std::set<std::string> roles;
  for (const auto& e : c.at("timeline").as_array())
    roles.insert(std::string(e.at("actor_role").as_string()));
  EXPECT_TRUE(roles.count("system"));
}

TEST_F(ApiTest, AutoItemMissingAssuranceGoesToAnOfficer) {
  Session s = registerAndLogin("auto@example.org");
  json::object form = PassportForm();
  form.erase("id_number");
  form["passport_number"] = "E12345678";
  form["passport_expiry"] = "2027-01-01";
  auto created = client_->postJson(
      "/api/v1/cases", json::object{{"item_code", "EE-002"}, {"form", form}}, s.headers());
  ASSERT_EQ(created.status, 201u) << created.body;
  int64_t id = created.json().at("case").at("id").as_int64();
  ASSERT_EQ(upload(s, id, "photo", kPng).status, 201u);
  ASSERT_EQ(upload(s, id, "passport_copy", kPng).status, 201u);
  auto r = action(s, id, "submit");
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(r.json().at("case").at("state"), "submitted");
  EXPECT_EQ(r.json().at("case").at("decided_rule"), "failed:assurance_met -> officer review");
}

TEST_F(ApiTest, RetriedSubmitWithIdempotencyKeyReturnsTheFirstCase) {
  Session s = registerAndLogin("retry@example.org");
  json::object form = PassportForm();
  form.erase("address_abroad");
  form["period_from"] = "2020-01-01";
  form["period_to"] = "2026-01-01";
  json::object body{{"item_code", "EE-011"}, {"submit", true}, {"form", form}};
  auto h = s.headers();
  h["Idempotency-Key"] = "submit-0001";
  auto first = client_->postJson("/api/v1/cases", body, h);
  auto second = client_->postJson("/api/v1/cases", body, h);
  ASSERT_EQ(first.status, 201u) << first.body;
  ASSERT_EQ(second.status, 201u) << second.body;
  EXPECT_EQ(first.json().at("case").at("id"), second.json().at("case").at("id"));
  EXPECT_EQ(second.headers["idempotent-replayed"], "true");
  auto list = client_->get("/api/v1/cases", s.headers());
  EXPECT_EQ(list.json().at("cases").as_array().size(), 1u);
  // The same key with another body is a client error, not a silent replay.
  body["priority"] = "care";
  auto third = client_->postJson("/api/v1/cases", body, h);
  EXPECT_EQ(third.status, 422u);
  EXPECT_TRUE(third.fields().contains("Idempotency-Key"));
}

TEST_F(ApiTest, BadInputGetsFieldErrorsAndNeverA5xx) {
  Session s = registerAndLogin("bad@example.org");
  auto h = s.headers();
  h["Content-Type"] = "application/json";
  // Malformed JSON.
  auto r = client_->request("POST", "/api/v1/cases", "{\"item_code\": ", h);
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.json().at("error").at("fields").at("body").at("code"), "malformed_json");
  EXPECT_FALSE(r.json().at("error").at("request_id").as_string().empty());
  // Wrong types.
  r = client_->postJson("/api/v1/cases",
                        json::object{{"item_code", 7}, {"submit", "yes"}, {"form", "x"}},
                        s.headers());
  EXPECT_EQ(r.status, 422u);
  EXPECT_EQ(r.fields().at("item_code").at("code"), "type");
  EXPECT_EQ(r.fields().at("submit").at("code"), "type");
  EXPECT_EQ(r.fields().at("form").at("code"), "type");
  // Missing fields and form rules.
  r = client_->postJson("/api/v1/cases",
                        json::object{{"item_code", "EE-001"},
                                     {"submit", true},
                                     {"form",
                                      {{"surname", "zh4ng"},
                                       {"sex", "X"},
                                       {"date_of_birth", "1980-02-30"},
                                       {"shoe_size", 42}}}},
                        s.headers());
  EXPECT_EQ(r.status, 422u);
  auto f = r.fields();
  EXPECT_EQ(f.at("form.surname").at("code"), "pattern");
  EXPECT_EQ(f.at("form.sex").at("code"), "option");
  EXPECT_EQ(f.at("form.date_of_birth").at("code"), "date");
  EXPECT_EQ(f.at("form.given_names").at("code"), "required");
  EXPECT_EQ(f.at("form.shoe_size").at("code"), "unknown");
  // Unknown item, missing item.
  r = client_->postJson("/api/v1/cases", json::object{{"form", json::object{}}}, s.headers());
  EXPECT_EQ(r.fields().at("item_code").at("code"), "required");
  // Wrong content type.
  h["Content-Type"] = "text/plain";
  r = client_->request("POST", "/api/v1/cases", "{}", h);
  EXPECT_EQ(r.status, 415u);
  // Registration with a short password and a bad e-mail.
  r = client_->postJson(
      "/api/v1/auth/register",
      json::object{{"email", "nope"}, {"password", "short"}, {"display_name", ""}});
  EXPECT_EQ(r.status, 422u);
  EXPECT_TRUE(r.fields().contains("email"));
  EXPECT_TRUE(r.fields().contains("display_name"));
  // Bad ids and query parameters.
  EXPECT_EQ(client_->get("/api/v1/cases/abc", s.headers()).status, 404u);
  EXPECT_EQ(client_->get("/api/v1/cases?limit=0", s.headers()).status, 422u);
  EXPECT_EQ(client_->get("/api/v1/units?lat=999&lon=1").status, 422u);
  // An upload that is not JPEG, PNG or PDF, whatever it claims to be.
  auto created = client_->postJson("/api/v1/cases",
                                   json::object{{"item_code", "EE-003"}, {"form", json::object{}}},
                                   s.headers());
  int64_t id = created.json().at("case").at("id").as_int64();
  r = upload(s, id, "photo", "GIF89a this is a gif", "image/png");
  EXPECT_EQ(r.status, 415u);
  r = upload(s, id, "tax_return", kPng);
  EXPECT_EQ(r.status, 422u);
  EXPECT_TRUE(r.fields().contains("type"));
  // Actions that the state does not allow, or the role may not take.
  EXPECT_EQ(action(s, id, "approve").status, 409u);
  EXPECT_EQ(action(s, id, "fly").status, 422u);
}

TEST_F(ApiTest, OversizeBodyIsRefusedBeforeItIsRead) {
  Session s = registerAndLogin("big@example.org");
  // Announce 50 MB and send only the header: the 413 must come without the body.
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::socket sock(ioc);
  sock.connect({boost::asio::ip::make_address("127.0.0.1"), app_->port()});
  std::string head =
      "POST /api/v1/cases HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: "
      "Bearer " +
      s.token + "\r\nContent-Length: 50000000\r\n\r\n{";
  boost::asio::write(sock, boost::asio::buffer(head));
  std::string reply;
  char buf[4096];
  boost::system::error_code ec;
  while (reply.find("\r\n\r\n") == std::string::npos) {
    size_t n = sock.read_some(boost::asio::buffer(buf), ec);
    if (ec) break;
    reply.append(buf, n);
  }
  EXPECT_EQ(reply.rfind("HTTP/1.1 413", 0), 0u) << reply;
  // And a JSON body just over the limit, sent whole, also gets a 413.
  auto r = client_->request(
      "POST", "/api/v1/cases", std::string(70 * 1024, ' '),
      {{"Authorization", "Bearer " + s.token}, {"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 413u);
}

TEST_F(ApiTest, OtherApplicantsAndOtherUnitsGet404) {
  Session owner = registerAndLogin("owner@example.org");
  Session other = registerAndLogin("other@example.org");
  auto created = client_->postJson("/api/v1/cases",
                                   json::object{{"item_code", "EE-001"}, {"form", json::object{}}},
                                   owner.headers());
  ASSERT_EQ(created.status, 201u);
  std::string path =
      "/api/v1/cases/" + std::to_string(created.json().at("case").at("id").as_int64());
  EXPECT_EQ(client_->get(path, owner.headers()).status, 200u);
  EXPECT_EQ(client_->get(path, other.headers()).status, 404u);
  EXPECT_EQ(client_->postJson(path + "/actions/withdraw", json::object{}, other.headers()).status,
            404u);
  Session wenzhou = Login(*client_, "officer.wenzhou@demo.tongban.example", "demo-officer-2026");
  EXPECT_EQ(client_->get(path, wenzhou.headers()).status, 404u);
  EXPECT_EQ(client_->get(path).status, 401u);
}

TEST_F(ApiTest, CookieSessionsNeedTheCsrfToken) {
  Session s = registerAndLogin("csrf@example.org", /*bearer=*/false);
  auto r = client_->postJson("/api/v1/cases", json::object{{"item_code", "EE-001"}},
                             {{"Cookie", s.cookie}});
  EXPECT_EQ(r.status, 403u);
  r = client_->postJson("/api/v1/cases", json::object{{"item_code", "EE-001"}}, s.headers());
  EXPECT_EQ(r.status, 201u) << r.body;
  // Reads need no token; logging out ends the session.
  EXPECT_EQ(client_->get("/api/v1/me", {{"Cookie", s.cookie}}).status, 200u);
  EXPECT_EQ(client_->postJson("/api/v1/auth/logout", json::object{}, s.headers()).status, 200u);
  EXPECT_EQ(client_->get("/api/v1/me", {{"Cookie", s.cookie}}).status, 401u);
}

TEST_F(ApiTest, LoginIsThrottledPerAccount) {
  registerAndLogin("throttle@example.org");
  unsigned last = 0;
  for (int i = 0; i < 6; ++i)
    last = client_
               ->postJson("/api/v1/auth/login", json::object{{"email", "throttle@example.org"},
                                                             {"password", "wrong password!"}})
               .status;
  EXPECT_EQ(last, 429u);
  auto r = client_->postJson(
      "/api/v1/auth/login",
      json::object{{"email", "throttle@example.org"}, {"password", "correct horse battery"}});
  EXPECT_EQ(r.status, 429u);  // even the right password waits
  EXPECT_FALSE(r.headers["retry-after"].empty());
}

TEST_F(ApiTest, VerifiedPhotoIsReusedInALaterApplication) {
  Session s = registerAndLogin("photo@example.org");
  auto h = s.headers();
  h["Content-Type"] = "image/png";
  auto up = client_->request("POST", "/api/v1/me/photo", kPng, h);
  ASSERT_EQ(up.status, 201u) << up.body;
  auto first =
      client_->postJson("/api/v1/cases", json::object{{"item_code", "EE-001"}}, s.headers());
  int64_t firstId = first.json().at("case").at("id").as_int64();
  // Not verified yet: cannot be reused.
  EXPECT_EQ(client_
                ->postJson("/api/v1/cases/" + std::to_string(firstId) + "/documents/reuse-photo",
                           json::object{}, s.headers())
                .status,
            409u);
  // An officer handling a case of this applicant confirms the photo.
  auto sub = client_->postJson("/api/v1/cases",
                               json::object{{"item_code", "EE-013"},
                                            {"submit", true},
                                            {"form",
                                             {{"surname", "LI"},
                                              {"given_names", "NA"},
                                              {"sex", "F"},
                                              {"date_of_birth", "1990-01-01"},
                                              {"phone", "+39 333 0000000"},
                                              {"id_number", "33112119900101002X"},
                                              {"document_number", "E1234567"}}}},
                               s.headers());
  ASSERT_EQ(sub.status, 201u) << sub.body;
  Session off = officer();
  auto v = client_->postJson("/api/v1/cases/" +
                                 std::to_string(sub.json().at("case").at("id").as_int64()) +
                                 "/verify-photo",
                             json::object{}, off.headers());
  ASSERT_EQ(v.status, 200u) << v.body;
  auto reused =
      client_->postJson("/api/v1/cases/" + std::to_string(firstId) + "/documents/reuse-photo",
                        json::object{}, s.headers());
  ASSERT_EQ(reused.status, 201u) << reused.body;
  // The same bytes come back from the case's document.
  auto doc = client_->get("/api/v1/documents/" +
                              std::to_string(reused.json().at("document").at("id").as_int64()) +
                              "/content",
                          s.headers());
  EXPECT_EQ(doc.status, 200u);
  EXPECT_EQ(doc.body, kPng);
  EXPECT_EQ(doc.headers["content-type"], "image/png");
}

TEST_F(ApiTest, CatalogueUnitsAndSearchInBothLanguages) {
  auto cats = client_->get("/api/v1/categories");
  ASSERT_EQ(cats.status, 200u);
  EXPECT_EQ(cats.json().at("categories").as_array().size(), 4u);
  int64_t business = 0;
  for (const auto& c : cats.json().at("categories").as_array())
    business += c.at("business_items").to_number<int64_t>();
  EXPECT_GE(business, 45);
  auto zh = client_->get("/api/v1/items?q=%E9%A9%BE%E9%A9%B6%E8%AF%81");  // 驾驶证
  auto en = client_->get("/api/v1/items?q=driving%20licence");
  ASSERT_EQ(zh.status, 200u);
  EXPECT_FALSE(zh.json().at("items").as_array().empty());
  EXPECT_FALSE(en.json().at("items").as_array().empty());
  EXPECT_EQ(zh.json().at("items").as_array()[0].at("category"), "traffic");
  auto item = client_->get("/api/v1/items/EE-001");
  ASSERT_EQ(item.status, 200u);
  EXPECT_EQ(item.json().at("item").at("owner_unit").at("code"), "QT-EEB");
  // Liaison sites by distance from Florence: Prato first.
  auto units = client_->get("/api/v1/units?kind=liaison_site&lat=43.77&lon=11.25");
  ASSERT_EQ(units.status, 200u);
  EXPECT_EQ(units.json().at("units").as_array()[0].at("code"), "LS-PRATO");
}

TEST_F(ApiTest, EveryRouteIsInTheOpenApiDocument) {
  auto doc = client_->get("/api/v1/openapi.json");
  ASSERT_EQ(doc.status, 200u);
  auto paths = doc.json().at("paths").as_object();
  // The live route table, as registered by the server.
  auto app = server::App::Create(config_, clock_);
  ASSERT_TRUE(app.ok());
  std::regex param(":([a-z_]+)");
  int checked = 0;
  for (const auto& r : (*app)->routesForTest()) {
    if (r.pattern == "/*") continue;  // the static front end
    std::string openapiPath = std::regex_replace(r.pattern, param, "{$1}");
    std::string method(boost::beast::http::to_string(r.method));
    for (char& c : method) c = char(std::tolower(static_cast<unsigned char>(c)));
    ASSERT_TRUE(paths.contains(openapiPath))
        << r.pattern << " is missing from src/api/openapi.json";
    EXPECT_TRUE(paths.at(openapiPath).as_object().contains(method)) << method << " " << r.pattern;
    ++checked;
  }
  EXPECT_GT(checked, 15);
}

TEST_F(ApiTest, EveryResponseCarriesARequestIdAndMetricsCountThem) {
  auto r = client_->get("/healthz");
  EXPECT_EQ(r.status, 200u);
  EXPECT_FALSE(r.headers["x-request-id"].empty());
  auto given = client_->get("/healthz", {{"X-Request-Id", "trace-abc-123"}});
  EXPECT_EQ(given.headers["x-request-id"], "trace-abc-123");
  registerAndLogin("metrics@example.org");
  auto m = client_->get("/metrics");
  EXPECT_EQ(m.status, 200u);
  EXPECT_NE(m.body.find("tongban_http_requests_total{route=\"/healthz\",status=\"200\"} 2"),
            std::string::npos)
      << m.body;
  EXPECT_NE(m.body.find("tongban_http_request_duration_seconds_bucket{route=\"/healthz\""),
            std::string::npos);
  EXPECT_NE(m.body.find("tongban_db_commit_batch_size_count"), std::string::npos);
  EXPECT_EQ(client_->get("/no/such/thing/../../etc/passwd").status,
            200u);  // the app shell, never a file outside
}

TEST_F(ApiTest, ApplicantRatesAFinishedCaseOnce) {
  Session s = registerAndLogin("rate@example.org");
  auto draft =
      client_->postJson("/api/v1/cases", json::object{{"item_code", "EE-001"}}, s.headers());
  std::string base = "/api/v1/cases/" + std::to_string(draft.json().at("case").at("id").as_int64());
  EXPECT_EQ(client_->postJson(base + "/rating", json::object{{"score", 5}}, s.headers()).status,
            409u);  // not finished
  json::object form = PassportForm();
  form.erase("address_abroad");
  form["period_from"] = "2020-01-01";
  form["period_to"] = "2026-01-01";
  auto done = client_->postJson(
      "/api/v1/cases", json::object{{"item_code", "EE-011"}, {"submit", true}, {"form", form}},
      s.headers());
  ASSERT_EQ(done.json().at("case").at("can_rate"), true);
  std::string path =
      "/api/v1/cases/" + std::to_string(done.json().at("case").at("id").as_int64()) + "/rating";
  EXPECT_EQ(client_->postJson(path, json::object{{"score", 9}}, s.headers()).status, 422u);
  auto ok = client_->postJson(path, json::object{{"score", 4}, {"comment", "Quick, thank you"}},
                              s.headers());
  ASSERT_EQ(ok.status, 200u) << ok.body;
  EXPECT_EQ(ok.json().at("case").at("rating").at("score"), 4);
  EXPECT_EQ(ok.json().at("case").at("can_rate"), false);
  EXPECT_EQ(client_->postJson(path, json::object{{"score", 1}}, s.headers()).status, 409u);
}

TEST_F(ApiTest, AdministratorEditsAnItemAndEveryoneSeesIt) {
  Session admin = Login(*client_, "admin@demo.tongban.example", "demo-admin-2026");
  Session off = officer();
  auto h = admin.headers();
  h["Content-Type"] = "application/json";
  std::string patch =
      R"J({"fee":{"amount":150},"time_limit_days":5,"name":{"en":"First ordinary passport (new)"}})J";
  auto denied = client_->request(
      "PATCH", "/api/v1/items/EE-001", patch,
      {{"Authorization", "Bearer " + off.token}, {"Content-Type", "application/json"}});
  EXPECT_EQ(denied.status, 403u);
  auto bad = client_->request("PATCH", "/api/v1/items/EE-001",
                              R"({"time_limit_days":-3,"mode":"instant"})", h);
  EXPECT_EQ(bad.status, 422u);
  EXPECT_TRUE(bad.fields().contains("time_limit_days"));
  EXPECT_TRUE(bad.fields().contains("mode"));
  auto ok = client_->request("PATCH", "/api/v1/items/EE-001", patch, h);
  ASSERT_EQ(ok.status, 200u) << ok.body;
  auto item = client_->get("/api/v1/items/EE-001");
  EXPECT_EQ(item.json().at("item").at("fee").at("amount"), 150);
  EXPECT_EQ(item.json().at("item").at("time_limit_days"), 5);
  EXPECT_EQ(item.json().at("item").at("name").at("en"), "First ordinary passport (new)");
  EXPECT_EQ(item.json().at("item").at("name").at("zh"), "首次申领普通护照");
}

// SIGTERM while a request is in flight: the request is answered, then the process exits 0.
TEST(GracefulShutdown, InFlightRequestFinishesAfterSigterm) {
  TempDir dir;
  auto config = TestConfig(dir.path());
  SystemClock clock;
  SeedForTest(config, clock);
  int port = 0;
  {
    // Find a free port for the child.
    boost::asio::io_context ioc;
    boost::asio::ip::tcp::acceptor a(ioc, {boost::asio::ip::make_address("127.0.0.1"), 0});
    port = a.local_endpoint().port();
  }
  pid_t pid = fork();
  if (pid == 0) {
    std::string data = config.dataDir.string(), p = std::to_string(port);
    setenv("TONGBAN_FAST_PASSWORD_HASHING", "true", 1);
    execl(TB_BINARY, TB_BINARY, "--data-dir", data.c_str(), "--log-level", "warn", "serve",
          "--port", p.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  HttpClient client(static_cast<unsigned short>(port));
  bool up = false;
  for (int i = 0; i < 100 && !up; ++i) {
    try {
      up = client.get("/healthz").status == 200;
    } catch (const std::exception&) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  ASSERT_TRUE(up);
  auto reg =
      client.postJson("/api/v1/auth/register", json::object{{"email", "late@example.org"},
                                                            {"password", "correct horse battery"},
                                                            {"display_name", "Late"}});
  ASSERT_EQ(reg.status, 201u);
  Session s = Login(client, "late@example.org", "correct horse battery");
  // Start a request whose body is only half sent, then ask the server to stop.
  std::string body = json::serialize(json::object{{"item_code", "EE-001"}});
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::socket sock(ioc);
  sock.connect({boost::asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)});
  std::string head =
      "POST /api/v1/cases HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: "
      "Bearer " +
      s.token + "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  boost::asio::write(sock, boost::asio::buffer(head + body.substr(0, 5)));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  ASSERT_EQ(kill(pid, SIGTERM), 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  boost::asio::write(sock, boost::asio::buffer(body.substr(5)));
  std::string reply;
  char buf[4096];
  boost::system::error_code ec;
  for (;;) {
    size_t n = sock.read_some(boost::asio::buffer(buf), ec);
    if (ec) break;
    reply.append(buf, n);
  }
  EXPECT_EQ(reply.rfind("HTTP/1.1 201", 0), 0u) << reply;
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  // The acknowledged case is in the database after the restart.
  auto db = db::SqliteDatabase::Open({.path = config.dbPath().string()});
  ASSERT_TRUE(db.ok());
  int64_t n = 0;
  ASSERT_TRUE((*db)
                  ->read([&](db::Transaction& tx) -> Status {
                    TB_ASSIGN_OR_RETURN(n, tx.cases().count());
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(n, 1);
}

}  // namespace
}  // namespace tongban::testing
