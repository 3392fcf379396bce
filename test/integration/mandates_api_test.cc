// Powers of attorney over the real server: a grantor authorises a grantee, an officer checks it
// (document check, or a video session whose subject is the mandate), the grantee acts for the
// grantor with X-Act-For only within scope, steps and dates, every act is recorded with both
// identities and told to the grantor, and a revocation stops the grantee at once.

#include <gtest/gtest.h>

#include <thread>

#include "integration/http_client.h"
#include "integration/server_fixture.h"
#include "test_support.h"

namespace tongban::testing {
namespace {

const std::string kPng = std::string("\x89PNG\r\n\x1a\n", 8) + std::string(200, 'p');
const std::string kPdf = "%PDF-1.4\n" + std::string(300, 'd') + "\n%%EOF\n";

std::string Day(int offsetDays) {
  // China Standard Time, like the server's calendar.
  auto t = std::chrono::system_clock::now() + std::chrono::hours(8) +
           std::chrono::hours(24) * offsetDays;
  return FormatDate(std::chrono::floor<std::chrono::days>(t));
}

class MandatesApiTest : public ServerTest {
 protected:
  HttpResult post(const Session& s, const std::string& path, const json::object& body,
                  std::map<std::string, std::string> extra = {}) {
    auto h = s.headers();
    for (auto& [k, v] : extra) h[k] = v;
    return client_->postJson("/api/v1" + path, body, h);
  }
  HttpResult get(const Session& s, const std::string& path,
                 std::map<std::string, std::string> extra = {}) {
    auto h = s.headers();
    for (auto& [k, v] : extra) h[k] = v;
    return client_->get("/api/v1" + path, h);
  }
  static std::map<std::string, std::string> For(int64_t mandateId) {
    return {{"X-Act-For", std::to_string(mandateId)}};
  }
  HttpResult upload(const Session& s, const std::string& path, const std::string& bytes,
                    std::map<std::string, std::string> extra = {}) {
    auto h = s.headers();
    h["Content-Type"] = "application/octet-stream";
    for (auto& [k, v] : extra) h[k] = v;
    return client_->request("POST", "/api/v1" + path, bytes, h);
  }
  //! A mandate of `grantor` for the registered `granteeEmail`.
  HttpResult create(const Session& grantor, const std::string& granteeEmail,
                    const json::array& steps, json::object scope = {}, std::string from = "",
                    std::string until = "") {
    if (scope.empty()) scope = {{"items", json::array{"EE-005"}}};
    return post(grantor, "/mandates",
                {{"grantee", {{"email", granteeEmail}}},
                 {"scope", scope},
                 {"steps", steps},
                 {"valid_from", from.empty() ? Day(0) : from},
                 {"valid_until", until.empty() ? Day(30) : until}});
  }
  void evidence(const Session& grantor, int64_t id) {
    EXPECT_EQ(
        upload(grantor,
               "/mandates/" + std::to_string(id) + "/evidence?kind=letter&filename=letter.png",
               kPng)
            .status,
        201u);
    EXPECT_EQ(upload(grantor,
                     "/mandates/" + std::to_string(id) +
                         "/evidence?kind=id_document&filename=passport.pdf",
                     kPdf)
                  .status,
              201u);
  }
  //! Created, documented and verified by the EE-005 owning unit's officer.
  int64_t active(const Session& grantor, const std::string& granteeEmail, const json::array& steps,
                 json::object scope = {}) {
    auto r = create(grantor, granteeEmail, steps, std::move(scope));
    EXPECT_EQ(r.status, 201u) << r.body;
    int64_t id = r.json().at("mandate").at("id").as_int64();
    evidence(grantor, id);
    auto ok = post(officer(), "/mandates/" + std::to_string(id) + "/check", {{"approve", true}});
    EXPECT_EQ(ok.status, 200u) << ok.body;
    EXPECT_EQ(ok.json().at("mandate").at("state"), "active");
    return id;
  }
  json::object passportForm() {
    return {{"surname", "ZHANG"},
            {"given_names", "WEI"},
            {"name_zh", "张伟"},
            {"sex", "M"},
            {"date_of_birth", "1950-01-01"},
            {"phone", "+39 02 1"},
            {"passport_number", "E76543210"},
            {"passport_expiry", "2030-01-01"}};
  }
  //! The grantee applies for EE-005 in the grantor's name and submits it.
  int64_t submittedAsProxy(const Session& grantee, int64_t mandateId) {
    auto created = post(grantee, "/cases", {{"item_code", "EE-005"}, {"form", passportForm()}},
                        For(mandateId));
    EXPECT_EQ(created.status, 201u) << created.body;
    int64_t id = created.json().at("case").at("id").as_int64();
    for (const char* type : {"passport_copy", "name_evidence"}) {
      auto up =
          upload(grantee,
                 "/cases/" + std::to_string(id) + "/documents?type=" + type + "&filename=scan.png",
                 std::string(type) == "passport_copy" ? kPng : kPdf, For(mandateId));
      EXPECT_EQ(up.status, 201u) << up.body;
    }
    auto s = post(grantee, "/cases/" + std::to_string(id) + "/actions/submit", {}, For(mandateId));
    EXPECT_EQ(s.status, 200u) << s.body;
    return id;
  }
  json::array notifications(const Session& s, const std::string& kind, size_t atLeast) {
    json::array found;
    for (int i = 0; i < 100; ++i) {
      found.clear();
      auto r = get(s, "/notifications");
      EXPECT_EQ(r.status, 200u) << r.body;
      if (r.status != 200u) break;
      json::value body = r.json();
      for (const auto& n : body.at("notifications").as_array())
        if (n.at("kind") == kind.c_str()) found.push_back(n);
      if (found.size() >= atLeast) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return found;
  }
};

TEST_F(MandatesApiTest, AGranteeActsOnlyWithinScopeStepsAndState) {
  Session grantor = applicant("grantor@example.org");
  Session grantee = applicant("grantee@example.org");
  auto r = create(grantor, "grantee@example.org", {"submit", "supplement"});
  ASSERT_EQ(r.status, 201u) << r.body;
  int64_t m = r.json().at("mandate").at("id").as_int64();
  EXPECT_EQ(r.json().at("mandate").at("state"), "requested");
  EXPECT_FALSE(r.json().as_object().contains("claim_code"));

  // Not checked yet: no acting.
  auto early = post(grantee, "/cases", {{"item_code", "EE-005"}, {"form", passportForm()}}, For(m));
  EXPECT_EQ(early.status, 403u) << early.body;
  // The officer refuses to approve without the evidence.
  auto incomplete =
      post(officer(), "/mandates/" + std::to_string(m) + "/check", {{"approve", true}});
  EXPECT_EQ(incomplete.status, 409u) << incomplete.body;
  evidence(grantor, m);
  // The checking officer sees it in their list and can open the letter; a refusal needs a reason.
  Session off = officer();
  auto pending = get(off, "/mandate-checks");
  ASSERT_EQ(pending.status, 200u) << pending.body;
  ASSERT_EQ(pending.json().at("mandates").as_array().size(), 1u);
  EXPECT_EQ(get(off, "/mandates/" + std::to_string(m) + "/evidence/letter").status, 200u);
  EXPECT_EQ(get(grantee, "/mandates/" + std::to_string(m) + "/evidence/letter").status, 404u);
  EXPECT_EQ(post(off, "/mandates/" + std::to_string(m) + "/check", {{"approve", false}}).status,
            422u);
  auto verified = post(off, "/mandates/" + std::to_string(m) + "/check", {{"approve", true}});
  ASSERT_EQ(verified.status, 200u) << verified.body;
  EXPECT_EQ(verified.json().at("mandate").at("state"), "active");
  EXPECT_EQ(verified.json().at("mandate").at("check_method"), "document");

  int64_t id = submittedAsProxy(grantee, m);
  // The case is the grantor's.
  auto own = get(grantor, "/cases/" + std::to_string(id));
  ASSERT_EQ(own.status, 200u);
  EXPECT_EQ(own.json().at("case").at("state"), "submitted");
  // The grantee's own list does not have it; acting, the list has exactly the covered cases.
  EXPECT_TRUE(get(grantee, "/cases").json().at("cases").as_array().empty());
  auto grantorOther = post(grantor, "/cases",
                           {{"item_code", "HR-008"},
                            {"form",
                             {{"surname", "ROSSI"},
                              {"given_names", "MARIA"},
                              {"sex", "F"},
                              {"date_of_birth", "1949-12-31"},
                              {"phone", "+39 02 1234567"},
                              {"id_number", "11010519491231002X"},
                              {"country_of_residence", "IT"}}}});
  ASSERT_EQ(grantorOther.status, 201u) << grantorOther.body;
  int64_t other = grantorOther.json().at("case").at("id").as_int64();
  auto listed = get(grantee, "/cases", For(m));
  ASSERT_EQ(listed.status, 200u) << listed.body;
  ASSERT_EQ(listed.json().at("cases").as_array().size(), 1u);
  EXPECT_EQ(listed.json().at("cases").as_array()[0].at("id"), id);
  EXPECT_EQ(get(grantee, "/cases/" + std::to_string(id), For(m)).status, 200u);

  // Outside the scope: another item, the grantor's other case.
  EXPECT_EQ(
      post(grantee, "/cases", {{"item_code", "HR-008"}, {"form", json::object{}}}, For(m)).status,
      403u);
  EXPECT_EQ(get(grantee, "/cases/" + std::to_string(other), For(m)).status, 403u);
  EXPECT_EQ(
      upload(grantee, "/cases/" + std::to_string(other) + "/documents?type=other", kPng, For(m))
          .status,
      403u);
  // Not a step of a mandate: withdrawing, rating, and every account or settings route.
  EXPECT_EQ(post(grantee, "/cases/" + std::to_string(id) + "/actions/withdraw", {}, For(m)).status,
            403u);
  // Steps not granted through the grantee's own requests: confirming a delivery, choosing how
  // the result is delivered.
  EXPECT_EQ(post(grantee, "/cases/" + std::to_string(id) + "/delivery/received", {}, For(m)).status,
            403u);
  EXPECT_EQ(
      post(grantee, "/cases/" + std::to_string(id) + "/delivery", {{"option", "post"}}, For(m))
          .status,
      403u);
  EXPECT_EQ(get(grantee, "/me", For(m)).status, 403u);
  EXPECT_EQ(get(grantee, "/notifications", For(m)).status, 403u);
  EXPECT_EQ(get(grantee, "/me/access-log", For(m)).status, 403u);
  EXPECT_EQ(get(grantee, "/mandates", For(m)).status, 403u);
  EXPECT_EQ(get(grantee, "/wallet", For(m)).status, 403u);
  EXPECT_EQ(post(grantee, "/mandates/" + std::to_string(m) + "/revoke", {}, For(m)).status, 403u);
  // Someone else's mandate number is refused, and so is a malformed one.
  Session stranger = applicant("stranger@example.org");
  EXPECT_EQ(get(stranger, "/cases/" + std::to_string(id), For(m)).status, 403u);
  EXPECT_EQ(get(grantee, "/cases", {{"X-Act-For", "abc"}}).status, 403u);

  // A step not granted: the counter payment under this mandate (no "pay").
  auto pay = post(off, "/cases/" + std::to_string(id) + "/payments",
                  {{"method", "window"}, {"payer", {{"kind", "proxy"}}}, {"mandate_id", m}});
  EXPECT_EQ(pay.status, 403u) << pay.body;
  EXPECT_EQ(pay.fields().at("mandate_id").at("code"), "out_of_scope");

  // Supplement: the office asks for more, the grantee answers for the grantor.
  ASSERT_EQ(post(off, "/cases/" + std::to_string(id) + "/actions/accept", {}).status, 200u);
  ASSERT_EQ(post(off, "/cases/" + std::to_string(id) + "/actions/start_review", {}).status, 200u);
  auto ask = post(off, "/cases/" + std::to_string(id) + "/actions/request_supplement",
                  {{"note", "A clearer copy, please"}});
  ASSERT_EQ(ask.status, 200u) << ask.body;
  EXPECT_EQ(
      upload(grantee, "/cases/" + std::to_string(id) + "/documents?type=supplement", kPng, For(m))
          .status,
      201u);
  auto answered = post(grantee, "/cases/" + std::to_string(id) + "/actions/supplement", {}, For(m));
  EXPECT_EQ(answered.status, 200u) << answered.body;

  // The grantor's timeline names the grantee and the mandate; the proxy actions are listed.
  auto view = get(grantor, "/cases/" + std::to_string(id)).json().at("case");
  int byProxy = 0;
  for (const auto& e : view.at("timeline").as_array())
    if (e.as_object().contains("proxy")) {
      ++byProxy;
      EXPECT_EQ(e.at("proxy").at("mandate_id"), m);
      EXPECT_EQ(e.at("proxy").at("name"), "Test Applicant");
      EXPECT_EQ(e.at("by_you"), false);
    }
  EXPECT_EQ(byProxy, 3) << json::serialize(view.at("timeline"));  // create, submit, supplement
  ASSERT_TRUE(view.as_object().contains("proxy_actions"));
  EXPECT_GE(view.at("proxy_actions").as_array().size(), 6u);  // + 3 documents

  // Both identities in the audit trail.
  int audited = 0;
  ASSERT_TRUE(app_->database()
                  .read([&](db::Transaction& tx) -> Status {
                    TB_ASSIGN_OR_RETURN(
                        auto rows, tx.audit().bySubject(view.at("applicant_id").as_int64(), 500));
                    for (const auto& row : rows)
                      if (row.action == "case.submit") {
                        auto d = ParseJsonObject(row.detailJson);
                        EXPECT_TRUE(d.ok());
                        EXPECT_EQ(d->at("mandate_id"), m);
                        EXPECT_NE(row.actorId, view.at("applicant_id").as_int64());
                        ++audited;
                      }
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(audited, 1);

  // The grantor is told about each act, and that the mandate was verified.
  auto told = notifications(grantor, "mandate_used", 6);
  EXPECT_GE(told.size(), 6u);
  EXPECT_EQ(notifications(grantor, "mandate_verified", 1).size(), 1u);
}

TEST_F(MandatesApiTest, RevocationStopsTheGranteeAtOnce) {
  Session grantor = applicant("revoker@example.org");
  Session grantee = applicant("stopped@example.org");
  int64_t m = active(grantor, "stopped@example.org", {"submit", "supplement"});
  int64_t id = submittedAsProxy(grantee, m);
  EXPECT_EQ(get(grantee, "/cases/" + std::to_string(id), For(m)).status, 200u);
  // Only the grantor revokes.
  EXPECT_EQ(post(grantee, "/mandates/" + std::to_string(m) + "/revoke", {}).status, 404u);
  auto revoked = post(grantor, "/mandates/" + std::to_string(m) + "/revoke", {});
  ASSERT_EQ(revoked.status, 200u) << revoked.body;
  EXPECT_EQ(revoked.json().at("mandate").at("state"), "revoked");
  auto next = get(grantee, "/cases/" + std::to_string(id), For(m));
  EXPECT_EQ(next.status, 403u) << next.body;
  EXPECT_EQ(
      post(grantee, "/cases", {{"item_code", "EE-005"}, {"form", passportForm()}}, For(m)).status,
      403u);
  EXPECT_EQ(post(grantor, "/mandates/" + std::to_string(m) + "/revoke", {}).status, 409u);
}

TEST_F(MandatesApiTest, DatesAreCheckedAndAnExpiredMandateIsRefused) {
  Session grantor = applicant("dates@example.org");
  Session grantee = applicant("later@example.org");
  auto backwards = create(grantor, "later@example.org", {"submit"}, {}, Day(10), Day(5));
  EXPECT_EQ(backwards.status, 422u);
  EXPECT_EQ(backwards.fields().at("valid_until").at("code"), "before_start");
  auto tooLong = create(grantor, "later@example.org", {"submit"}, {}, Day(0), Day(6 * 365));
  EXPECT_EQ(tooLong.status, 422u);
  EXPECT_EQ(tooLong.fields().at("valid_until").at("code"), "too_long");
  EXPECT_EQ(create(grantor, "later@example.org", {"fly"}).status, 422u);
  EXPECT_EQ(create(grantor, "dates@example.org", {"submit"}).status, 422u);  // oneself
  EXPECT_EQ(
      create(grantor, "later@example.org", {"submit"}, {{"items", json::array{"EE-001"}}}).status,
      422u);  // not handled by a proxy

  // Verified but starting tomorrow: not active yet.
  auto future = create(grantor, "later@example.org", {"submit"}, {}, Day(1), Day(10));
  ASSERT_EQ(future.status, 201u) << future.body;
  int64_t m = future.json().at("mandate").at("id").as_int64();
  evidence(grantor, m);
  ASSERT_EQ(
      post(officer(), "/mandates/" + std::to_string(m) + "/check", {{"approve", true}}).status,
      200u);
  EXPECT_EQ(get(grantee, "/cases", For(m)).status, 403u);

  // Its dates passed (moved back in the database, as time would): expired and refused.
  ASSERT_TRUE(app_->database()
                  .write([&](db::Transaction& tx) -> Status {
                    TB_ASSIGN_OR_RETURN(auto row, tx.mandates().byId(m));
                    row.validFrom = *ParseDate(Day(-20));
                    row.validUntil = *ParseDate(Day(-1));
                    return tx.mandates().update(row);
                  })
                  .ok());
  EXPECT_EQ(get(grantor, "/mandates/" + std::to_string(m)).json().at("mandate").at("state"),
            "expired");
  auto refused = get(grantee, "/cases", For(m));
  EXPECT_EQ(refused.status, 403u);
  EXPECT_EQ(refused.fields().at("X-Act-For").at("code"), "expired");
}

TEST_F(MandatesApiTest, APersonAtHomeClaimsWithTheCodeAndTheirIdNumber) {
  Session grantor = applicant("abroad@example.org");
  auto r =
      post(grantor, "/mandates",
           {{"grantee",
             {{"name", "王芳"}, {"id_number", "330302 19700101 123x"}, {"phone", "+86 577 1"}}},
            {"scope", {{"items", json::array{"EE-005"}}}},
            {"steps", json::array{"submit", "pay"}},
            {"valid_from", Day(0)},
            {"valid_until", Day(60)}});
  ASSERT_EQ(r.status, 201u) << r.body;
  int64_t m = r.json().at("mandate").at("id").as_int64();
  std::string code(r.json().at("claim_code").as_string());
  EXPECT_EQ(code.size(), 10u);
  EXPECT_EQ(r.json().at("mandate").at("bound"), false);

  Session home = applicant("home@example.org");
  auto wrong = post(home, "/mandates/claim", {{"code", code}, {"id_number", "330302197001011234"}});
  EXPECT_EQ(wrong.status, 422u);
  EXPECT_EQ(wrong.fields().at("id_number").at("code"), "mismatch");
  EXPECT_EQ(post(grantor, "/mandates/claim", {{"code", code}, {"id_number", "33030219700101123X"}})
                .status,
            422u);  // not one's own
  auto ok = post(home, "/mandates/claim", {{"code", code}, {"id_number", "33030219700101123X"}});
  ASSERT_EQ(ok.status, 200u) << ok.body;
  EXPECT_EQ(ok.json().at("mandate").at("bound"), true);
  // The code is used up.
  Session third = applicant("third@example.org");
  EXPECT_EQ(
      post(third, "/mandates/claim", {{"code", code}, {"id_number", "33030219700101123X"}}).status,
      422u);
  auto held = get(home, "/mandates").json();
  ASSERT_EQ(held.at("held").as_array().size(), 1u);
  EXPECT_EQ(held.at("held").as_array()[0].at("id"), m);
  // The grantee sees only the end of their ID number; the officer the whole of it.
  EXPECT_EQ(held.at("held").as_array()[0].at("grantee").at("id_number"), "****************123x");
  EXPECT_EQ(get(officer(), "/mandates/" + std::to_string(m))
                .json()
                .at("mandate")
                .at("grantee")
                .at("id_number"),
            "330302 19700101 123x");
}

TEST_F(MandatesApiTest, TheCounterPaymentAndTheHandOverNameTheMandate) {
  Session grantor = applicant("payer@example.org");
  Session grantee = applicant("daughter@example.org");
  int64_t m = active(grantor, "daughter@example.org", {"submit", "pay", "collect"});
  int64_t id = submittedAsProxy(grantee, m);
  Session off = officer();
  // A proxy payment names the mandate; the payer is the grantee.
  auto paid = post(off, "/cases/" + std::to_string(id) + "/payments",
                   {{"method", "window"},
                    {"payer", {{"kind", "proxy"}, {"relationship", "child"}}},
                    {"mandate_id", m}});
  ASSERT_EQ(paid.status, 201u) << paid.body;
  json::value paidJson = paid.json();
  const auto& p = paidJson.at("fee").at("payments").as_array()[0];
  EXPECT_EQ(p.at("mandate_id"), m);
  EXPECT_EQ(p.at("payer").at("name"), "Test Applicant");
  // Someone else's mandate is refused.
  Session other = applicant("other@example.org");
  int64_t foreign = active(other, "daughter@example.org", {"pay"});
  int64_t second = submittedAsProxy(grantee, m);
  auto refused =
      post(off, "/cases/" + std::to_string(second) + "/payments",
           {{"method", "window"}, {"payer", {{"kind", "proxy"}}}, {"mandate_id", foreign}});
  EXPECT_EQ(refused.status, 403u) << refused.body;

  // Issued, then handed over to the grantee under the mandate at the owning unit.
  int64_t site = 0;
  auto units = client_->get("/api/v1/units");
  ASSERT_EQ(units.status, 200u) << units.body;
  json::value unitsJson = units.json();
  for (const auto& u : unitsJson.at("units").as_array())
    if (u.at("code") == "QT-EEB") site = u.at("id").as_int64();
  auto chosen = post(grantor, "/cases/" + std::to_string(id) + "/delivery",
                     {{"option", "pickup"}, {"site_unit_id", site}});
  ASSERT_EQ(chosen.status, 200u) << chosen.body;
  for (const char* a : {"accept", "start_review"})
    ASSERT_EQ(post(off, "/cases/" + std::to_string(id) + "/actions/" + a, {}).status, 200u);
  ASSERT_EQ(post(off, "/cases/" + std::to_string(id) + "/actions/approve", {{"note", "OK"}}).status,
            200u);
  auto issued = post(off, "/cases/" + std::to_string(id) + "/actions/issue", {});
  ASSERT_EQ(issued.status, 200u) << issued.body;
  auto view = get(grantor, "/cases/" + std::to_string(id)).json().at("case");
  ASSERT_TRUE(view.as_object().contains("delivery")) << json::serialize(view);
  ASSERT_TRUE(view.at("delivery").as_object().contains("pickup_code")) << json::serialize(view);
  std::string code(view.at("delivery").at("pickup_code").as_string());
  // Someone else's mandate does not let the grantee collect (and the code stays unused).
  auto wrongHandOver = post(off, "/cases/" + std::to_string(id) + "/delivery/handover",
                            {{"code", code}, {"mandate_id", foreign}});
  EXPECT_EQ(wrongHandOver.status, 403u) << wrongHandOver.body;
  auto handed = post(off, "/cases/" + std::to_string(id) + "/delivery/handover",
                     {{"code", code}, {"mandate_id", m}});
  ASSERT_EQ(handed.status, 200u) << handed.body;
  bool collected = false;
  json::value after = get(grantor, "/cases/" + std::to_string(id)).json();
  for (const auto& u : after.at("case").at("proxy_actions").as_array())
    collected = collected || (u.at("step") == "collect" && u.at("recorded_by_staff") == true);
  EXPECT_TRUE(collected);
}

TEST_F(MandatesApiTest, AVideoSessionWhoseSubjectIsTheMandateDecidesIt) {
  Session grantor = applicant("video@example.org");
  applicant("helper@example.org");
  auto r = create(grantor, "helper@example.org", {"submit"});
  ASSERT_EQ(r.status, 201u);
  int64_t m = r.json().at("mandate").at("id").as_int64();
  Session off = officer();
  auto slots = post(
      off, "/slots",
      {{"kind", "video"},
       {"starts_at", FormatTimestamp(std::chrono::system_clock::now() + std::chrono::hours(26))},
       {"count", 1}});
  ASSERT_EQ(slots.status, 201u) << slots.body;
  auto booked = post(grantor, "/appointments",
                     {{"slot_id", slots.json().at("slots").as_array()[0].at("id")}});
  ASSERT_EQ(booked.status, 201u) << booked.body;
  std::string path = "/appointments/" +
                     std::to_string(booked.json().at("appointment").at("id").as_int64()) +
                     "/session";
  // Someone else's mandate cannot be the subject.
  Session stranger = applicant("notmine@example.org");
  auto foreign = create(stranger, "helper@example.org", {"submit"});
  EXPECT_EQ(
      post(grantor, path,
           {{"subject", "authorisation"}, {"mandate_id", foreign.json().at("mandate").at("id")}})
          .status,
      422u);
  auto joined = post(grantor, path, {{"subject", "authorisation"}, {"mandate_id", m}});
  ASSERT_EQ(joined.status, 200u) << joined.body;
  EXPECT_EQ(joined.json().at("session").at("mandate_id"), m);
  int64_t session = joined.json().at("session").at("id").as_int64();
  ASSERT_EQ(post(off, path, {}).status, 200u);
  // The officer refuses in the session (approval needs a live session, see video_api_test):
  // the mandate is decided by it.
  auto decided = post(off, "/video/sessions/" + std::to_string(session) + "/decision",
                      {{"approve", false}, {"note", "The letter is not signed"}});
  ASSERT_EQ(decided.status, 200u) << decided.body;
  auto after = get(grantor, "/mandates/" + std::to_string(m)).json().at("mandate");
  EXPECT_EQ(after.at("state"), "rejected");
  EXPECT_EQ(after.at("check_method"), "video");
  EXPECT_EQ(after.at("check_note"), "The letter is not signed");
  EXPECT_EQ(notifications(grantor, "mandate_rejected", 1).size(), 1u);
}

}  // namespace
}  // namespace tongban::testing
