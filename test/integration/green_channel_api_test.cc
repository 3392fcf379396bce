// The green channel over the real server: asking with evidence (field by field), who may decide,
// escalation up the unit tree when nobody answers in time (the sweep run at a chosen time),
// approval putting the case ahead of older ones with a shorter deadline, and a refusal's reason
// reaching the applicant.

#include <gtest/gtest.h>

#include <thread>

#include "integration/http_client.h"
#include "integration/server_fixture.h"
#include "test_support.h"

namespace tongban::testing {
namespace {

const std::string kPng = std::string("\x89PNG\r\n\x1a\n", 8) + std::string(200, 'p');
const std::string kPdf = "%PDF-1.4\n" + std::string(300, 'd') + "\n%%EOF\n";

class GreenChannelApiTest : public ServerTest {
 protected:
  HttpResult action(const Session& s, int64_t id, const std::string& name,
                    const std::string& note = "") {
    json::object body;
    if (!note.empty()) body["note"] = note;
    return client_->postJson("/api/v1/cases/" + std::to_string(id) + "/actions/" + name, body,
                             s.headers());
  }
  json::object caseOf(const Session& s, int64_t id) {
    auto r = client_->get("/api/v1/cases/" + std::to_string(id), s.headers());
    EXPECT_EQ(r.status, 200u) << r.body;
    return r.json().at("case").as_object();
  }
  int64_t upload(const Session& s, int64_t id, const std::string& type, const std::string& bytes) {
    auto h = s.headers();
    h["Content-Type"] = "application/octet-stream";
    auto up = client_->request(
        "POST",
        "/api/v1/cases/" + std::to_string(id) + "/documents?type=" + type + "&filename=scan.png",
        bytes, h);
    EXPECT_EQ(up.status, 201u) << up.body;
    return up.status == 201u ? up.json().at("document").at("id").as_int64() : 0;
  }
  //! A submitted passport observation entry (EE-005, QT-EEB).
  int64_t submitted(const Session& a) {
    auto created = client_->postJson("/api/v1/cases",
                                     json::object{{"item_code", "EE-005"},
                                                  {"form",
                                                   {{"surname", "ZHANG"},
                                                    {"given_names", "WEI"},
                                                    {"name_zh", "张伟"},
                                                    {"sex", "M"},
                                                    {"date_of_birth", "1950-01-01"},
                                                    {"phone", "+39 02 1"},
                                                    {"passport_number", "E76543210"},
                                                    {"passport_expiry", "2030-01-01"}}}},
                                     a.headers());
    EXPECT_EQ(created.status, 201u) << created.body;
    int64_t id = created.json().at("case").at("id").as_int64();
    upload(a, id, "passport_copy", kPng);
    upload(a, id, "name_evidence", kPdf);
    EXPECT_EQ(action(a, id, "submit").status, 200u);
    return id;
  }
  HttpResult ask(const Session& a, int64_t id, const json::object& body) {
    return client_->postJson("/api/v1/cases/" + std::to_string(id) + "/green-channel", body,
                             a.headers());
  }
  //! A valid request with one piece of evidence; answers the request id.
  int64_t askWithEvidence(const Session& a, int64_t id) {
    int64_t doc = upload(a, id, "urgent_evidence", kPdf);
    auto r = ask(a, id,
                 {{"category", "bereavement"},
                  {"explanation", "My father died; the funeral is next week in Qingtian."},
                  {"evidence_document_ids", json::array{doc}}});
    EXPECT_EQ(r.status, 201u) << r.body;
    return r.status == 201u ? r.json().at("request").at("id").as_int64() : 0;
  }
  HttpResult decide(const Session& s, int64_t requestId, const json::object& body) {
    return client_->postJson(
        "/api/v1/green-channel/requests/" + std::to_string(requestId) + "/decision", body,
        s.headers());
  }
  Session supervisor() {
    return Login(*client_, "supervisor.qingtian@demo.tongban.example", "demo-supervisor-2026");
  }
  int64_t unitId(const std::string& code) {
    auto r = client_->get("/api/v1/units");
    for (const auto& u : r.json().at("units").as_array())
      if (u.at("code") == code.c_str()) return u.at("id").as_int64();
    ADD_FAILURE() << "no unit " << code;
    return 0;
  }
  //! A supervisor account at `unitCode`, made by the administrator.
  Session supervisorAt(const std::string& unitCode, const std::string& email) {
    Session admin = Login(*client_, "admin@demo.tongban.example", "demo-admin-2026");
    auto made = client_->postJson("/api/v1/admin/users",
                                  json::object{{"email", email},
                                               {"display_name", "Supervisor at " + unitCode},
                                               {"role", "supervisor"},
                                               {"unit_id", unitId(unitCode)},
                                               {"password", "temporary-pass-2026"}},
                                  admin.headers());
    EXPECT_EQ(made.status, 201u) << made.body;
    return Login(*client_, email, "temporary-pass-2026");
  }
  json::array pending(const Session& s) {
    auto r = client_->get("/api/v1/green-channel/requests", s.headers());
    EXPECT_EQ(r.status, 200u) << r.body;
    return r.status == 200u ? r.json().at("requests").as_array() : json::array{};
  }
  //! The notifications of `s` once one of `kind` arrived (up to 10 s).
  json::object notification(const Session& s, const std::string& kind) {
    for (int i = 0; i < 100; ++i) {
      auto r = client_->get("/api/v1/notifications", s.headers());
      for (const auto& n : r.json().at("notifications").as_array())
        if (n.at("kind") == kind.c_str()) return n.as_object();
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ADD_FAILURE() << "no notification " << kind;
    return {};
  }
};

TEST_F(GreenChannelApiTest, ARequestIsCheckedFieldByField) {
  Session a = applicant("fields@example.org");
  int64_t id = submitted(a);
  auto none = ask(a, id, json::object{});
  EXPECT_EQ(none.status, 422u) << none.body;
  for (const char* f : {"category", "explanation", "evidence_document_ids"})
    EXPECT_TRUE(none.fields().contains(f)) << f << " in " << none.body;

  int64_t doc = upload(a, id, "urgent_evidence", kPdf);
  auto badCategory = ask(a, id,
                         {{"category", "boredom"},
                          {"explanation", "short"},
                          {"evidence_document_ids", json::array{doc}}});
  EXPECT_EQ(badCategory.status, 422u);
  EXPECT_EQ(badCategory.fields().at("category").at("code"), "option");
  EXPECT_EQ(badCategory.fields().at("explanation").at("code"), "too_short");

  // Evidence must be a document of this very case.
  Session other = applicant("other@example.org");
  int64_t otherCase = submitted(other);
  int64_t foreign = upload(other, otherCase, "urgent_evidence", kPdf);
  auto stolen = ask(a, id,
                    {{"category", "medical"},
                     {"explanation", "Surgery abroad, I must travel with my passport."},
                     {"evidence_document_ids", json::array{foreign}}});
  EXPECT_EQ(stolen.status, 422u) << stolen.body;
  EXPECT_EQ(stolen.fields().at("evidence_document_ids").at("code"), "unknown");

  // Staff do not ask (they set the priority themselves); another applicant cannot see the case.
  EXPECT_EQ(ask(officer(), id,
                {{"category", "medical"},
                 {"explanation", "Surgery abroad, I must travel with my passport."},
                 {"evidence_document_ids", json::array{doc}}})
                .status,
            403u);
  EXPECT_EQ(ask(other, id,
                {{"category", "medical"},
                 {"explanation", "Surgery abroad, I must travel with my passport."},
                 {"evidence_document_ids", json::array{foreign}}})
                .status,
            404u);

  int64_t req = askWithEvidence(a, id);
  ASSERT_GT(req, 0);
  auto view = caseOf(a, id);
  EXPECT_EQ(view.at("green_channel").at("can_request"), false);
  auto& r = view.at("green_channel").at("requests").as_array().at(0);
  EXPECT_EQ(r.at("status"), "pending");
  EXPECT_EQ(r.at("category"), "bereavement");
  EXPECT_EQ(r.at("evidence").as_array().size(), 1u);
  // A second request while one waits is refused.
  auto again = ask(a, id,
                   {{"category", "medical"},
                    {"explanation", "Surgery abroad, I must travel with my passport."},
                    {"evidence_document_ids", json::array{doc}}});
  EXPECT_EQ(again.status, 409u);
}

TEST_F(GreenChannelApiTest, OnlyTheSupervisorsOfTheUnitDecide) {
  Session a = applicant("who@example.org");
  int64_t id = submitted(a);
  int64_t req = askWithEvidence(a, id);
  ASSERT_GT(req, 0);

  // The supervisors of QT-EEB are told and find it in their list.
  Session sup = supervisor();
  auto told = notification(sup, "green_channel_request");
  EXPECT_EQ(told.at("link"), "/staff/green-channel");
  auto list = pending(sup);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].at("id"), req);
  EXPECT_EQ(list[0].at("can_decide"), true);
  EXPECT_EQ(list[0].at("case").at("id"), id);

  // Not an officer, not the applicant, not another unit's supervisor, not the level above
  // before it escalates there.
  Session wz = supervisorAt("WZ-EEB", "sup.wz@tongban.example");
  Session psb = supervisorAt("QT-PSB", "sup.psb@tongban.example");
  EXPECT_EQ(decide(officer(), req, {{"outcome", "approve"}}).status, 403u);
  EXPECT_EQ(decide(a, req, {{"outcome", "approve"}}).status, 403u);
  EXPECT_EQ(decide(wz, req, {{"outcome", "approve"}}).status, 404u);
  EXPECT_EQ(decide(psb, req, {{"outcome", "approve"}}).status, 403u);
  EXPECT_TRUE(pending(wz).empty());
  EXPECT_TRUE(pending(psb).empty());

  auto bad = decide(sup, req, {{"outcome", "maybe"}});
  EXPECT_EQ(bad.status, 422u);
  EXPECT_EQ(bad.fields().at("outcome").at("code"), "option");
  auto noReason = decide(sup, req, {{"outcome", "refuse"}});
  EXPECT_EQ(noReason.status, 422u);
  EXPECT_EQ(noReason.fields().at("reason").at("code"), "required");
  EXPECT_EQ(decide(sup, req, {{"outcome", "approve"}}).status, 200u);
  EXPECT_EQ(decide(sup, req, {{"outcome", "approve"}}).status, 409u);  // decided already
}

TEST_F(GreenChannelApiTest, AnUnansweredRequestEscalatesUpTheTreeAndTellsTheNextLevel) {
  Session a = applicant("late@example.org");
  int64_t id = submitted(a);
  int64_t req = askWithEvidence(a, id);
  ASSERT_GT(req, 0);
  Session psb = supervisorAt("QT-PSB", "sup.psb2@tongban.example");

  // Before the due time nothing moves.
  EXPECT_EQ(*app_->greenChannel().escalateDue(clock_.now()), 0);
  // Three days later (at least two working hours have passed, weekends included), the sweep
  // moves it from QT-EEB to QT-PSB.
  auto later = clock_.now() + std::chrono::hours(24 * 3);
  EXPECT_EQ(*app_->greenChannel().escalateDue(later), 1);
  EXPECT_EQ(*app_->greenChannel().escalateDue(later), 0);  // due again only later

  auto told = notification(psb, "green_channel_escalated");
  EXPECT_NE(std::string(told.at("title").as_string()).find("TB-"), std::string::npos);
  auto list = pending(psb);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].at("level"), 1);
  EXPECT_EQ(list[0].at("level_unit").at("code"), "QT-PSB");
  EXPECT_EQ(list[0].at("escalations").as_array().size(), 1u);
  EXPECT_EQ(list[0].at("escalations").at(0).at("from_unit").at("code"), "QT-EEB");
  // The unit it left may still answer late; the level above may now.
  EXPECT_EQ(pending(supervisor()).size(), 1u);

  // QT-PSB is the top of its tree: a further sweep leaves it there.
  EXPECT_EQ(*app_->greenChannel().escalateDue(later + std::chrono::hours(24 * 7)), 0);

  auto ok = decide(psb, req, {{"outcome", "approve"}, {"reason", "Funeral confirmed."}});
  ASSERT_EQ(ok.status, 200u) << ok.body;
  EXPECT_EQ(ok.json().at("request").at("status"), "approved");
  auto view = caseOf(a, id);
  auto& r = view.at("green_channel").at("requests").as_array().at(0);
  EXPECT_EQ(r.at("level"), 1);
  EXPECT_FALSE(r.at("decided_at").is_null());
  EXPECT_FALSE(r.at("requested_at").is_null());
  EXPECT_EQ(view.at("priority"), "urgent");
}

TEST_F(GreenChannelApiTest, ApprovalPutsTheCaseAheadOfOlderOnesWithAShorterDeadline) {
  Session a = applicant("ahead@example.org");
  Session off = officer();
  int64_t older = submitted(a);
  int64_t newer = submitted(a);
  // The newer one was accepted: its legal clock runs (5 working days).
  ASSERT_EQ(action(off, newer, "accept").status, 200u);
  std::string legal(caseOf(off, newer).at("deadline").as_string());

  auto queue = [&] {
    auto r = client_->get("/api/v1/queue?sort=oldest", off.headers());
    std::vector<int64_t> ids;
    for (const auto& c : r.json().at("cases").as_array()) {
      int64_t cid = c.at("id").as_int64();
      if (cid == older || cid == newer) ids.push_back(cid);
    }
    return ids;
  };
  ASSERT_EQ(queue(), (std::vector<int64_t>{older, newer}));

  int64_t req = askWithEvidence(a, newer);
  ASSERT_EQ(decide(supervisor(), req, {{"outcome", "approve"}}).status, 200u);
  EXPECT_EQ(queue(), (std::vector<int64_t>{newer, older}));

  auto view = caseOf(off, newer);
  EXPECT_EQ(view.at("priority"), "urgent");
  EXPECT_EQ(view.at("expedited"), true);
  std::string shortened(view.at("deadline").as_string());
  EXPECT_LT(shortened, legal);
  EXPECT_EQ(view.at("green_channel").at("requests").at(0).at("expedited_deadline"),
            shortened.c_str());
  // The applicant sees the marker and is told.
  auto mine = caseOf(a, newer);
  EXPECT_EQ(mine.at("expedited"), true);
  auto told = notification(a, "green_channel_approved");
  EXPECT_NE(std::string(told.at("body").as_string()).find(shortened), std::string::npos);

  // Approved before acceptance: accepting keeps the shortened deadline.
  int64_t third = submitted(a);
  int64_t req3 = askWithEvidence(a, third);
  ASSERT_EQ(decide(supervisor(), req3, {{"outcome", "approve"}}).status, 200u);
  std::string granted(caseOf(off, third).at("deadline").as_string());
  ASSERT_EQ(action(off, third, "accept").status, 200u);
  EXPECT_EQ(caseOf(off, third).at("deadline"), granted.c_str());
}

TEST_F(GreenChannelApiTest, ARefusalsReasonReachesTheApplicant) {
  Session a = applicant("refused@example.org");
  int64_t id = submitted(a);
  int64_t req = askWithEvidence(a, id);
  auto no = decide(supervisor(), req,
                   {{"outcome", "refuse"}, {"reason", "The death certificate is not legible."}});
  ASSERT_EQ(no.status, 200u) << no.body;
  auto view = caseOf(a, id);
  EXPECT_EQ(view.at("priority"), "normal");
  EXPECT_EQ(view.at("expedited"), false);
  auto& r = view.at("green_channel").at("requests").as_array().at(0);
  EXPECT_EQ(r.at("status"), "refused");
  EXPECT_EQ(r.at("decision_reason"), "The death certificate is not legible.");
  EXPECT_FALSE(r.as_object().contains("escalations"));  // staff-only detail
  // After a refusal the applicant may ask again (with better evidence).
  EXPECT_EQ(view.at("green_channel").at("can_request"), true);
  auto told = notification(a, "green_channel_refused");
  EXPECT_NE(std::string(told.at("body").as_string()).find("not legible"), std::string::npos);
}

}  // namespace
}  // namespace tongban::testing
