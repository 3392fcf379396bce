// A person's account over the real server: language and notifications (grouped, in the chosen
// language, e-mail per kind to a real SMTP sink), profile and password, who looked at my data,
// deleting the account, and calendar files of appointments.

#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <thread>

#include "db/sqlite/sqlite_database.h"
#include "integration/http_client.h"
#include "integration/server_fixture.h"
#include "integration/smtp_sink.h"
#include "test_support.h"

namespace tongban::testing {
namespace {

const std::string kPng = std::string("\x89PNG\r\n\x1a\n", 8) + std::string(200, 'p');
const std::string kPdf = "%PDF-1.4\n" + std::string(300, 'd') + "\n%%EOF\n";

json::object InstantForm() {
  return {{"surname", "ZHANG"},
          {"given_names", "WEI"},
          {"sex", "M"},
          {"date_of_birth", "1980-05-06"},
          {"phone", "+39 02 1234 5678"},
          {"id_number", "33112119800506001X"},
          {"period_from", "2020-01-01"},
          {"period_to", "2026-01-01"}};
}

class AccountApiTest : public ServerTest {
 protected:
  void configure(server::Config& c) override {
    c.smtpUrl = "smtp://127.0.0.1:" + std::to_string(smtp_.port());
    c.deliveryBackoffMs = 200;
  }
  HttpResult patchMe(const Session& s, const json::object& body) {
    auto h = s.headers();
    h["Content-Type"] = "application/json";
    return client_->request("PATCH", "/api/v1/me", json::serialize(body), h);
  }
  HttpResult send(const std::string& method, const std::string& path, const Session& s,
                  const json::object& body) {
    auto h = s.headers();
    h["Content-Type"] = "application/json";
    return client_->request(method, path, json::serialize(body), h);
  }
  //! Submits the instant item EE-011; returns the case number.
  std::string applyInstant(const Session& s) {
    auto r = client_->postJson(
        "/api/v1/cases",
        json::object{{"item_code", "EE-011"}, {"submit", true}, {"form", InstantForm()}},
        s.headers());
    EXPECT_EQ(r.status, 201u) << r.body;
    EXPECT_EQ(r.json().at("case").at("state"), "issued");
    return std::string(r.json().at("case").at("case_no").as_string());
  }
  //! The inbox once it holds at least `n` notifications (up to 10 s).
  json::array inbox(const Session& s, size_t n) {
    json::array items;
    for (int i = 0; i < 100; ++i) {
      auto r = client_->get("/api/v1/notifications", s.headers());
      items = r.json().at("notifications").as_array();
      if (items.size() >= n) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return items;
  }
  //! Mails to `to` once there are at least `n` of them (up to 10 s).
  std::vector<std::string> mailsTo(const std::string& to, size_t n) {
    std::vector<std::string> mine;
    for (size_t total = n; total < 200; ++total) {
      auto all = smtp_.wait(total);
      mine.clear();
      for (const auto& m : all)
        if (m.find("To: <" + to + ">") != std::string::npos) mine.push_back(m);
      if (mine.size() >= n || all.size() < total) break;
    }
    return mine;
  }
  HttpResult action(const Session& s, int64_t caseId, const std::string& name,
                    const std::string& note = "") {
    json::object body;
    if (!note.empty()) body["note"] = note;
    return client_->postJson("/api/v1/cases/" + std::to_string(caseId) + "/actions/" + name, body,
                             s.headers());
  }
  HttpResult upload(const Session& s, int64_t caseId, const std::string& type,
                    const std::string& bytes) {
    auto h = s.headers();
    h["Content-Type"] = "application/octet-stream";
    return client_->request("POST",
                            "/api/v1/cases/" + std::to_string(caseId) + "/documents?type=" + type +
                                "&filename=scan.png",
                            bytes, h);
  }
  //! A window slot at the Milan liaison site two days ahead, booked by `s`.
  json::object bookWindow(const Session& s) {
    Session liaison = Login(*client_, "liaison.milan@demo.tongban.example", "demo-liaison-2026");
    std::string start =
        FormatTimestamp(std::chrono::floor<std::chrono::hours>(std::chrono::system_clock::now()) +
                        std::chrono::hours(48));
    auto slots = client_->postJson(
        "/api/v1/slots",
        json::object{{"kind", "window"}, {"starts_at", start}, {"duration_minutes", 30}},
        liaison.headers());
    EXPECT_EQ(slots.status, 201u) << slots.body;
    auto booked = client_->postJson(
        "/api/v1/appointments",
        json::object{{"slot_id", slots.json().at("slots").as_array()[0].at("id")}}, s.headers());
    EXPECT_EQ(booked.status, 201u) << booked.body;
    return booked.json().at("appointment").as_object();
  }
  std::unique_ptr<db::SqliteDatabase> openDb() {
    auto db = db::SqliteDatabase::Open({.path = config_.dbPath().string()});
    EXPECT_TRUE(db.ok());
    return std::move(*db);
  }

  SmtpSink smtp_;
};

TEST_F(AccountApiTest, TheNextEmailIsInTheLanguageThePersonJustChose) {
  Session a = applicant("lang@example.org", true, "en");
  // Only the seven languages are accepted, with a field error otherwise.
  auto bad = patchMe(a, {{"locale", "xx"}});
  EXPECT_EQ(bad.status, 422u);
  EXPECT_EQ(bad.fields().at("locale").at("code"), "option");
  auto de = patchMe(a, {{"locale", "de"}});
  ASSERT_EQ(de.status, 200u) << de.body;
  EXPECT_EQ(de.json().at("user").at("locale"), "de");
  std::string first = applyInstant(a);
  auto mails = mailsTo("lang@example.org", 1);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_NE(mails[0].find("Content-Language: de"), std::string::npos);
  EXPECT_NE(Subject(mails[0]).find("Dokument ausgestellt"), std::string::npos) << Subject(mails[0]);
  EXPECT_NE(Body(mails[0]).find("Ihres Antrags " + first), std::string::npos) << Body(mails[0]);
  // Changed again: the next one follows, with the service's Chinese name.
  ASSERT_EQ(patchMe(a, {{"locale", "zh-CN"}}).status, 200u);
  std::string second = applyInstant(a);
  mails = mailsTo("lang@example.org", 2);
  ASSERT_EQ(mails.size(), 2u);
  EXPECT_NE(mails[1].find("Content-Language: zh-CN"), std::string::npos);
  EXPECT_EQ(Subject(mails[1]), "出入境记录证明：已出证");
  EXPECT_NE(Body(mails[1]).find(second), std::string::npos);
  // Registration accepts every language too.
  auto reg =
      client_->postJson("/api/v1/auth/register", json::object{{"email", "pt@example.org"},
                                                              {"password", "correct horse battery"},
                                                              {"display_name", "Ana"},
                                                              {"locale", "pt"}});
  ASSERT_EQ(reg.status, 201u) << reg.body;
  EXPECT_EQ(reg.json().at("user").at("locale"), "pt");
}

TEST_F(AccountApiTest, AnInstantApplicationIsOneNotificationTitledByTheService) {
  Session a = applicant("instant@example.org");
  std::string first = applyInstant(a);
  ASSERT_GE(inbox(a, 1).size(), 1u);
  // A second application: once its notification is there, every event of the first one has
  // been handled (the relay keeps order), so the count below is final.
  std::string second = applyInstant(a);
  auto items = inbox(a, 2);
  ASSERT_EQ(items.size(), 2u);
  std::set<std::string> bodies;
  for (const auto& n : items) {
    EXPECT_EQ(n.at("kind"), "case_issued");
    EXPECT_EQ(n.at("title"), "Certificate of exit-entry records: document issued");
    bodies.insert(std::string(n.at("body").as_string()));
  }
  bool sawFirst = false, sawSecond = false;
  for (const auto& b : bodies) {
    sawFirst = sawFirst || b.find(first) != std::string::npos;
    sawSecond = sawSecond || b.find(second) != std::string::npos;
  }
  EXPECT_TRUE(sawFirst && sawSecond);
  EXPECT_EQ(mailsTo("instant@example.org", 2).size(), 2u);
}

TEST_F(AccountApiTest, AReviewApplicationTellsReceiptSupplementDecisionAndResult) {
  Session a = applicant("review@example.org", true, "it");
  auto created = client_->postJson("/api/v1/cases",
                                   json::object{{"item_code", "EE-005"},
                                                {"form",
                                                 {{"surname", "ROSSI"},
                                                  {"given_names", "MARIO"},
                                                  {"sex", "M"},
                                                  {"date_of_birth", "1970-01-01"},
                                                  {"phone", "+39 02 1"},
                                                  {"passport_number", "E76543210"},
                                                  {"passport_expiry", "2030-01-01"}}}},
                                   a.headers());
  ASSERT_EQ(created.status, 201u) << created.body;
  int64_t id = created.json().at("case").at("id").as_int64();
  ASSERT_EQ(upload(a, id, "passport_copy", kPng).status, 201u);
  ASSERT_EQ(upload(a, id, "name_evidence", kPdf).status, 201u);
  auto submitted = action(a, id, "submit");
  ASSERT_EQ(submitted.status, 200u) << submitted.body;
  Session off = officer();
  ASSERT_EQ(action(off, id, "accept").status, 200u);
  ASSERT_EQ(action(off, id, "start_review").status, 200u);
  ASSERT_EQ(action(off, id, "request_supplement", "Serve una copia firmata.").status, 200u);
  auto onScreen = client_->get("/api/v1/cases/" + std::to_string(id), a.headers());
  ASSERT_EQ(upload(a, id, "supplement", kPdf).status, 201u);
  ASSERT_EQ(action(a, id, "supplement", "Ecco").status, 200u);
  ASSERT_EQ(action(off, id, "approve", "OK").status, 200u);
  // She collects it at the office, which hands it over against her pickup code.
  int64_t unit = onScreen.json().at("case").at("unit").at("id").as_int64();
  ASSERT_EQ(send("POST", "/api/v1/cases/" + std::to_string(id) + "/delivery", a,
                 {{"option", "pickup"}, {"site_unit_id", unit}})
                .status,
            200u);
  // The fee is due before issue: paid at the window.
  ASSERT_EQ(client_
                ->postJson("/api/v1/cases/" + std::to_string(id) + "/payments",
                           json::object{{"method", "window"}, {"payer", {{"kind", "applicant"}}}},
                           off.headers())
                .status,
            201u);
  ASSERT_EQ(action(off, id, "issue").status, 200u);
  auto issued = client_->get("/api/v1/cases/" + std::to_string(id), a.headers());
  std::string code(issued.json().at("case").at("delivery").at("pickup_code").as_string());
  ASSERT_EQ(send("POST", "/api/v1/cases/" + std::to_string(id) + "/delivery/handover", off,
                 {{"code", code}})
                .status,
            200u);
  auto items = inbox(a, 7);
  std::vector<std::string> kinds;
  for (auto it = items.rbegin(); it != items.rend(); ++it)
    kinds.emplace_back(it->at("kind").as_string());
  // Accepting and starting the review are the office's steps, not news for the person.
  EXPECT_EQ(kinds, (std::vector<std::string>{"case_received", "case_supplement", "case_approved",
                                             "payment_recorded", "case_issued",
                                             "delivery_pickup_ready", "case_delivered"}));
  const auto& supplement = items[items.size() - 2].as_object();
  EXPECT_NE(std::string(supplement.at("body").as_string()).find("Serve una copia firmata."),
            std::string::npos);
  EXPECT_NE(std::string(supplement.at("body").as_string())
                .find(std::string(onScreen.json().at("case").at("supplement_due").as_string())),
            std::string::npos)
      << supplement.at("body");
  // Titled by the service's name in the person's language (Italian, from catalog/i18n/it.json).
  for (const auto& n : items)
    EXPECT_EQ(std::string(n.at("title").as_string()).rfind("Annotazione sul passaporto: ", 0), 0u)
        << n.at("title");
}

TEST_F(AccountApiTest, WithCaseEmailsOffTheInboxStillTellsAndOtherKindsStillMail) {
  Session a = applicant("quiet@example.org");
  auto prefs = client_->get("/api/v1/me/notification-preferences", a.headers());
  ASSERT_EQ(prefs.status, 200u);
  EXPECT_EQ(prefs.json().at("preferences").at("email").at("cases"), true);
  EXPECT_EQ(prefs.json().at("preferences").at("in_app"), true);
  // Validation: types, unknown kinds, and in-app cannot be turned off.
  auto bad = send("PUT", "/api/v1/me/notification-preferences", a,
                  {{"email", {{"cases", "no"}, {"sms", true}}}, {"in_app", false}});
  EXPECT_EQ(bad.status, 422u);
  EXPECT_EQ(bad.fields().at("email.cases").at("code"), "type");
  EXPECT_EQ(bad.fields().at("email.sms").at("code"), "unknown");
  EXPECT_EQ(bad.fields().at("in_app").at("code"), "always_on");
  EXPECT_EQ(
      send("PUT", "/api/v1/me/notification-preferences", a, {}).fields().at("email").at("code"),
      "required");
  auto off = send("PUT", "/api/v1/me/notification-preferences", a, {{"email", {{"cases", false}}}});
  ASSERT_EQ(off.status, 200u) << off.body;
  EXPECT_EQ(off.json().at("preferences").at("email").at("cases"), false);
  EXPECT_EQ(off.json().at("preferences").at("email").at("appointments"), true);
  std::string caseNo = applyInstant(a);
  auto items = inbox(a, 1);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_NE(std::string(items[0].at("body").as_string()).find(caseNo), std::string::npos);
  // An appointment confirmation still goes by e-mail, and it is the only mail.
  bookWindow(a);
  auto mails = mailsTo("quiet@example.org", 1);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(Subject(mails[0]), "Appointment booked: Visit at the counter");
  EXPECT_EQ(inbox(a, 2).size(), 2u);
  // The delivery log confirms no e-mail was ever queued for the case.
  Session admin = Login(*client_, "admin@demo.tongban.example", "demo-admin-2026");
  auto log = client_->get("/api/v1/deliveries", admin.headers());
  int toHer = 0;
  for (const auto& d : log.json().at("deliveries").as_array())
    if (d.at("channel") == "email" && d.at("target") == "quiet@example.org") ++toHer;
  EXPECT_EQ(toHer, 1);
}

TEST_F(AccountApiTest, ProfileChangesAreCheckedFieldByField) {
  Session a = applicant("profile@example.org");
  auto bad = patchMe(a, {{"display_name", ""}, {"email", "not-an-address"}, {"colour", "red"}});
  EXPECT_EQ(bad.status, 422u);
  EXPECT_EQ(bad.fields().at("display_name").at("code"), "required");
  EXPECT_EQ(bad.fields().at("colour").at("code"), "unknown");
  auto badEmail = patchMe(a, {{"email", "not-an-address"}});
  EXPECT_EQ(badEmail.fields().at("email").at("code"), "email");
  auto renamed = patchMe(a, {{"display_name", "Zhang Wei"}});
  ASSERT_EQ(renamed.status, 200u);
  EXPECT_EQ(renamed.json().at("user").at("display_name"), "Zhang Wei");
  // A new e-mail address needs the current password.
  auto noPw = patchMe(a, {{"email", "new@example.org"}});
  EXPECT_EQ(noPw.fields().at("current_password").at("code"), "required");
  auto wrongPw = patchMe(a, {{"email", "new@example.org"}, {"current_password", "nope"}});
  EXPECT_EQ(wrongPw.fields().at("current_password").at("code"), "wrong_password");
  applicant("taken@example.org");
  auto taken =
      patchMe(a, {{"email", "taken@example.org"}, {"current_password", "correct horse battery"}});
  EXPECT_EQ(taken.fields().at("email").at("code"), "taken");
  auto moved =
      patchMe(a, {{"email", "New@Example.org"}, {"current_password", "correct horse battery"}});
  ASSERT_EQ(moved.status, 200u) << moved.body;
  EXPECT_EQ(moved.json().at("user").at("email"), "new@example.org");
  Login(*client_, "new@example.org", "correct horse battery");
  EXPECT_EQ(
      client_->request("PATCH", "/api/v1/me", "{}", {{"Content-Type", "application/json"}}).status,
      401u);
}

TEST_F(AccountApiTest, ChangingThePasswordSignsOutEveryOtherSession) {
  applicant("pw@example.org");
  Session here = Login(*client_, "pw@example.org", "correct horse battery", /*bearer=*/false);
  Session phone = Login(*client_, "pw@example.org", "correct horse battery");
  auto path = "/api/v1/me/password";
  auto missing = send("POST", path, here, {{"new_password", "short"}});
  EXPECT_EQ(missing.status, 422u);
  EXPECT_EQ(missing.fields().at("current_password").at("code"), "required");
  auto weak = send("POST", path, here,
                   {{"current_password", "correct horse battery"}, {"new_password", "short"}});
  EXPECT_EQ(weak.fields().at("new_password").at("code"), "too_short");
  auto wrong =
      send("POST", path, here,
           {{"current_password", "guess guess guess"}, {"new_password", "a new secret 1"}});
  EXPECT_EQ(wrong.fields().at("current_password").at("code"), "wrong_password");
  auto same = send(
      "POST", path, here,
      {{"current_password", "correct horse battery"}, {"new_password", "correct horse battery"}});
  EXPECT_EQ(same.fields().at("new_password").at("code"), "same_password");
  // Without the CSRF header a cookie session may not change it.
  auto h = here.headers();
  h.erase("X-CSRF-Token");
  h["Content-Type"] = "application/json";
  EXPECT_EQ(
      client_
          ->request("POST", path,
                    R"({"current_password":"correct horse battery","new_password":"x1234567890"})",
                    h)
          .status,
      403u);
  auto changed =
      send("POST", path, here,
           {{"current_password", "correct horse battery"}, {"new_password", "a new secret 1"}});
  ASSERT_EQ(changed.status, 200u) << changed.body;
  EXPECT_EQ(changed.json().at("other_sessions_ended"), 2);  // the phone and the registration one
  EXPECT_EQ(client_->get("/api/v1/me", phone.headers()).status, 401u);
  EXPECT_EQ(client_->get("/api/v1/me", here.headers()).status, 200u);
  EXPECT_EQ(client_
                ->postJson("/api/v1/auth/login", json::object{{"email", "pw@example.org"},
                                                              {"password", "correct horse battery"},
                                                              {"kind", "bearer"}})
                .status,
            401u);
  Login(*client_, "pw@example.org", "a new secret 1");
}

TEST_F(AccountApiTest, TheAccessLogSaysWhichOfficeLookedAtWhatAndWhy) {
  Session a = applicant("log@example.org");
  auto created = client_->postJson(
      "/api/v1/cases",
      json::object{{"item_code", "EE-011"}, {"submit", true}, {"form", InstantForm()}},
      a.headers());
  ASSERT_EQ(created.status, 201u);
  int64_t id = created.json().at("case").at("id").as_int64();
  std::string caseNo(created.json().at("case").at("case_no").as_string());
  Session off = officer();
  ASSERT_EQ(client_->get("/api/v1/cases/" + std::to_string(id), off.headers()).status, 200u);

  EXPECT_EQ(
      client_->get("/api/v1/me/access-log?by=everyone", a.headers()).fields().at("by").at("code"),
      "option");
  auto all = client_->get("/api/v1/me/access-log", a.headers());
  ASSERT_EQ(all.status, 200u);
  bool sawOwn = false, sawRegistration = false;
  for (const auto& e : all.json().at("events").as_array()) {
    sawOwn = sawOwn || (e.at("by_me") == true && e.at("purpose") == "own");
    // Registering happens before signing in, but it was the person.
    if (e.at("action") == "user.create") sawRegistration = e.at("by_me") == true;
  }
  EXPECT_TRUE(sawOwn);
  EXPECT_TRUE(sawRegistration);
  auto others = client_->get("/api/v1/me/access-log?by=others", a.headers());
  ASSERT_EQ(others.status, 200u);
  json::object read;
  for (const auto& e : others.json().at("events").as_array()) {
    EXPECT_EQ(e.at("by_me"), false);
    if (e.at("action") == "case.read") read = e.as_object();
  }
  ASSERT_FALSE(read.empty()) << others.body;
  EXPECT_EQ(read.at("actor_role"), "officer");
  EXPECT_EQ(read.at("actor_unit").at("code"), "QT-EEB");
  EXPECT_EQ(read.at("purpose"), "case");
  EXPECT_EQ(read.at("case").at("case_no"), caseNo.c_str());
  EXPECT_EQ(read.at("case").at("item_name").at("en"), "Certificate of exit-entry records");
  EXPECT_EQ(read.find("actor_name"), read.end());  // staff appear by role and unit only
  bool sawRules = false;
  for (const auto& e : others.json().at("events").as_array())
    sawRules = sawRules || (e.at("actor_role") == "system" && e.at("purpose") == "automatic");
  EXPECT_TRUE(sawRules);
}

TEST_F(AccountApiTest, DeletingTheAccountKeepsWhatTheLawKeepsAndErasesTheRest) {
  Session a = applicant("leaving@example.org", /*bearer=*/false);
  // Some of everything: a photo, a draft with a document, a submitted case, a question, a
  // booked appointment, notifications.
  auto h = a.headers();
  h["Content-Type"] = "image/png";
  auto photo = client_->request("POST", "/api/v1/me/photo", kPng + "photo", h);
  ASSERT_EQ(photo.status, 201u) << photo.body;
  auto draft = client_->postJson(
      "/api/v1/cases", json::object{{"item_code", "EE-005"}, {"form", {{"surname", "LI"}}}},
      a.headers());
  ASSERT_EQ(draft.status, 201u) << draft.body;
  int64_t draftId = draft.json().at("case").at("id").as_int64();
  ASSERT_EQ(upload(a, draftId, "passport_copy", kPng + "draft").status, 201u);
  auto submitted = client_->postJson(
      "/api/v1/cases",
      json::object{{"item_code", "EE-011"}, {"submit", true}, {"form", InstantForm()}},
      a.headers());
  int64_t keptId = submitted.json().at("case").at("id").as_int64();
  ASSERT_EQ(client_
                ->postJson("/api/v1/consultations",
                           json::object{{"topic", "My private question"}, {"body", "Details"}},
                           a.headers())
                .status,
            201u);
  json::object appointment = bookWindow(a);
  ASSERT_GE(inbox(a, 2).size(), 2u);

  // Refused without the right password, and for staff.
  EXPECT_EQ(client_->request("DELETE", "/api/v1/me", "", a.headers()).status, 400u);
  auto wrong = send("DELETE", "/api/v1/me", a, {{"password", "not my password"}});
  EXPECT_EQ(wrong.status, 422u);
  EXPECT_EQ(wrong.fields().at("password").at("code"), "wrong_password");
  Session off = officer();
  EXPECT_EQ(send("DELETE", "/api/v1/me", off, {{"password", "demo-officer-2026"}}).status, 403u);

  auto gone = send("DELETE", "/api/v1/me", a, {{"password", "correct horse battery"}});
  ASSERT_EQ(gone.status, 200u) << gone.body;
  EXPECT_NE(gone.headers["set-cookie"].find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(gone.json().at("erased").at("drafts"), 1);
  EXPECT_EQ(gone.json().at("erased").at("appointments_cancelled"), 1);
  EXPECT_GE(gone.json().at("erased").at("documents").as_int64(), 2);  // photo + draft document

  // The account cannot sign in or act any more; the address can be registered afresh.
  EXPECT_EQ(client_->get("/api/v1/me", a.headers()).status, 401u);
  EXPECT_EQ(client_
                ->postJson("/api/v1/auth/login", json::object{{"email", "leaving@example.org"},
                                                              {"password", "correct horse battery"},
                                                              {"kind", "bearer"}})
                .status,
            401u);
  Session again = applicant("leaving@example.org");
  EXPECT_NE(again.userId, a.userId);
  EXPECT_TRUE(client_->get("/api/v1/cases", again.headers()).json().at("cases").as_array().empty());

  // The submitted case stays for the office, with its history.
  auto kept = client_->get("/api/v1/cases/" + std::to_string(keptId), off.headers());
  ASSERT_EQ(kept.status, 200u) << kept.body;
  EXPECT_EQ(kept.json().at("case").at("state"), "issued");

  auto db = openDb();
  ASSERT_TRUE(db->read([&](db::Transaction& tx) -> Status {
                  TB_ASSIGN_OR_RETURN(auto u, tx.users().byId(a.userId));
                  EXPECT_TRUE(u.disabled);
                  EXPECT_EQ(u.email.find("leaving"), std::string::npos);
                  EXPECT_EQ(u.displayName.find("Test"), std::string::npos);
                  EXPECT_FALSE(u.photoDocumentId.has_value());
                  EXPECT_TRUE(tx.cases().byId(draftId).status().IsNotFound());
                  TB_ASSIGN_OR_RETURN(auto c, tx.cases().byId(keptId));
                  EXPECT_EQ(c.applicantId, a.userId);
                  TB_ASSIGN_OR_RETURN(auto history, tx.cases().history(keptId));
                  EXPECT_GE(history.size(), 5u);
                  TB_ASSIGN_OR_RETURN(auto notes, tx.notifications().byUser(a.userId, 100));
                  EXPECT_TRUE(notes.empty());
                  TB_ASSIGN_OR_RETURN(auto qs, tx.consultations().byApplicant(a.userId));
                  EXPECT_TRUE(qs.empty());
                  TB_ASSIGN_OR_RETURN(auto appt,
                                      tx.appointments().byId(appointment.at("id").as_int64()));
                  EXPECT_EQ(appt.status, "cancelled");
                  TB_ASSIGN_OR_RETURN(auto trail, tx.audit().bySubject(a.userId, 500));
                  bool recorded = false;
                  for (const auto& e : trail) recorded = recorded || e.action == "account.delete";
                  EXPECT_TRUE(recorded);
                  TB_ASSIGN_OR_RETURN(auto mails, tx.notifications().deliveries(std::nullopt, 500));
                  for (const auto& d : mails) EXPECT_NE(d.target, "leaving@example.org");
                  return Status::Ok();
                }).ok());
  db->close();
  // The photo's file is gone from the blob store (it was in no submitted case).
  std::string sha(photo.json().at("sha256").is_string() ? photo.json().at("sha256").as_string()
                                                        : "");
  ASSERT_EQ(sha.size(), 64u);
  EXPECT_FALSE(std::filesystem::exists(config_.blobDir() / sha.substr(0, 2) / sha));
}

TEST_F(AccountApiTest, AnAppointmentDownloadsAsACalendarFile) {
  Session a = applicant("calendar@example.org");
  json::object appt = bookWindow(a);
  std::string path =
      "/api/v1/appointments/" + std::to_string(appt.at("id").as_int64()) + "/calendar.ics";
  auto r = client_->get(path, a.headers());
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(r.headers["content-type"], "text/calendar; charset=utf-8");
  EXPECT_NE(r.headers["content-disposition"].find("attachment; filename=\"tongban-appointment-"),
            std::string::npos);
  // Every line ends in CRLF, none is longer than 75 octets.
  std::vector<std::string> lines;
  for (size_t pos = 0; pos < r.body.size();) {
    size_t end = r.body.find("\r\n", pos);
    ASSERT_NE(end, std::string::npos);
    std::string line = r.body.substr(pos, end - pos);
    EXPECT_EQ(line.find('\n'), std::string::npos);
    EXPECT_LE(line.size(), 75u);
    if (!line.empty() && line[0] == ' ')
      lines.back() += line.substr(1);
    else
      lines.push_back(line);
    pos = end + 2;
  }
  std::map<std::string, std::string> props;
  for (const auto& l : lines) props.emplace(l.substr(0, l.find(':')), l.substr(l.find(':') + 1));
  EXPECT_EQ(lines.front(), "BEGIN:VCALENDAR");
  EXPECT_EQ(lines.back(), "END:VCALENDAR");
  EXPECT_EQ(props["VERSION"], "2.0");
  EXPECT_EQ(props["UID"].rfind("appointment-" + std::to_string(appt.at("id").as_int64()) + "@", 0),
            0u);
  std::string start(appt.at("slot").at("starts_at").as_string());
  std::string basic = start.substr(0, 4) + start.substr(5, 2) + start.substr(8, 2) + "T" +
                      start.substr(11, 2) + start.substr(14, 2) + start.substr(17, 2) + "Z";
  EXPECT_EQ(props["DTSTART"], basic);
  EXPECT_EQ(props["DTEND"].size(), 16u);
  EXPECT_EQ(props["DTEND"].back(), 'Z');
  EXPECT_NE(props["LOCATION"].find("Via Paolo Sarpi\\, Milan\\, Italy"), std::string::npos)
      << props["LOCATION"];
  EXPECT_EQ(props["SUMMARY"], "Appointment at the counter (Tongban)");
  EXPECT_EQ(props["STATUS"], "CONFIRMED");
  // In another language on request; never someone else's; the language is checked.
  auto zh = client_->get(path + "?lang=zh-CN", a.headers());
  EXPECT_NE(zh.body.find("SUMMARY:窗口办理预约（通办）"), std::string::npos);
  EXPECT_EQ(client_->get(path + "?lang=xx", a.headers()).fields().at("lang").at("code"), "option");
  Session other = applicant("other@example.org");
  EXPECT_EQ(client_->get(path, other.headers()).status, 404u);
  EXPECT_EQ(client_->get(path).status, 401u);
  // Once cancelled the file says so, so a calendar that imports it again drops the event.
  ASSERT_EQ(
      client_
          ->postJson("/api/v1/appointments/" + std::to_string(appt.at("id").as_int64()) + "/cancel",
                     json::object{}, a.headers())
          .status,
      200u);
  EXPECT_NE(client_->get(path, a.headers()).body.find("\r\nSTATUS:CANCELLED\r\n"),
            std::string::npos);
  // The booking and the cancellation are both in the inbox.
  std::set<std::string> kinds;
  for (const auto& n : inbox(a, 2)) kinds.insert(std::string(n.at("kind").as_string()));
  EXPECT_TRUE(kinds.count("appointment_booked"));
  EXPECT_TRUE(kinds.count("appointment_cancelled"));
}

}  // namespace
}  // namespace tongban::testing
