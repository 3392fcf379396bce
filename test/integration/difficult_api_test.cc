// The difficult-case team over the real server: staff of the case's unit hand a case over with
// an internal reason; the team (QT-SPECIAL) sees it in its queue and on the case although
// another unit owns it, officers of unrelated units still do not; the team and the case's unit
// share notes; the applicant only reads that a specialist team handles it.

#include <gtest/gtest.h>

#include <thread>

#include "integration/http_client.h"
#include "integration/server_fixture.h"
#include "test_support.h"

namespace tongban::testing {
namespace {

const std::string kPng = std::string("\x89PNG\r\n\x1a\n", 8) + std::string(200, 'p');
const std::string kPdf = "%PDF-1.4\n" + std::string(300, 'd') + "\n%%EOF\n";

class DifficultApiTest : public ServerTest {
 protected:
  HttpResult action(const Session& s, int64_t id, const std::string& name) {
    return client_->postJson("/api/v1/cases/" + std::to_string(id) + "/actions/" + name,
                             json::object{}, s.headers());
  }
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
    for (const char* type : {"passport_copy", "name_evidence"}) {
      auto h = a.headers();
      h["Content-Type"] = "application/octet-stream";
      auto up = client_->request(
          "POST",
          "/api/v1/cases/" + std::to_string(id) + "/documents?type=" + type + "&filename=scan.png",
          std::string(type) == "passport_copy" ? kPng : kPdf, h);
      EXPECT_EQ(up.status, 201u) << up.body;
    }
    EXPECT_EQ(action(a, id, "submit").status, 200u);
    return id;
  }
  Session specialist() {
    return Login(*client_, "specialist.qingtian@demo.tongban.example", "demo-specialist-2026");
  }
  Session wenzhou() {
    return Login(*client_, "officer.wenzhou@demo.tongban.example", "demo-officer-2026");
  }
  HttpResult handOver(const Session& s, int64_t id, const json::object& body) {
    return client_->postJson("/api/v1/cases/" + std::to_string(id) + "/difficult", body,
                             s.headers());
  }
  HttpResult note(const Session& s, int64_t id, const std::string& text) {
    return client_->postJson("/api/v1/cases/" + std::to_string(id) + "/notes",
                             json::object{{"text", text}}, s.headers());
  }
  HttpResult get(const Session& s, int64_t id) {
    return client_->get("/api/v1/cases/" + std::to_string(id), s.headers());
  }
};

TEST_F(DifficultApiTest, TheTeamSeesWhatWasHandedToItAndOthersStillDoNot) {
  Session a = applicant("hard@example.org");
  Session off = officer();
  Session team = specialist();
  Session wz = wenzhou();
  int64_t id = submitted(a);
  int64_t untouched = submitted(a);
  ASSERT_EQ(action(off, id, "accept").status, 200u);

  // Before the hand-over the team cannot see the case at all.
  EXPECT_EQ(get(team, id).status, 404u);
  auto offView = get(off, id).json().at("case");
  EXPECT_EQ(offView.at("specialist").at("handling"), false);
  EXPECT_EQ(offView.at("specialist").at("can_hand_over"), true);

  // Field by field; the applicant and other units cannot hand it over.
  auto empty = handOver(off, id, json::object{});
  EXPECT_EQ(empty.status, 422u);
  EXPECT_TRUE(empty.fields().contains("reason"));
  EXPECT_EQ(handOver(a, id, {{"reason", "x"}}).status, 403u);
  EXPECT_EQ(handOver(wz, id, {{"reason", "x"}}).status, 404u);

  auto done = handOver(off, id, {{"reason", "Two conflicting household registrations."}});
  ASSERT_EQ(done.status, 200u) << done.body;
  EXPECT_EQ(done.json().at("case").at("specialist").at("team").at("code"), "QT-SPECIAL");
  EXPECT_EQ(handOver(off, id, {{"reason", "again"}}).status, 409u);

  // The team's queue and the case itself.
  auto q = client_->get("/api/v1/difficult-cases", team.headers());
  ASSERT_EQ(q.status, 200u) << q.body;
  auto& cases = q.json().at("cases").as_array();
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_EQ(cases[0].at("case").at("id"), id);
  EXPECT_EQ(cases[0].at("reason"), "Two conflicting household registrations.");
  EXPECT_EQ(cases[0].at("from_unit").at("code"), "QT-EEB");
  EXPECT_FALSE(cases[0].at("due").is_null());
  auto teamView = get(team, id);
  ASSERT_EQ(teamView.status, 200u) << teamView.body;
  EXPECT_EQ(teamView.json().at("case").at("specialist_team"), true);
  // Only what was handed over: the other case of the same unit stays out of reach.
  EXPECT_EQ(get(team, untouched).status, 404u);
  // Officers of unrelated units still cannot see it, nor use the team queue.
  EXPECT_EQ(get(wz, id).status, 404u);
  EXPECT_EQ(client_->get("/api/v1/difficult-cases", wz.headers()).status, 403u);
  EXPECT_EQ(client_->get("/api/v1/difficult-cases", off.headers()).status, 403u);

  // The applicant reads that a specialist team handles it, never why.
  auto mine = get(a, id).json().at("case");
  EXPECT_EQ(mine.at("specialist").at("handling"), true);
  EXPECT_FALSE(mine.at("specialist").as_object().contains("reason"));
  EXPECT_FALSE(mine.at("specialist").as_object().contains("notes"));
  EXPECT_EQ(get(a, id).body.find("household registrations"), std::string::npos);
  for (int i = 0; i < 100; ++i) {
    auto r = client_->get("/api/v1/notifications", a.headers());
    if (r.body.find("specialist_team") != std::string::npos) break;
    ASSERT_LT(i, 99) << "the applicant was not told";
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

TEST_F(DifficultApiTest, TheTeamAndTheOriginalUnitShareNotes) {
  Session a = applicant("notes@example.org");
  Session off = officer();
  Session team = specialist();
  int64_t id = submitted(a);
  // Notes belong to cases with the team.
  EXPECT_EQ(note(off, id, "too early").status, 409u);
  ASSERT_EQ(handOver(off, id, {{"reason", "Disputed nationality."}}).status, 200u);

  auto empty = note(team, id, "  ");
  EXPECT_EQ(empty.status, 422u);
  EXPECT_EQ(empty.fields().at("text").at("code"), "required");
  ASSERT_EQ(note(team, id, "We asked the Ministry for the 1998 record.").status, 201u);
  ASSERT_EQ(note(off, id, "The applicant phoned; she has the old booklet.").status, 201u);
  EXPECT_EQ(note(a, id, "me too").status, 403u);
  EXPECT_EQ(note(wenzhou(), id, "hello").status, 404u);

  for (const Session* s : {&off, &team}) {
    auto notes = get(*s, id).json().at("case").at("specialist").at("notes").as_array();
    ASSERT_EQ(notes.size(), 2u);
    EXPECT_EQ(notes[0].at("body"), "We asked the Ministry for the 1998 record.");
    EXPECT_EQ(notes[1].at("author"), "Officer Chen (Qingtian)");
  }
  auto q = client_->get("/api/v1/difficult-cases", team.headers());
  EXPECT_EQ(q.json().at("cases").at(0).at("notes").as_array().size(), 2u);
}

}  // namespace
}  // namespace tongban::testing
