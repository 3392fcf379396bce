#include <gtest/gtest.h>

#include <map>
#include <set>

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
    auto ref = reference::ReferenceData::Open(*db_);
    ASSERT_TRUE(ref.ok()) << ref.status().ToString();
    ref_ = std::move(*ref);
    cases_ = std::make_unique<CaseService>(*db_, clock_, *ref_);
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
    auto ref = ref_->get();
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
                       db::DocumentRow row{
                           0,  *who.userId,       id,  d.type,      std::string(64, 'a'),
                           10, "application/pdf", "x", TimePoint{}, *who.userId};
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
  std::unique_ptr<reference::ReferenceData> ref_;
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
  ASSERT_EQ(queue->cases.size(), 1u);
  EXPECT_EQ(queue->cases.at(0).at("id"), id);
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
  auto approved = act(officer_, id, "approve");
  EXPECT_EQ(approved.at("state"), "pending_second");
  // The case now waits for a supervisor, not for the officer who approved it.
  EXPECT_EQ(approved.at("holder").at("party"), "unit");
  EXPECT_EQ(approved.at("holder").at("role"), "supervisor");
  EXPECT_FALSE(approved.at("holder").as_object().contains("officer"));
  EXPECT_EQ(cases_->transition(officer_, id, "second_sign", "", std::nullopt).status().code(),
            StatusCode::kPermissionDenied);
  auto signed_ = act(supervisor_, id, "second_sign");
  EXPECT_EQ(signed_.at("state"), "approved");
  // Issuing is the assigned officer's step again.
  EXPECT_EQ(signed_.at("holder").at("role"), "officer");
  EXPECT_EQ(signed_.at("holder").at("officer"), "Officer Chen (Qingtian)");
}

TEST_F(CaseServiceTest, StaffReadTheCaseFromTheirOwnPointOfView) {
  int64_t id = submitted("EE-001", applicant_);
  act(officer_, id, "accept");
  act(officer_, id, "start_review");
  auto asked = act(officer_, id, "request_supplement", "a clearer photo, please");
  // Waiting for the applicant: staff and the applicant both see whose turn it is.
  EXPECT_EQ(asked.at("holder").at("party"), "applicant");
  const auto& timeline = asked.at("timeline").as_array();
  // The officer sees their own steps as theirs, with their name; the applicant's as the
  // applicant's.
  EXPECT_EQ(timeline.back().at("by_you"), true);
  EXPECT_EQ(timeline.back().at("actor_name"), "Officer Chen (Qingtian)");
  EXPECT_EQ(timeline.front().at("by_you"), false);
  EXPECT_FALSE(timeline.front().as_object().contains("actor_name"));
  EXPECT_EQ(asked.at("applicant_name"), "Applicant");
  EXPECT_EQ(asked.at("assignee").at("name"), "Officer Chen (Qingtian)");
  // The applicant sees roles, never staff names, and their own steps as theirs.
  auto own = cases_->get(applicant_, id);
  ASSERT_TRUE(own.ok());
  const auto& mine = own->at("timeline").as_array();
  EXPECT_EQ(mine.front().at("by_you"), true);
  EXPECT_EQ(mine.back().at("by_you"), false);
  EXPECT_FALSE(mine.back().as_object().contains("actor_name"));
  EXPECT_FALSE(own->contains("assignee"));
  EXPECT_FALSE(own->contains("applicant_name"));
  // The officer's open actions say what they do, for the confirmation dialog.
  auto review = cases_->get(supervisor_, id);
  ASSERT_TRUE(review.ok());
  EXPECT_TRUE(review->at("action_details").as_array().empty());  // waiting for the applicant
}

TEST_F(CaseServiceTest, ActionDetailsSayWhatEachActionDoes) {
  int64_t id = submitted("EE-001", applicant_);
  act(officer_, id, "accept");
  auto c = act(officer_, id, "start_review");
  std::map<std::string, json::object> byAction;
  for (const auto& d : c.at("action_details").as_array())
    byAction[std::string(d.at("action").as_string())] = d.as_object();
  ASSERT_TRUE(byAction.count("approve"));
  EXPECT_EQ(byAction["approve"].at("notifies_applicant"), true);
  EXPECT_EQ(byAction["approve"].at("final"), true);
  EXPECT_EQ(byAction["reject"].at("note_required"), true);
  EXPECT_EQ(byAction["request_supplement"].at("final"), false);
}

TEST_F(CaseServiceTest, OfficersTakeCasesAndSupervisorsAssignThem) {
  int64_t id = submitted("EE-001", applicant_);
  // A second officer of the same unit.
  db::UserRow colleague;
  colleague.email = "officer2.qingtian@example.org";
  colleague.passwordHash = "x";
  colleague.displayName = "Officer Li";
  colleague.role = "officer";
  colleague.unitId = officer_.unitId;
  colleague.assurance = "verified";
  colleague.locale = "zh-CN";
  colleague.createdAt = *ParseTimestamp("2026-11-01T00:00:00Z");
  ASSERT_TRUE(db_->write([&](db::Transaction& tx) -> Status {
                   TB_ASSIGN_OR_RETURN(colleague.id, tx.users().insert(colleague));
                   return Status::Ok();
                 })
                  .ok());
  Actor li = actorOf(colleague);

  auto candidates = cases_->assignable(supervisor_, id);
  ASSERT_TRUE(candidates.ok()) << candidates.status().ToString();
  std::set<std::string> names;
  for (const auto& u : *candidates) names.insert(std::string(u.at("name").as_string()));
  EXPECT_TRUE(names.count("Officer Li"));
  EXPECT_TRUE(names.count("Officer Chen (Qingtian)"));
  EXPECT_FALSE(names.count("Officer Wang (Wenzhou)"));  // another unit

  // Li takes the case; Chen cannot take it from Li, nor give it to anyone.
  auto taken = cases_->assign(li, id, li.userId, std::nullopt);
  ASSERT_TRUE(taken.ok()) << taken.status().ToString();
  EXPECT_EQ(taken->at("assignee").at("name"), "Officer Li");
  EXPECT_EQ(cases_->assign(officer_, id, officer_.userId, std::nullopt).status().code(),
            StatusCode::kConflict);
  EXPECT_EQ(cases_->assign(officer_, id, li.userId, std::nullopt).status().code(),
            StatusCode::kPermissionDenied);
  // Officers of another unit do not even see it; applicants may not assign.
  EXPECT_TRUE(cases_->assign(wenzhou_, id, wenzhou_.userId, std::nullopt).status().IsNotFound());
  EXPECT_EQ(cases_->assign(applicant_, id, std::nullopt, std::nullopt).status().code(),
            StatusCode::kPermissionDenied);
  // The supervisor reassigns to Chen; someone outside the unit is refused.
  EXPECT_EQ(cases_->assign(supervisor_, id, wenzhou_.userId, std::nullopt).status().code(),
            StatusCode::kInvalidArgument);
  auto moved = cases_->assign(supervisor_, id, officer_.userId, std::nullopt);
  ASSERT_TRUE(moved.ok());
  EXPECT_EQ(moved->at("assignee").at("name"), "Officer Chen (Qingtian)");
  // Chen gives it back; it is nobody's again and shows in the "not assigned" queue.
  auto back = cases_->assign(officer_, id, std::nullopt, std::nullopt);
  ASSERT_TRUE(back.ok());
  EXPECT_TRUE(back->at("assignee").is_null());
  auto unassigned = cases_->queue(officer_, {.assignee = "none"});
  ASSERT_TRUE(unassigned.ok());
  ASSERT_EQ(unassigned->cases.size(), 1u);
  EXPECT_EQ(unassigned->cases[0].at("id"), id);
  auto mine = cases_->queue(officer_, {.assignee = "me"});
  ASSERT_TRUE(mine.ok());
  EXPECT_TRUE(mine->cases.empty());
  // Every change is audited.
  int assigns = 0;
  ASSERT_TRUE(db_->read([&](db::Transaction& tx) -> Status {
                   TB_ASSIGN_OR_RETURN(auto events, tx.audit().bySubject(*applicant_.userId, 100));
                   for (const auto& e : events) assigns += e.action == "case.assign";
                   return Status::Ok();
                 })
                  .ok());
  EXPECT_EQ(assigns, 3);
}

TEST_F(CaseServiceTest, UrgentCasesNeedAReasonAndLeadTheQueue) {
  int64_t first = submitted("EE-001", applicant_);
  int64_t second = submitted("EE-001", applicant_);
  auto before = cases_->queue(officer_, {.sort = "oldest"});
  ASSERT_TRUE(before.ok());
  ASSERT_EQ(before->cases.size(), 2u);
  EXPECT_EQ(before->cases[0].at("id"), first);
  EXPECT_EQ(cases_->setPriority(officer_, second, "urgent", "  ", std::nullopt).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(cases_->setPriority(officer_, second, "soon", "x", std::nullopt).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(cases_->setPriority(applicant_, second, "urgent", "x", std::nullopt).status().code(),
            StatusCode::kPermissionDenied);
  auto urgent = cases_->setPriority(officer_, second, "urgent", "flight on Friday", std::nullopt);
  ASSERT_TRUE(urgent.ok()) << urgent.status().ToString();
  EXPECT_EQ(urgent->at("priority"), "urgent");
  const auto& last = urgent->at("timeline").as_array().back();
  EXPECT_EQ(last.at("action"), "priority_urgent");
  EXPECT_EQ(last.at("note"), "flight on Friday");
  auto after = cases_->queue(officer_, {.sort = "oldest"});
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->cases[0].at("id"), second);
  EXPECT_EQ(cases_->setPriority(officer_, second, "urgent", "again", std::nullopt).status().code(),
            StatusCode::kConflict);
}

TEST_F(CaseServiceTest, TheQueueIsSearchedSortedAndPaged) {
  int64_t first = submitted("EE-001", applicant_);
  Actor other = newApplicant("lucia@example.org", "verified");
  ASSERT_TRUE(db_->write([&](db::Transaction& tx) -> Status {
                   TB_ASSIGN_OR_RETURN(auto u, tx.users().byId(*other.userId));
                   u.displayName = "Lucia Bianchi";
                   return tx.users().update(u);
                 })
                  .ok());
  clock_.advance(std::chrono::minutes(5));
  int64_t second = submitted("EE-001", other);
  auto get = [&](const QueueRequest& q) {
    auto r = cases_->queue(officer_, q);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    std::vector<int64_t> ids;
    if (r.ok())
      for (const auto& c : r->cases) ids.push_back(c.at("id").as_int64());
    return ids;
  };
  EXPECT_EQ(get({.text = "bianchi"}), std::vector<int64_t>{second});
  EXPECT_EQ(get({.text = "LUCIA@example"}), std::vector<int64_t>{second});
  auto one = cases_->get(officer_, first);
  ASSERT_TRUE(one.ok());
  std::string caseNo(one->at("case_no").as_string());
  EXPECT_EQ(get({.text = caseNo}), std::vector<int64_t>{first});
  EXPECT_EQ(get({.text = "nobody-by-this-name"}), std::vector<int64_t>{});
  EXPECT_EQ(get({.sort = "newest"}), (std::vector<int64_t>{second, first}));
  EXPECT_EQ(get({.sort = "oldest"}), (std::vector<int64_t>{first, second}));
  auto page = cases_->queue(officer_, {.sort = "oldest", .limit = 1});
  ASSERT_TRUE(page.ok());
  EXPECT_TRUE(page->more);
  auto next = cases_->queue(officer_, {.sort = "oldest", .limit = 1, .offset = 1});
  ASSERT_TRUE(next.ok());
  EXPECT_FALSE(next->more);
  ASSERT_EQ(next->cases.size(), 1u);
  EXPECT_EQ(next->cases[0].at("id"), second);
  EXPECT_EQ(cases_->queue(officer_, {.sort = "random"}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(cases_->queue(officer_, {.assignee = "someone"}).status().code(),
            StatusCode::kInvalidArgument);
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

//! Refuses `issue` the way an unpaid fee does.
class HoldIssue final : public CaseHook {
 public:
  Status before(db::Transaction&, const Actor&, const db::CaseRow&, const catalog::Item&,
                const std::string& action, const std::string&) override {
    if (action != "issue") return Status::Ok();
    return Status(StatusCode::kConflict, "the fee has not been paid", {{"fee", {"unpaid", "pay"}}});
  }
};

TEST_F(CaseServiceTest, AnInstantItemWhoseIssueIsHeldWaitsApprovedInsteadOfFailing) {
  HoldIssue hold;
  cases_->addHook(&hold);
  auto c = cases_->create(applicant_, {.itemCode = "EE-011",
                                       .form = {{"surname", "ZHANG"},
                                                {"given_names", "WEI"},
                                                {"sex", "M"},
                                                {"date_of_birth", "1980-05-06"},
                                                {"phone", "+39 02 1234 5678"},
                                                {"id_number", "33112119800506001X"},
                                                {"period_from", "2020-01-01"},
                                                {"period_to", "2026-01-01"}},
                                       .submit = true});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->body.at("state"), "approved");
  auto issue = cases_->transition(officer_, c->body.at("id").as_int64(), "issue", "", std::nullopt);
  EXPECT_EQ(issue.status().code(), StatusCode::kConflict);
  EXPECT_EQ(issue.status().fields().at("fee").code, "unpaid");
}

TEST_F(CaseServiceTest, LiaisonSubmitsForThePersonAtTheDeskOnlyWithTheirConfirmedConsent) {
  Actor liaison = staff("liaison.milan@demo.tongban.example");
  auto noConsent = cases_->create(liaison, {.itemCode = "EE-005", .onBehalfOf = applicant_.userId});
  ASSERT_TRUE(noConsent.status().fields().count("consent_id")) << noConsent.status().ToString();
  EXPECT_EQ(noConsent.status().fields().at("consent_id").code, "required");
  // A consent as identity/persons.cc leaves it once the person read out the code.
  auto consentFor = [&](const std::string& item, const std::string& status) {
    db::AssistConsentRow k;
    k.applicantId = *applicant_.userId;
    k.officerId = *liaison.userId;
    k.itemCode = item;
    k.status = status;
    k.createdAt = clock_.now();
    k.expiresAt = clock_.now() + std::chrono::minutes(10);
    if (status == "confirmed") k.confirmedAt = clock_.now();
    int64_t id = 0;
    EXPECT_TRUE(db_->write([&](db::Transaction& tx) -> Status {
                     TB_ASSIGN_OR_RETURN(id, tx.assistConsents().insert(k));
                     return Status::Ok();
                   })
                    .ok());
    return id;
  };
  auto pending = cases_->create(liaison, {.itemCode = "EE-005",
                                          .onBehalfOf = applicant_.userId,
                                          .consentId = consentFor("EE-005", "pending")});
  EXPECT_EQ(pending.status().fields().at("consent_id").code, "not_confirmed");
  auto otherItem = cases_->create(liaison, {.itemCode = "EE-005",
                                            .onBehalfOf = applicant_.userId,
                                            .consentId = consentFor("EE-001", "confirmed")});
  EXPECT_EQ(otherItem.status().fields().at("consent_id").code, "other_item");
  int64_t consent = consentFor("EE-005", "confirmed");
  auto ok = cases_->create(
      liaison, {.itemCode = "EE-005", .onBehalfOf = applicant_.userId, .consentId = consent});
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  // A consent is for one application.
  auto again = cases_->create(
      liaison, {.itemCode = "EE-005", .onBehalfOf = applicant_.userId, .consentId = consent});
  EXPECT_EQ(again.status().fields().at("consent_id").code, "used");
  int64_t id = ok->body.at("id").as_int64();
  EXPECT_TRUE(cases_->get(applicant_, id).ok());  // the applicant sees it
  EXPECT_TRUE(cases_->get(liaison, id).ok());
  EXPECT_EQ(cases_->transition(liaison, id, "approve", "", std::nullopt).status().code(),
            StatusCode::kConflict);
}

}  // namespace
}  // namespace tongban::cases
