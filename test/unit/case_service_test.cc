#include <gtest/gtest.h>

#include "accounts/accounts.h"
#include "cases/case_service.h"
#include "db/sqlite/sqlite_database.h"
#include "test_support.h"

namespace tongban::cases {
namespace {

class CaseServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    config_ = testing::TestConfig(dir_.path());
    testing::SeedForTest(config_, clock_);
    auto db = db::SqliteDatabase::Open({.path = config_.dbPath().string()});
    ASSERT_TRUE(db.ok());
    db_ = std::move(*db);
    auto ref = LoadReference(*db_);
    ASSERT_TRUE(ref.ok()) << ref.status().ToString();
    cases_ = std::make_unique<CaseService>(*db_, clock_, *ref);
    accounts::AccountOptions o;
    o.cost = crypto::PasswordCost::Minimum();
    accounts_ = std::make_unique<accounts::AccountService>(*db_, clock_, o);
    applicant_ = newApplicant("applicant1@example.org", "verified");
    officer_ = staff("officer.qingtian@demo.tongban.example");
    supervisor_ = staff("supervisor.qingtian@demo.tongban.example");
    wenzhou_ = staff("officer.wenzhou@demo.tongban.example");
  }

  Actor newApplicant(const std::string& email, const std::string& assurance) {
    auto u = accounts_->registerApplicant({}, email, "a long enough password", "Applicant", "");
    EXPECT_TRUE(u.ok());
    db::UserRow row = *u;
    row.assurance = assurance;
    EXPECT_TRUE(db_->write([&](db::Transaction& tx) { return tx.users().update(row); }).ok());
    return actorOf(row);
  }
  Actor staff(const std::string& email) {
    db::UserRow u;
    EXPECT_TRUE(db_->read([&](db::Transaction& tx) -> Status {
                     TB_ASSIGN_OR_RETURN(u, tx.users().byEmail(email));
                     return Status::Ok();
                   })
                    .ok());
    return actorOf(u);
  }
  static Actor actorOf(const db::UserRow& u) {
    Actor a;
    a.userId = u.id;
    a.role = u.role;
    a.unitId = u.unitId;
    a.assurance = u.assurance;
    a.requestId = "test";
    return a;
  }
  //! A submitted case of `item` with all required documents attached.
  int64_t submitted(const std::string& item, const Actor& who) {
    auto ref = cases_->reference();
    const auto* it = ref->catalog->item(item);
    json::object form{{"surname", "ZHANG"},
                      {"given_names", "WEI"},
                      {"sex", "M"},
                      {"date_of_birth", "1980-05-06"},
                      {"phone", "+39 02 1234 5678"},
                      {"id_number", "33112119800506001X"},
                      {"address_abroad", "Milano"},
                      {"passport_number", "E12345678"},
                      {"passport_expiry", "2030-01-01"},
                      {"urgency_reason", "funeral"}};
    json::object clean;
    for (const auto& f : it->fields)
      if (form.contains(f.name)) clean[f.name] = form[f.name];
    auto c = cases_->create(who, {.itemCode = item, .form = clean});
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    int64_t id = c->body.at("id").as_int64();
    EXPECT_TRUE(db_->write([&](db::Transaction& tx) -> Status {
                     for (const auto& d : it->documents) {
                       db::DocumentRow row{0,  *who.userId,       id,  d.type, std::string(64, 'a'),
                                           10, "application/pdf", "x", "t",    *who.userId};
                       TB_RETURN_IF_ERROR(tx.documents().insert(row).status());
                     }
                     return Status::Ok();
                   })
                    .ok());
    auto s = cases_->transition(who, id, "submit", "", std::nullopt);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return id;
  }
  json::object act(const Actor& a, int64_t id, const std::string& action,
                   const std::string& note = "") {
    auto r = cases_->transition(a, id, action, note, std::nullopt);
    EXPECT_TRUE(r.ok()) << action << ": " << r.status().ToString();
    return r.ok() ? *r : json::object{};
  }

  testing::TempDir dir_;
  server::Config config_;
  FakeClock clock_{testing::TestEpoch()};  // Monday 2026-11-23, 10:00 in China
  std::unique_ptr<db::SqliteDatabase> db_;
  std::unique_ptr<CaseService> cases_;
  std::unique_ptr<accounts::AccountService> accounts_;
  Actor applicant_, officer_, supervisor_, wenzhou_;
};

TEST_F(CaseServiceTest, DeadlineCountsWorkingDaysAndPausesForTheApplicant) {
  int64_t id = submitted("EE-001", applicant_);  // 7 working days
  auto accepted = act(officer_, id, "accept");
  EXPECT_EQ(accepted.at("deadline"), "2026-12-02");  // Tue 24 … Wed 2 December
  EXPECT_EQ(accepted.at("working_days_left"), 7);
  act(officer_, id, "start_review");
  clock_.advance(std::chrono::hours(24));  // Tuesday
  auto asked = act(officer_, id, "request_supplement", "sign the form");
  EXPECT_EQ(asked.at("paused_since"), "2026-11-24");
  EXPECT_EQ(asked.at("supplement_due"),
            "2027-01-23");  // a 60-day window: documents come by post from abroad
  clock_.advance(std::chrono::hours(24 * 6));  // Monday 30 November
  auto resumed = act(applicant_, id, "supplement");
  // Four working days waited (25, 26, 27, 30) move the deadline from 2 to 8 December.
  EXPECT_EQ(resumed.at("deadline"), "2026-12-08");
  EXPECT_TRUE(resumed.at("paused_since").is_null());
  EXPECT_EQ(resumed.at("overdue"), false);
  clock_.advance(std::chrono::hours(24 * 9));  // Wednesday 9 December
  auto late = cases_->get(officer_, id);
  ASSERT_TRUE(late.ok());
  EXPECT_EQ(late->at("overdue"), true);
  EXPECT_EQ(late->at("working_days_left"), -1);
  auto queue = cases_->queue(officer_, {.overdueOnly = true});
  ASSERT_TRUE(queue.ok());
  ASSERT_EQ(queue->size(), 1u);
  EXPECT_EQ(queue->at(0).at("id"), id);
}

TEST_F(CaseServiceTest, HolidaysDoNotCountTowardsTheLimit) {
  clock_.set(TimePoint(Date(std::chrono::year(2026) / 9 / 30)) + std::chrono::hours(2));
  int64_t id = submitted("EE-005", applicant_);  // 5 working days
  // National Day: 1–7 October off, Saturday 10 October worked: 8, 9, 10, 12, 13.
  EXPECT_EQ(act(officer_, id, "accept").at("deadline"), "2026-10-13");
}

TEST_F(CaseServiceTest, OnlyTheRightRolesAndUnitsMayAct) {
  int64_t id = submitted("EE-001", applicant_);
  EXPECT_TRUE(cases_->get(wenzhou_, id).status().IsNotFound());
  EXPECT_TRUE(cases_->transition(wenzhou_, id, "accept", "", std::nullopt).status().IsNotFound());
  EXPECT_EQ(cases_->transition(applicant_, id, "accept", "", std::nullopt).status().code(),
            StatusCode::kPermissionDenied);
  Actor other = newApplicant("other@example.org", "account");
  EXPECT_TRUE(cases_->get(other, id).status().IsNotFound());
  EXPECT_EQ(cases_->transition(officer_, id, "approve", "", std::nullopt).status().code(),
            StatusCode::kConflict);
  // A stale version is refused.
  EXPECT_EQ(cases_->transition(officer_, id, "accept", "", 1).status().code(),
            StatusCode::kConflict);
  EXPECT_TRUE(cases_->queue(applicant_, {}).status().code() == StatusCode::kPermissionDenied);
}

TEST_F(CaseServiceTest, TwoLevelItemsNeedTheSupervisorsSignature) {
  int64_t id = submitted("EE-012", applicant_);
  act(officer_, id, "accept");
  act(officer_, id, "start_review");
  EXPECT_EQ(act(officer_, id, "approve").at("state"), "pending_second");
  EXPECT_EQ(cases_->transition(officer_, id, "second_sign", "", std::nullopt).status().code(),
            StatusCode::kPermissionDenied);
  auto signed_ = act(supervisor_, id, "second_sign");
  EXPECT_EQ(signed_.at("state"), "approved");
  EXPECT_EQ(signed_.at("holder").at("officer"), "Officer Chen (Qingtian)");
}

TEST_F(CaseServiceTest, ReviewItemsNeedVerifiedIdentityToBeSubmitted) {
  Actor plain = newApplicant("plain@example.org", "account");
  auto c = cases_->create(plain, {.itemCode = "EE-001"});
  ASSERT_TRUE(c.ok());
  auto s = cases_->transition(plain, c->body.at("id").as_int64(), "submit", "", std::nullopt);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().fields().at("assurance").code, "verification_required");
  EXPECT_EQ(s.status().fields().at("documents.photo").code, "required");
  EXPECT_EQ(s.status().fields().at("form.surname").code, "required");
}

TEST_F(CaseServiceTest, EveryTransitionWritesHistoryAuditAndOutbox) {
  int64_t id = submitted("EE-001", applicant_);
  act(officer_, id, "accept");
  size_t history = 0, outbox = 0, audit = 0;
  ASSERT_TRUE(db_->read([&](db::Transaction& tx) -> Status {
                   TB_ASSIGN_OR_RETURN(auto h, tx.cases().history(id));
                   history = h.size();
                   TB_ASSIGN_OR_RETURN(auto o, tx.outbox().pending(1000));
                   for (const auto& e : o) outbox += e.topic == "case.state_changed";
                   TB_ASSIGN_OR_RETURN(auto a, tx.audit().bySubject(*applicant_.userId, 100));
                   for (const auto& e : a) audit += e.action.rfind("case.", 0) == 0;
                   return Status::Ok();
                 })
                  .ok());
  EXPECT_EQ(history, 3u);  // create, submit, accept
  EXPECT_EQ(outbox, 2u);   // submit, accept
  EXPECT_EQ(audit, 3u);    // create, submit, accept
}

TEST_F(CaseServiceTest, LiaisonSubmitsForAnApplicantOnlyWhereProxiesAreAllowed) {
  Actor liaison = staff("liaison.milan@demo.tongban.example");
  auto noProxy = cases_->create(liaison, {.itemCode = "EE-001", .onBehalfOf = applicant_.userId});
  EXPECT_EQ(noProxy.status().fields().at("on_behalf_of").code, "proxy_not_allowed");
  auto ok = cases_->create(liaison, {.itemCode = "EE-005", .onBehalfOf = applicant_.userId});
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  int64_t id = ok->body.at("id").as_int64();
  EXPECT_TRUE(cases_->get(applicant_, id).ok());  // the applicant sees it
  EXPECT_TRUE(cases_->get(liaison, id).ok());
  EXPECT_EQ(cases_->transition(liaison, id, "approve", "", std::nullopt).status().code(),
            StatusCode::kConflict);
}

}  // namespace
}  // namespace tongban::cases
