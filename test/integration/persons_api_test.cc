// Acting for others at a desk, over the real server: a liaison or window officer applies for the
// person in front of them only with the consent the person gives by reading out a one-time code
// sent to their own inbox; the person gets a copy and sees the officer by name in their access
// log. Also the list of family members verified on a video call.

#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "integration/http_client.h"
#include "integration/server_fixture.h"
#include "test_support.h"

namespace tongban::testing {
namespace {

class PersonsApiTest : public ServerTest {
 protected:
  Session liaison() {
    return Login(*client_, "liaison.milan@demo.tongban.example", "demo-liaison-2026");
  }
  HttpResult create(const Session& staff, const json::object& body) {
    return client_->postJson("/api/v1/cases", body, staff.headers());
  }
  HttpResult confirm(const Session& staff, int64_t id, const std::string& code) {
    return client_->postJson("/api/v1/assist/consents/" + std::to_string(id) + "/confirm",
                             json::object{{"code", code}}, staff.headers());
  }
  static json::object Form() {
    return {{"surname", "CHEN"},
            {"given_names", "MEI"},
            {"sex", "F"},
            {"date_of_birth", "1944-03-02"},
            {"phone", "+39 02 1"},
            {"passport_number", "E76543210"},
            {"passport_expiry", "2030-01-01"}};
  }
  json::array notifications(const Session& s) {
    auto r = client_->get("/api/v1/notifications", s.headers());
    EXPECT_EQ(r.status, 200u) << r.body;
    return r.json().at("notifications").as_array();
  }
};

TEST_F(PersonsApiTest, ALiaisonOfficerAppliesForThePersonAtTheDeskOnlyWithTheirCodeConsent) {
  Session person = applicant("chen.mei@example.org");
  Session desk = liaison();
  json::object body{{"item_code", "EE-005"}, {"on_behalf_of", person.userId}, {"form", Form()}};

  // No consent, no application.
  auto refused = create(desk, body);
  EXPECT_EQ(refused.status, 422u) << refused.body;
  EXPECT_EQ(refused.fields().at("consent_id").at("code"), "required");

  // Asking: the person's account is named by its e-mail; the code goes to the person only.
  auto unknown = client_->postJson(
      "/api/v1/assist/consents",
      json::object{{"email", "nobody@example.org"}, {"item_code", "EE-005"}}, desk.headers());
  EXPECT_EQ(unknown.status, 422u);
  EXPECT_EQ(unknown.fields().at("email").at("code"), "unknown");
  auto asked = client_->postJson(
      "/api/v1/assist/consents",
      json::object{{"email", "chen.mei@example.org"}, {"item_code", "EE-005"}}, desk.headers());
  ASSERT_EQ(asked.status, 201u) << asked.body;
  EXPECT_EQ(asked.body.find("private_code"), std::string::npos);
  auto consent = asked.json().at("consent").as_object();
  EXPECT_EQ(consent.at("status"), "pending");
  EXPECT_EQ(consent.at("applicant").at("id"), person.userId);
  int64_t id = consent.at("id").as_int64();
  std::string code = consentCode(person);
  ASSERT_EQ(code.size(), 6u);

  // Only its officer types the code; a pending consent does not open the door.
  Session other = officer();
  EXPECT_EQ(confirm(other, id, code).status, 404u);
  auto early = create(desk, [&] {
    json::object b = body;
    b["consent_id"] = id;
    return b;
  }());
  EXPECT_EQ(early.fields().at("consent_id").at("code"), "not_confirmed");
  std::string wrong = code == "000000" ? "111111" : "000000";
  auto bad = confirm(desk, id, wrong);
  EXPECT_EQ(bad.status, 422u);
  EXPECT_EQ(bad.fields().at("code").at("code"), "wrong");
  EXPECT_EQ(confirm(desk, id, "12a").fields().at("code").at("code"), "format");
  auto ok = confirm(desk, id, code.substr(0, 3) + " " + code.substr(3));
  ASSERT_EQ(ok.status, 200u) << ok.body;
  EXPECT_EQ(ok.json().at("consent").at("status"), "confirmed");
  EXPECT_EQ(confirm(desk, id, code).status, 409u);  // works once

  // Now the application is made in the person's name, and the consent is used up.
  body["consent_id"] = id;
  auto made = create(desk, body);
  ASSERT_EQ(made.status, 201u) << made.body;
  int64_t caseId = made.json().at("case").at("id").as_int64();
  EXPECT_EQ(made.json().at("case").at("applicant_id"), person.userId);
  EXPECT_EQ(create(desk, body).fields().at("consent_id").at("code"), "used");

  // The person sees it as theirs, with who made it and how they consented…
  auto mine = client_->get("/api/v1/cases/" + std::to_string(caseId), person.headers());
  ASSERT_EQ(mine.status, 200u);
  auto assisted = mine.json().at("case").at("assisted");
  EXPECT_EQ(assisted.at("method"), "one_time_code");
  EXPECT_FALSE(assisted.at("officer").as_string().empty());
  EXPECT_FALSE(assisted.at("confirmed_at").is_null());
  // …gets a copy…
  bool copy = false;
  for (int i = 0; i < 100 && !copy; ++i) {
    for (const auto& n : notifications(person))
      copy =
          copy || (n.at("kind") == "case_assisted" &&
                   std::string(n.at("body").as_string())
                           .find(std::string(made.json().at("case").at("case_no").as_string())) !=
                       std::string::npos);
    if (!copy) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(copy);
  // …and finds the officer by name in the access log.
  auto log = client_->get("/api/v1/me/access-log?by=others", person.headers());
  ASSERT_EQ(log.status, 200u) << log.body;
  std::set<std::string> seen;
  for (const auto& e : log.json().at("events").as_array())
    if (e.at("purpose") == "assisted") {
      seen.insert(std::string(e.at("action").as_string()));
      EXPECT_EQ(e.at("actor_name"), assisted.at("officer"));
    }
  EXPECT_EQ(seen, (std::set<std::string>{"assist.consent_requested", "assist.consent_confirmed",
                                         "assist.case_create"}));
}

TEST_F(PersonsApiTest, FiveWrongCodesVoidTheRequestAndOnlyDeskStaffMayAsk) {
  Session person = applicant("wrong.codes@example.org");
  Session desk = officer();  // a window officer at the office may assist as well
  auto asked = client_->postJson(
      "/api/v1/assist/consents",
      json::object{{"email", "wrong.codes@example.org"}, {"item_code", "EE-005"}}, desk.headers());
  ASSERT_EQ(asked.status, 201u) << asked.body;
  int64_t id = asked.json().at("consent").at("id").as_int64();
  std::string code = consentCode(person);
  ASSERT_EQ(code.size(), 6u);
  std::string wrong = code == "000000" ? "111111" : "000000";
  for (int i = 0; i < 4; ++i)
    EXPECT_EQ(confirm(desk, id, wrong).fields().at("code").at("code"), "wrong");
  EXPECT_EQ(confirm(desk, id, wrong).fields().at("code").at("code"), "too_many");
  // The right code no longer helps.
  EXPECT_EQ(confirm(desk, id, code).status, 409u);
  auto state = client_->get("/api/v1/assist/consents/" + std::to_string(id), desk.headers());
  EXPECT_EQ(state.json().at("consent").at("status"), "void");

  // Applicants do not ask others for consent; bad input is named field by field.
  auto self =
      client_->postJson("/api/v1/assist/consents",
                        json::object{{"email", "wrong.codes@example.org"}, {"item_code", "EE-005"}},
                        person.headers());
  EXPECT_EQ(self.status, 403u);
  auto junk = client_->postJson("/api/v1/assist/consents",
                                json::object{{"email", 5}, {"item_code", "NOPE"}, {"x", 1}},
                                desk.headers());
  EXPECT_EQ(junk.status, 422u);
  EXPECT_TRUE(junk.fields().contains("email"));
  EXPECT_TRUE(junk.fields().contains("x"));
  auto item = client_->postJson(
      "/api/v1/assist/consents",
      json::object{{"email", "wrong.codes@example.org"}, {"item_code", "NOPE"}}, desk.headers());
  EXPECT_EQ(item.fields().at("item_code").at("code"), "unknown");

  // A window officer's assisted application: they follow it although it is their unit's anyway,
  // and they submit only what they prepared.
  int64_t ok = consent(desk, person, "wrong.codes@example.org", "EE-005", 2);
  ASSERT_GT(ok, 0);
  auto made = client_->postJson("/api/v1/cases",
                                json::object{{"item_code", "EE-005"},
                                             {"on_behalf_of", person.userId},
                                             {"consent_id", ok},
                                             {"form", Form()}},
                                desk.headers());
  ASSERT_EQ(made.status, 201u) << made.body;
  // The person's own draft is not the officer's to submit.
  auto own = client_->postJson(
      "/api/v1/cases", json::object{{"item_code", "EE-005"}, {"form", Form()}}, person.headers());
  ASSERT_EQ(own.status, 201u);
  auto submitOwn = client_->postJson("/api/v1/cases/" +
                                         std::to_string(own.json().at("case").at("id").as_int64()) +
                                         "/actions/submit",
                                     json::object{}, desk.headers());
  EXPECT_EQ(submitOwn.status, 403u) << submitOwn.body;
}

TEST_F(PersonsApiTest, DeletingTheAccountKeepsTheConsentRecordAndDropsTheDraftMadeAtTheDesk) {
  Session person = applicant("leaving@example.org");
  Session desk = liaison();
  int64_t id = consent(desk, person, "leaving@example.org", "EE-005");
  ASSERT_GT(id, 0);
  auto draft = create(desk, json::object{{"item_code", "EE-005"},
                                         {"on_behalf_of", person.userId},
                                         {"consent_id", id},
                                         {"form", Form()}});
  ASSERT_EQ(draft.status, 201u) << draft.body;
  int64_t caseId = draft.json().at("case").at("id").as_int64();
  auto h = person.headers();
  h["Content-Type"] = "application/json";
  auto gone =
      client_->request("DELETE", "/api/v1/me",
                       json::serialize(json::object{{"password", "correct horse battery"}}), h);
  ASSERT_EQ(gone.status, 200u) << gone.body;
  // The draft went with the account; the desk's record of the consent is still there.
  EXPECT_EQ(client_->get("/api/v1/cases/" + std::to_string(caseId), desk.headers()).status, 404u);
  auto record = client_->get("/api/v1/assist/consents/" + std::to_string(id), desk.headers());
  ASSERT_EQ(record.status, 200u) << record.body;
  EXPECT_EQ(record.json().at("consent").at("case_id"), nullptr);
}

TEST_F(PersonsApiTest, TheFamilyListIsTheApplicantsOwn) {
  Session person = applicant("family.list@example.org");
  auto r = client_->get("/api/v1/persons", person.headers());
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(r.json().at("persons").as_array().size(), 0u);
  EXPECT_EQ(client_->get("/api/v1/persons", officer().headers()).status, 403u);
  EXPECT_EQ(client_->get("/api/v1/persons").status, 401u);
}

}  // namespace
}  // namespace tongban::testing
