// Delivery of results over HTTP: choosing how to receive it, the one-time pickup code, post with
// tracking events from staff and from a signed carrier push, returns and re-sending, and who may
// do what.

#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "common/crypto.h"
#include "integration/server_fixture.h"

namespace tongban::testing {
namespace {

const std::string kPng = std::string("\x89PNG\r\n\x1a\n", 8) + std::string(200, 'p');
const std::string kCarrierSecret = "carrier-secret-0123456789";

class DeliveryApiTest : public ServerTest {
 protected:
  void configure(server::Config& c) override {
    c.carrierSecrets = {{"poste-italiane", kCarrierSecret}};
  }

  HttpResult post(const Session& s, const std::string& path, const json::object& body) {
    return client_->postJson("/api/v1" + path, body, s.headers());
  }
  std::string casePath(int64_t id, const std::string& rest = "") {
    return "/cases/" + std::to_string(id) + rest;
  }
  json::object caseOf(const Session& s, int64_t id) {
    auto r = client_->get("/api/v1" + casePath(id), s.headers());
    EXPECT_EQ(r.status, 200u) << r.body;
    return r.json().at("case").as_object();
  }
  json::object deliveryOf(const Session& s, int64_t id) {
    return caseOf(s, id).at("delivery").as_object();
  }
  int64_t unitId(const std::string& code) {
    auto r = client_->get("/api/v1/units");
    for (const auto& u : r.json().at("units").as_array())
      if (u.at("code") == code.c_str()) return u.at("id").as_int64();
    ADD_FAILURE() << "no unit " << code;
    return 0;
  }
  //! An officer of the household registration centre (QT-HR), which owns the free items.
  Session hrOfficer() {
    static int n = 0;
    Session admin = Login(*client_, "admin@demo.tongban.example", "demo-admin-2026");
    std::string email = "hr" + std::to_string(++n) + "@demo.tongban.example";
    auto r = post(admin, "/admin/users",
                  {{"email", email},
                   {"display_name", "Officer Xu (Household)"},
                   {"role", "officer"},
                   {"unit_id", unitId("QT-HR")},
                   {"password", "officer-password-2026"}});
    EXPECT_EQ(r.status, 201u) << r.body;
    return Login(*client_, email, "officer-password-2026");
  }
  //! A submitted, approved application for `item` (free, QT-HR), not yet issued.
  int64_t approvedCase(const Session& a, const Session& off, const std::string& item,
                       const std::vector<std::string>& docs) {
    auto created = post(a, "/cases",
                        {{"item_code", item},
                         {"form",
                          {{"surname", "ROSSI"},
                           {"given_names", "MARIA"},
                           {"sex", "F"},
                           {"date_of_birth", "1949-12-31"},
                           {"phone", "+39 02 1234567"},
                           {"id_number", "11010519491231002X"},
                           {"country_of_residence", "IT"}}}});
    EXPECT_EQ(created.status, 201u) << created.body;
    int64_t id = created.json().at("case").at("id").as_int64();
    for (const auto& type : docs) {
      auto h = a.headers();
      h["Content-Type"] = "application/octet-stream";
      auto up = client_->request("POST",
                                 "/api/v1/cases/" + std::to_string(id) + "/documents?type=" + type,
                                 kPng + type, h);
      EXPECT_EQ(up.status, 201u) << up.body;
    }
    for (const auto& [who, action] : std::vector<std::pair<const Session*, std::string>>{
             {&a, "submit"}, {&off, "accept"}, {&off, "start_review"}, {&off, "approve"}}) {
      auto r = post(*who, casePath(id, "/actions/" + action), {});
      EXPECT_EQ(r.status, 200u) << action << ": " << r.body;
    }
    return id;
  }
  HttpResult carrierPush(const std::string& carrier, const std::string& body,
                         const std::string& secret, int64_t skewSeconds = 0) {
    int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count() +
                  skewSeconds;
    std::string stamp = std::to_string(now);
    return client_->request(
        "POST", "/api/v1/carriers/" + carrier + "/events", body,
        {{"Content-Type", "application/json"},
         {"X-Carrier-Timestamp", stamp},
         {"X-Carrier-Signature", "sha256=" + crypto::HmacSha256Hex(secret, stamp + "." + body)}});
  }
};

TEST_F(DeliveryApiTest, APickupCodeWorksOnceAndWrongCodesAreCountedAndLock) {
  Session a = applicant("pickup@example.org");
  Session off = hrOfficer();
  int64_t id = approvedCase(a, off, "HR-008", {"household_book", "housing_proof"});

  // Before the result is issued the applicant chooses the Milan liaison site.
  int64_t milan = unitId("LS-MILAN");
  auto bad = post(a, casePath(id, "/delivery"), {{"option", "post"}});
  EXPECT_EQ(bad.status, 422u) << bad.body;  // HR-008 is collected, not posted
  EXPECT_EQ(bad.fields().at("option").at("code"), "not_offered");
  auto badSite = post(a, casePath(id, "/delivery"), {{"option", "pickup"}, {"site_unit_id", 999}});
  EXPECT_EQ(badSite.status, 422u);
  EXPECT_TRUE(badSite.fields().contains("site_unit_id"));
  auto chosen = post(a, casePath(id, "/delivery"), {{"option", "pickup"}, {"site_unit_id", milan}});
  ASSERT_EQ(chosen.status, 200u) << chosen.body;
  EXPECT_EQ(chosen.json().at("case").at("delivery").at("status"), "pending");
  EXPECT_FALSE(chosen.json().at("case").at("delivery").as_object().contains("pickup_code"));

  ASSERT_EQ(post(off, casePath(id, "/actions/issue"), {}).status, 200u);
  // `deliver` is refused until the person has it.
  auto early = post(off, casePath(id, "/actions/deliver"), {});
  ASSERT_EQ(early.status, 409u) << early.body;
  EXPECT_EQ(early.fields().at("delivery").at("code"), "not_handed_over");

  json::object mine = deliveryOf(a, id);
  EXPECT_EQ(mine.at("status"), "ready");
  EXPECT_EQ(mine.at("site").at("code"), "LS-MILAN");
  std::string code(mine.at("pickup_code").as_string());
  ASSERT_EQ(code.size(), 8u);
  // The code is the applicant's alone: never in a staff view, nor in the answer to staff.
  json::object staffView = deliveryOf(off, id);
  EXPECT_FALSE(staffView.contains("pickup_code"));

  // The applicant cannot hand it over to themselves; an officer of another unit cannot see it.
  auto self = post(a, casePath(id, "/delivery/handover"), {{"code", code}});
  EXPECT_EQ(self.status, 403u) << self.body;
  Session wenzhou = Login(*client_, "officer.wenzhou@demo.tongban.example", "demo-officer-2026");
  EXPECT_EQ(post(wenzhou, casePath(id, "/delivery/handover"), {{"code", code}}).status, 404u);
  EXPECT_EQ(post(off, casePath(id, "/delivery/handover"), {{"code", "12ab"}}).status, 422u);

  // The Milan window enters a wrong code: refused and counted.
  Session liaison = Login(*client_, "liaison.milan@demo.tongban.example", "demo-liaison-2026");
  std::string wrong = code == "00000000" ? "11111111" : "00000000";
  auto w = post(liaison, casePath(id, "/delivery/handover"), {{"code", wrong}});
  EXPECT_EQ(w.status, 422u) << w.body;
  EXPECT_EQ(w.fields().at("code").at("code"), "wrong");
  EXPECT_EQ(deliveryOf(off, id).at("code_failures"), 1);
  EXPECT_EQ(caseOf(a, id).at("state"), "issued");

  // The right code hands it over and delivers the case at once.
  auto ok = post(liaison, casePath(id, "/delivery/handover"), {{"code", code}});
  ASSERT_EQ(ok.status, 200u) << ok.body;
  EXPECT_EQ(ok.json().at("case").at("state"), "delivered");
  EXPECT_EQ(ok.json().at("case").at("delivery").at("status"), "handed_over");
  EXPECT_EQ(ok.json().at("case").at("delivery").at("handed_over_by").at("role"), "liaison");
  // Once.
  auto again = post(liaison, casePath(id, "/delivery/handover"), {{"code", code}});
  EXPECT_EQ(again.status, 409u) << again.body;
  EXPECT_EQ(again.fields().at("code").at("code"), "used");
  json::object after = deliveryOf(a, id);
  EXPECT_FALSE(after.contains("pickup_code"));
  EXPECT_FALSE(after.contains("handed_over_by"));  // who handled it: staff only
  bool sawHandOver = false;
  for (const auto& e : after.at("events").as_array()) {
    sawHandOver = sawHandOver || e.at("kind") == "handed_over";
    EXPECT_FALSE(e.as_object().contains("actor_name"));
  }
  EXPECT_TRUE(sawHandOver);
}

TEST_F(DeliveryApiTest, FiveWrongCodesLockTheCodeUntilANewOneIsIssued) {
  Session a = applicant("locked@example.org");
  Session off = hrOfficer();
  int64_t id = approvedCase(a, off, "HR-008", {"household_book", "housing_proof"});
  ASSERT_EQ(post(off, casePath(id, "/actions/issue"), {}).status, 200u);
  std::string code(deliveryOf(a, id).at("pickup_code").as_string());
  std::string wrong = code == "00000000" ? "11111111" : "00000000";
  for (int i = 0; i < 4; ++i)
    EXPECT_EQ(post(off, casePath(id, "/delivery/handover"), {{"code", wrong}}).status, 422u);
  auto fifth = post(off, casePath(id, "/delivery/handover"), {{"code", wrong}});
  EXPECT_EQ(fifth.status, 409u);
  EXPECT_EQ(fifth.fields().at("code").at("code"), "locked");
  // Even the right code no longer works.
  auto right = post(off, casePath(id, "/delivery/handover"), {{"code", code}});
  EXPECT_EQ(right.status, 409u);
  EXPECT_TRUE(deliveryOf(a, id).at("code_locked").as_bool());
  EXPECT_FALSE(deliveryOf(a, id).contains("pickup_code"));
  // A new code, and that one works.
  ASSERT_EQ(post(off, casePath(id, "/delivery/resend"), {}).status, 200u);
  std::string fresh(deliveryOf(a, id).at("pickup_code").as_string());
  auto ok = post(off, casePath(id, "/delivery/handover"), {{"code", fresh}});
  EXPECT_EQ(ok.status, 200u) << ok.body;
}

TEST_F(DeliveryApiTest, PostWithStaffAndSignedCarrierEventsThenReturnAndResend) {
  Session a = applicant("post@example.org");
  Session off = hrOfficer();
  int64_t id = approvedCase(a, off, "CP-012", {"death_certificate", "household_book"});
  auto noAddress = post(a, casePath(id, "/delivery"), {{"option", "post"}});
  EXPECT_EQ(noAddress.status, 422u);
  EXPECT_EQ(noAddress.fields().at("address").at("code"), "required");
  auto badAddress = post(a, casePath(id, "/delivery"),
                         {{"option", "post"}, {"address", {{"lines", "Via Roma 1"}}}});
  EXPECT_EQ(badAddress.status, 422u);
  EXPECT_TRUE(badAddress.fields().contains("address.recipient"));
  EXPECT_TRUE(badAddress.fields().contains("address.country"));
  auto chosen = post(
      a, casePath(id, "/delivery"),
      {{"option", "post"},
       {"address",
        {{"recipient", "Maria Rossi"}, {"lines", "Via Roma 1\n20121 Milano"}, {"country", "IT"}}}});
  ASSERT_EQ(chosen.status, 200u) << chosen.body;
  ASSERT_EQ(post(off, casePath(id, "/actions/issue"), {}).status, 200u);
  EXPECT_FALSE(deliveryOf(a, id).contains("pickup_code"));

  // Staff post it: carrier and tracking number, validated.
  auto badTracking = post(off, casePath(id, "/delivery/dispatch"),
                          {{"carrier", "Poste Italiane"}, {"tracking_no", "x"}});
  EXPECT_EQ(badTracking.status, 422u);
  EXPECT_TRUE(badTracking.fields().contains("carrier"));
  EXPECT_TRUE(badTracking.fields().contains("tracking_no"));
  EXPECT_EQ(post(a, casePath(id, "/delivery/dispatch"),
                 {{"carrier", "poste-italiane"}, {"tracking_no", "RR123456789IT"}})
                .status,
            403u);
  auto sent = post(off, casePath(id, "/delivery/dispatch"),
                   {{"carrier", "poste-italiane"}, {"tracking_no", "RR123456789IT"}});
  ASSERT_EQ(sent.status, 200u) << sent.body;
  EXPECT_EQ(sent.json().at("case").at("delivery").at("status"), "dispatched");
  auto ev = post(off, casePath(id, "/delivery/events"),
                 {{"kind", "in_transit"}, {"location", "Roma CMP"}});
  ASSERT_EQ(ev.status, 200u) << ev.body;
  EXPECT_EQ(post(off, casePath(id, "/delivery/events"), {{"kind", "teleported"}}).status, 422u);

  // The carrier pushes, signed. Unsigned, wrongly signed, unknown carrier, stale: 401.
  std::string body = json::serialize(json::object{{"id", "evt-1"},
                                                  {"tracking_no", "RR123456789IT"},
                                                  {"kind", "out_for_delivery"},
                                                  {"location", "Milano"}});
  EXPECT_EQ(client_
                ->request("POST", "/api/v1/carriers/poste-italiane/events", body,
                          {{"Content-Type", "application/json"}})
                .status,
            401u);
  EXPECT_EQ(carrierPush("poste-italiane", body, "not-the-secret-at-all").status, 401u);
  EXPECT_EQ(carrierPush("dhl", body, kCarrierSecret).status, 401u);
  auto stale = carrierPush("poste-italiane", body, kCarrierSecret, -600);
  EXPECT_EQ(stale.status, 401u);
  EXPECT_TRUE(stale.fields().contains("X-Carrier-Timestamp"));
  auto pushed = carrierPush("poste-italiane", body, kCarrierSecret);
  ASSERT_EQ(pushed.status, 200u) << pushed.body;
  EXPECT_TRUE(pushed.json().at("applied").as_bool());
  // The same event again is not applied twice.
  auto replay = carrierPush("poste-italiane", body, kCarrierSecret);
  EXPECT_EQ(replay.status, 200u);
  EXPECT_FALSE(replay.json().at("applied").as_bool());
  EXPECT_EQ(carrierPush("poste-italiane",
                        json::serialize(json::object{
                            {"id", "evt-x"}, {"tracking_no", "NOPE0000"}, {"kind", "delivered"}}),
                        kCarrierSecret)
                .status,
            404u);

  // It fails and comes back; staff send it again, and this time the applicant confirms it.
  std::string returned = json::serialize(json::object{
      {"id", "evt-2"}, {"tracking_no", "RR123456789IT"}, {"kind", "returned"}, {"note", "moved"}});
  ASSERT_EQ(carrierPush("poste-italiane", returned, kCarrierSecret).status, 200u);
  json::object d = deliveryOf(a, id);
  EXPECT_EQ(d.at("status"), "returned");
  EXPECT_EQ(post(a, casePath(id, "/delivery/received"), {}).status, 409u);
  EXPECT_EQ(post(a, casePath(id, "/delivery/resend"), {}).status, 403u);
  auto again = post(off, casePath(id, "/delivery/resend"), {{"note", "new address confirmed"}});
  ASSERT_EQ(again.status, 200u) << again.body;
  EXPECT_EQ(again.json().at("case").at("delivery").at("status"), "ready");
  EXPECT_EQ(again.json().at("case").at("delivery").at("attempt"), 2);
  ASSERT_EQ(post(off, casePath(id, "/delivery/dispatch"),
                 {{"carrier", "poste-italiane"}, {"tracking_no", "RR987654321IT"}})
                .status,
            200u);
  EXPECT_EQ(post(off, casePath(id, "/actions/deliver"), {}).status, 409u);
  // Staff cannot confirm for the applicant; the applicant can.
  EXPECT_EQ(post(off, casePath(id, "/delivery/received"), {}).status, 403u);
  auto received = post(a, casePath(id, "/delivery/received"), {});
  ASSERT_EQ(received.status, 200u) << received.body;
  EXPECT_EQ(received.json().at("case").at("state"), "delivered");

  std::vector<std::string> kinds;
  json::object staffView = deliveryOf(off, id);
  for (const auto& e : staffView.at("events").as_array())
    kinds.emplace_back(e.at("kind").as_string());
  EXPECT_EQ(kinds, (std::vector<std::string>{"chosen", "ready", "dispatched", "in_transit",
                                             "out_for_delivery", "returned", "resent", "dispatched",
                                             "received"}));
  // Every step told the applicant what matters.
  std::set<std::string> told;
  for (int i = 0; i < 50 && told.size() < 4; ++i) {
    told.clear();
    auto r = client_->get("/api/v1/notifications", a.headers());
    for (const auto& n : r.json().at("notifications").as_array())
      told.insert(std::string(n.at("kind").as_string()));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(told.count("delivery_dispatched"));
  EXPECT_TRUE(told.count("delivery_returned"));
  EXPECT_TRUE(told.count("case_delivered"));
}

TEST_F(DeliveryApiTest, AnElectronicResultNeedsNoHandOver) {
  Session a = applicant("carrier@example.org");
  Session off = hrOfficer();
  int64_t id = approvedCase(a, off, "CP-012", {"death_certificate", "household_book"});
  // Not chosen: the item's first option (electronic) needs no hand-over.
  ASSERT_EQ(post(off, casePath(id, "/actions/issue"), {}).status, 200u);
  EXPECT_EQ(deliveryOf(a, id).at("status"), "none");
  auto delivered = post(off, casePath(id, "/actions/deliver"), {});
  EXPECT_EQ(delivered.status, 200u) << delivered.body;
}

TEST_F(DeliveryApiTest, HomeDeliveryIsForCareAndIsConfirmedWithTheCode) {
  Session a = applicant("home@example.org");
  Session off = hrOfficer();
  int64_t id = approvedCase(a, off, "HR-008", {"household_book", "housing_proof"});
  int64_t milan = unitId("LS-MILAN");
  json::object address{
      {"recipient", "Maria Rossi"}, {"lines", "Via Roma 1, Milano"}, {"country", "IT"}};
  auto refused = post(a, casePath(id, "/delivery"),
                      {{"option", "home"}, {"site_unit_id", milan}, {"address", address}});
  EXPECT_EQ(refused.status, 422u);
  EXPECT_EQ(refused.fields().at("option").at("code"), "not_eligible");
  auto chosen = post(a, casePath(id, "/delivery"),
                     {{"option", "home"},
                      {"site_unit_id", milan},
                      {"address", address},
                      {"needs_home_delivery", true}});
  ASSERT_EQ(chosen.status, 200u) << chosen.body;
  ASSERT_EQ(post(off, casePath(id, "/actions/issue"), {}).status, 200u);
  auto officers = client_->get("/api/v1" + casePath(id, "/delivery/officers"), off.headers());
  ASSERT_EQ(officers.status, 200u) << officers.body;
  int64_t liaisonId = 0;
  for (const auto& o : officers.json().at("officers").as_array())
    if (o.at("role") == "liaison") liaisonId = o.at("id").as_int64();
  ASSERT_NE(liaisonId, 0);
  ASSERT_EQ(post(off, casePath(id, "/delivery/assignee"), {{"user_id", liaisonId}}).status, 200u);
  std::string code(deliveryOf(a, id).at("pickup_code").as_string());
  Session liaison = Login(*client_, "liaison.milan@demo.tongban.example", "demo-liaison-2026");
  auto ok = post(liaison, casePath(id, "/delivery/handover"), {{"code", code}});
  ASSERT_EQ(ok.status, 200u) << ok.body;
  EXPECT_EQ(ok.json().at("case").at("state"), "delivered");
}

}  // namespace
}  // namespace tongban::testing
