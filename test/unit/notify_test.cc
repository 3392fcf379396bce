// Notification texts: every kind in every language, filled, and never asking someone who reads
// them in the app to sign in.

#include <gtest/gtest.h>

#include "db/sqlite/sqlite_database.h"
#include "notify/inbox.h"
#include "notify/notification_center.h"
#include "test_support.h"

namespace tongban::notify {
namespace {

const std::vector<std::string> kLocales = {"zh-CN", "en", "it", "es", "fr", "pt", "de"};

json::object AllVars() {
  return {{"service", "SERVICE-NAME"},
          {"case_no", "TB-2026-ABCDEFGH"},
          {"note", "NOTE-TEXT"},
          {"due", "2026-12-05"},
          {"topic", "TOPIC-TEXT"},
          {"what", "WHAT-TEXT"},
          {"when", "WHEN-TEXT"},
          {"place", "PLACE-TEXT"},
          {"link", "/cases/1"},
          {"amount", "20.00 CNY"},
          {"receipt_no", "QT-EEB-2026-000001"},
          {"site", "SITE-NAME"},
          {"carrier", "CARRIER"},
          {"tracking", "TRACKING"},
          {"code", "123456"},
          {"officer", "OFFICER-NAME"},
          {"minutes", "10"},
          {"name", "PERSON-NAME"},
          {"grantee", "GRANTEE-NAME"},
          {"mandate_id", "7"},
          {"step", "STEP"},
          {"deadline", "2026-12-09"},
          {"due_at", "2026-12-07 02:30 UTC"}};
}

TEST(NotifyTexts, EveryKindIsWrittenInEveryLanguageWithNothingLeftUnfilled) {
  ASSERT_GE(Kinds().size(), 14u);
  for (const auto& kind : Kinds()) {
    std::set<std::string> titles;
    for (const auto& loc : kLocales) {
      Message m = Render(kind, loc, AllVars());
      SCOPED_TRACE(kind + " " + loc + ": " + m.title + " / " + m.body);
      EXPECT_FALSE(m.title.empty());
      EXPECT_FALSE(m.body.empty());
      EXPECT_EQ(m.title.find('{'), std::string::npos);
      EXPECT_EQ(m.body.find('{'), std::string::npos);
      EXPECT_EQ(m.link, "/cases/1");
      titles.insert(m.title);
    }
    // Seven languages, seven different texts: nothing silently fell back to English.
    EXPECT_EQ(titles.size(), kLocales.size()) << kind;
  }
}

TEST(NotifyTexts, CaseMessagesAreTitledByTheServiceAndCarryTheCaseNumber) {
  for (const auto& kind : Kinds()) {
    if (kind.rfind("case_", 0) != 0) continue;
    for (const auto& loc : kLocales) {
      Message m = Render(kind, loc, AllVars());
      EXPECT_EQ(m.title.rfind("SERVICE-NAME", 0), 0u) << kind << " " << loc << ": " << m.title;
      EXPECT_NE(m.body.find("TB-2026-ABCDEFGH"), std::string::npos) << kind << " " << loc;
      EXPECT_EQ(m.title.find("TB-2026"), std::string::npos) << kind << " " << loc;
    }
  }
  // What the office asked for and the reason of a refusal are in the message itself.
  EXPECT_NE(Render("case_supplement", "it", AllVars()).body.find("NOTE-TEXT"), std::string::npos);
  EXPECT_NE(Render("case_rejected", "de", AllVars()).body.find("NOTE-TEXT"), std::string::npos);
  EXPECT_NE(Render("case_supplement", "fr", AllVars()).body.find("2026-12-05"), std::string::npos);
  json::object noDue = AllVars();
  noDue.erase("due");
  EXPECT_EQ(Render("case_supplement", "fr", noDue).body.find("{due}"), std::string::npos);
}

TEST(NotifyTexts, NoMessageAsksTheReaderToSignIn) {
  const std::vector<std::string> signIn = {"sign in",       "Sign in",       "log in",
                                           "登录",          "Accedi",        "accedi",
                                           "inicia sesión", "Inicia sesión", "connectez",
                                           "Connectez",     "inicie sessão", "Melden Sie sich an",
                                           "anmelden"};
  for (const auto& kind : Kinds())
    for (const auto& loc : kLocales) {
      Message m = Render(kind, loc, AllVars());
      for (const auto& s : signIn) {
        EXPECT_EQ(m.body.find(s), std::string::npos) << kind << " " << loc << ": " << m.body;
        EXPECT_EQ(m.title.find(s), std::string::npos) << kind << " " << loc;
      }
    }
}

TEST(NotifyTexts, UnknownLanguagesGetEnglishAndKindsMapToEmailChoices) {
  EXPECT_EQ(Render("case_issued", "xx", AllVars()).title,
            Render("case_issued", "en", AllVars()).title);
  EXPECT_EQ(EmailCategory("case_received"), "cases");
  EXPECT_EQ(EmailCategory("case_supplement"), "cases");
  EXPECT_EQ(EmailCategory("appointment_reminder"), "appointments");
  EXPECT_EQ(EmailCategory("identity_verified"), "appointments");
  EXPECT_EQ(EmailCategory("consultation_reply"), "consultations");
}

TEST(NotifyTexts, AppointmentsSayWhatWhenAndWhere) {
  auto v = AppointmentVars("en", "window", "Milan liaison site", "Via Paolo Sarpi, Milan",
                           "2026-11-24T08:00:00.000Z");
  Message m = Render("appointment_booked", "en", v);
  EXPECT_EQ(m.title, "Appointment booked: Visit at the counter");
  EXPECT_NE(m.body.find("2026-11-24 08:00 UTC"), std::string::npos) << m.body;
  EXPECT_NE(m.body.find("Milan liaison site, Via Paolo Sarpi, Milan"), std::string::npos);
  auto zh = AppointmentVars("zh-CN", "identity", "青田县出入境", "", "2026-11-24T08:00:00Z");
  Message z = Render("appointment_reminder", "zh-CN", zh);
  EXPECT_EQ(z.title, "预约提醒：视频身份核验");
  EXPECT_NE(z.body.find("青田县出入境，线上视频"), std::string::npos) << z.body;
}

class NotifyStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    config_ = testing::TestConfig(dir_.path());
    testing::SeedForTest(config_, clock_);
    auto db = db::SqliteDatabase::Open({.path = config_.dbPath().string()});
    ASSERT_TRUE(db.ok());
    db_ = std::move(*db);
  }
  testing::TempDir dir_;
  server::Config config_;
  FakeClock clock_{testing::TestEpoch()};
  std::unique_ptr<db::SqliteDatabase> db_;
};

TEST_F(NotifyStoreTest, EmailChoicesChangeOnlyWhatIsGiven) {
  int64_t userId = 0;
  ASSERT_TRUE(db_->read([&](db::Transaction& tx) -> Status {
                   TB_ASSIGN_OR_RETURN(auto page, tx.users().search(db::UserQuery{}));
                   if (page.users.empty()) return Status::NotFound("no users");
                   userId = page.users.front().id;
                   return Status::Ok();
                 })
                  .ok());
  Inbox inbox(*db_, clock_);
  auto prefs = inbox.setPreferences(userId, {.appointments = false});
  ASSERT_TRUE(prefs.ok()) << prefs.status().ToString();
  EXPECT_TRUE(prefs->emailCases);
  EXPECT_FALSE(prefs->emailAppointments);
  EXPECT_EQ(prefs->updatedAt, clock_.now());
  auto again = inbox.preferences(userId);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->emailAppointments);
  EXPECT_TRUE(again->emailConsultations);
}

TEST_F(NotifyStoreTest, OnlyAdministratorsManageWebhooks) {
  Webhooks hooks(*db_, clock_);
  Actor officer;
  officer.userId = 1;
  officer.role = "officer";
  Actor admin;
  admin.userId = 1;
  admin.role = "admin";
  EXPECT_EQ(hooks.create(officer, std::nullopt, "https://example.org/a", "[\"*\"]").status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(hooks.deliveries(officer, 10).status().code(), StatusCode::kPermissionDenied);
  auto first = hooks.create(admin, std::nullopt, "https://example.org/a", "[\"*\"]");
  auto second = hooks.create(admin, std::nullopt, "https://example.org/b", "[\"*\"]");
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(first->secret.size(), second->secret.size());
  EXPECT_NE(first->secret, second->secret);
  auto off = hooks.setDisabled(admin, first->id, true);
  ASSERT_TRUE(off.ok());
  EXPECT_FALSE(off->hook.active);
  auto list = hooks.list(admin);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ(list->front().hook.id, second->id);  // newest first
  EXPECT_EQ(hooks.setDisabled(admin, 999999, true).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(hooks.retry(admin, 999999).status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace tongban::notify
