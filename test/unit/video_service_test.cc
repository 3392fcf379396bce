#include <gtest/gtest.h>

#include "accounts/accounts.h"
#include "cases/case_service.h"
#include "identity/appointment_service.h"
#include "identity/mrz.h"
#include "identity/persons.h"
#include "identity/video_service.h"
#include "test_support.h"

namespace tongban::identity {
namespace {

const char* kMrz1 = "P<CHNZHANG<<WEI<<<<<<<<<<<<<<<<<<<<<<<<<<<<<";
const char* kMrz2 = "E123456782CHN8005067M3001019<<<<<<<<<<<<<<<4";

class VideoServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    config_ = testing::TestConfig(dir_.path());
    testing::SeedForTest(config_, clock_);
    auto db = db::SqliteDatabase::Open({.path = config_.dbPath().string()});
    ASSERT_TRUE(db.ok());
    db_ = std::move(*db);
    auto ref = reference::ReferenceData::Open(*db_);
    ASSERT_TRUE(ref.ok());
    ref_ = std::move(*ref);
    cases_ = std::make_unique<cases::CaseService>(*db_, clock_, *ref_);
    appointments_ = std::make_unique<AppointmentService>(*db_, clock_, *ref_);
    video_ = std::make_unique<VideoService>(*db_, clock_, *ref_);
    accounts::AccountOptions o;
    o.cost = crypto::PasswordCost::Minimum();
    accounts::AccountService accounts(*db_, clock_, o);
    auto u = accounts.registerApplicant({}, "zhang@example.org", "a long enough password",
                                        "Zhang Wei", "");
    ASSERT_TRUE(u.ok());
    applicant_ = {u->id, "applicant", std::nullopt, "account", "t", "ip"};
    db::UserRow off;
    ASSERT_TRUE(db_->read([&](db::Transaction& tx) -> Status {
                     TB_ASSIGN_OR_RETURN(
                         off, tx.users().byEmail("officer.qingtian@demo.tongban.example"));
                     return Status::Ok();
                   })
                    .ok());
    officer_ = {off.id, off.role, off.unitId, "", "t", "ip"};
    // A passport-renewal draft whose form the MRZ is compared with.
    auto c = cases_->create(applicant_, {.itemCode = "EE-002",
                                         .form = {{"surname", "ZHANG"},
                                                  {"given_names", "WEI"},
                                                  {"sex", "M"},
                                                  {"date_of_birth", "1980-05-06"},
                                                  {"passport_number", "E12345678"}}});
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    auto slot =
        appointments_->publish(officer_, {.kind = "video", .startsAt = "2026-11-24T01:00:00.000Z"});
    ASSERT_TRUE(slot.ok());
    auto a = appointments_->book(applicant_, slot->at(0).at("id").as_int64(),
                                 c->body.at("id").as_int64(), false);
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    auto s = video_->join(applicant_, a->at("id").as_int64());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    session_ = s->at("id").as_int64();
    ASSERT_TRUE(video_->join(officer_, a->at("id").as_int64()).ok());
  }

  void goLive() {
    ASSERT_TRUE(video_->connected(applicant_, session_).ok());
    ASSERT_TRUE(video_->connected(officer_, session_).ok());
    ASSERT_TRUE(video_->media(applicant_, session_, "connected", 0, 0, 10).ok());
    auto s = video_->media(officer_, session_, "connected", 640, 480, 25);
    ASSERT_TRUE(s.ok());
    ASSERT_EQ(s->at("state"), "live");
  }
  void passTwoChallenges() {
    for (int i = 0; i < 2; ++i) {
      auto s = video_->challenge(officer_, session_);
      ASSERT_TRUE(s.ok()) << s.status().ToString();
      std::string id;
      for (const auto& e : s->at("events").as_array())
        if (e.at("kind") == "challenge") id = std::string(e.at("detail").at("id").as_string());
      ASSERT_TRUE(video_->challengeResult(officer_, session_, id, true).ok());
    }
  }
  db::UserRow user() {
    db::UserRow u;
    EXPECT_TRUE(db_->read([&](db::Transaction& tx) -> Status {
                     TB_ASSIGN_OR_RETURN(u, tx.users().byId(*applicant_.userId));
                     return Status::Ok();
                   })
                    .ok());
    return u;
  }

  testing::TempDir dir_;
  server::Config config_;
  FakeClock clock_{testing::TestEpoch()};
  std::unique_ptr<db::SqliteDatabase> db_;
  std::unique_ptr<reference::ReferenceData> ref_;
  std::unique_ptr<cases::CaseService> cases_;
  std::unique_ptr<AppointmentService> appointments_;
  std::unique_ptr<VideoService> video_;
  Actor applicant_, officer_;
  int64_t session_ = 0;
};

TEST_F(VideoServiceTest, ApprovalNeedsEveryRuleAndMakesTheAccountVerified) {
  goLive();
  auto early = video_->decide(officer_, session_, true, "");
  ASSERT_EQ(early.status().code(), StatusCode::kConflict);
  EXPECT_TRUE(early.status().fields().count("liveness_challenges_missing"));
  EXPECT_TRUE(early.status().fields().count("mrz_not_matching"));
  EXPECT_TRUE(early.status().fields().count("face_not_confirmed"));
  passTwoChallenges();
  ASSERT_TRUE(video_->checklist(officer_, session_, true, true).ok());
  auto m = video_->mrz(officer_, session_, kMrz1, kMrz2);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->at("mrz").at("matches"), true);
  // Only the officer decides; the applicant cannot approve themselves.
  EXPECT_EQ(video_->decide(applicant_, session_, true, "").status().code(),
            StatusCode::kPermissionDenied);
  auto done = video_->decide(officer_, session_, true, "Documents and face match.");
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_EQ(done->at("state"), "approved");
  EXPECT_EQ(done->at("resolution").at("width"), 640);
  db::UserRow u = user();
  EXPECT_EQ(u.assurance, "verified");
  EXPECT_EQ(u.verifiedBy, officer_.userId);
  EXPECT_NE(u.verificationEvidence.find("supervised_video_session"), std::string::npos);
}

TEST_F(VideoServiceTest, ASideThatDoesNotComeBackWithinTheGracePeriodVoidsTheSession) {
  goLive();
  passTwoChallenges();
  ASSERT_TRUE(video_->checklist(officer_, session_, true, true).ok());
  ASSERT_TRUE(video_->mrz(officer_, session_, kMrz1, kMrz2).ok());
  auto left = video_->disconnected(applicant_, session_);
  ASSERT_TRUE(left.ok());
  // Still live, but waiting for the applicant: both sides are told how long is left.
  EXPECT_EQ(left->at("state"), "live");
  ASSERT_EQ(left->at("reconnecting").as_array().size(), 1u);
  EXPECT_EQ(left->at("reconnecting").as_array()[0].at("who"), "applicant");
  EXPECT_EQ(left->at("reconnecting").as_array()[0].at("seconds_left"), 30);
  clock_.advance(std::chrono::seconds(29));
  auto early = video_->expireInterruptions(session_);
  ASSERT_TRUE(early.ok());
  EXPECT_FALSE(early->changed);
  ASSERT_TRUE(early->next);
  EXPECT_EQ(*early->next, std::chrono::seconds(1));
  EXPECT_EQ(video_->get(officer_, session_)->at("reconnecting").as_array()[0].at("seconds_left"),
            1);
  clock_.advance(std::chrono::seconds(2));
  auto expired = video_->expireInterruptions(session_);
  ASSERT_TRUE(expired.ok());
  ASSERT_TRUE(expired->changed);
  EXPECT_EQ(expired->changed->at("state"), "void");
  EXPECT_EQ(expired->changed->at("void_reason"), "applicant_left");
  EXPECT_FALSE(expired->next);
  // The interruption is stored with its start and the end of the session.
  auto interruptions = expired->changed->at("interruptions").as_array();
  ASSERT_EQ(interruptions.size(), 1u);
  EXPECT_EQ(interruptions[0].at("who"), "applicant");
  EXPECT_EQ(interruptions[0].at("resumed"), false);
  EXPECT_EQ(interruptions[0].at("seconds"), 31.0);
  // Coming back too late changes nothing.
  auto back = video_->connected(applicant_, session_);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->at("state"), "void");
  EXPECT_EQ(video_->decide(officer_, session_, true, "").status().code(), StatusCode::kConflict);
  EXPECT_EQ(user().assurance, "account");
}

TEST_F(VideoServiceTest, ASideThatReconnectsWithinTheGracePeriodContinuesTheSession) {
  goLive();
  passTwoChallenges();
  ASSERT_TRUE(video_->checklist(officer_, session_, true, true).ok());
  ASSERT_TRUE(video_->mrz(officer_, session_, kMrz1, kMrz2).ok());
  ASSERT_TRUE(video_->disconnected(applicant_, session_).ok());
  // The officer's browser notices the video stop as well.
  ASSERT_TRUE(video_->media(officer_, session_, "disconnected", 0, 0, 0).ok());
  clock_.advance(std::chrono::seconds(10));
  // Nobody is approved while someone is away.
  auto refused = video_->decide(officer_, session_, true, "");
  ASSERT_EQ(refused.status().code(), StatusCode::kConflict);
  EXPECT_TRUE(refused.status().fields().count("applicant_reconnecting"));
  EXPECT_TRUE(refused.status().fields().count("media_reconnecting"));
  auto back = video_->connected(applicant_, session_);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->at("state"), "live");
  // Back, but the video is not flowing yet.
  ASSERT_EQ(back->at("reconnecting").as_array().size(), 1u);
  EXPECT_EQ(back->at("reconnecting").as_array()[0].at("who"), "media");
  EXPECT_EQ(video_->decide(officer_, session_, true, "").status().code(), StatusCode::kConflict);
  clock_.advance(std::chrono::seconds(3));
  auto flowing = video_->media(officer_, session_, "connected", 640, 480, 12);
  ASSERT_TRUE(flowing.ok());
  EXPECT_TRUE(flowing->at("reconnecting").as_array().empty());
  EXPECT_TRUE(flowing->at("blockers").as_array().empty())
      << json::serialize(flowing->at("blockers"));
  // The deadline that was pending no longer voids anything.
  clock_.advance(std::chrono::seconds(60));
  auto later = video_->expireInterruptions(session_);
  ASSERT_TRUE(later.ok());
  EXPECT_FALSE(later->changed);
  EXPECT_FALSE(later->next);
  auto interruptions = flowing->at("interruptions").as_array();
  ASSERT_EQ(interruptions.size(), 2u);
  for (const auto& i : interruptions) EXPECT_EQ(i.at("resumed"), true);
  EXPECT_EQ(interruptions[0].at("who"), "applicant");
  EXPECT_EQ(interruptions[0].at("seconds"), 10.0);
  EXPECT_EQ(interruptions[1].at("who"), "media");
  EXPECT_EQ(interruptions[1].at("seconds"), 13.0);
  auto done = video_->decide(officer_, session_, true, "Reconnected within the grace period.");
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_EQ(done->at("state"), "approved");
  EXPECT_EQ(user().assurance, "verified");
}

TEST_F(VideoServiceTest, VideoThatDoesNotComeBackVoidsTheSession) {
  goLive();
  ASSERT_TRUE(video_->media(applicant_, session_, "failed", 0, 0, 0).ok());
  auto s = video_->media(officer_, session_, "disconnected", 0, 0, 0);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->at("state"), "live");
  // The officer sees frames again, but the applicant does not yet: still interrupted.
  auto half = video_->media(officer_, session_, "connected", 640, 480, 5);
  ASSERT_EQ(half->at("reconnecting").as_array().size(), 1u);
  clock_.advance(std::chrono::seconds(31));
  auto expired = video_->expireInterruptions(session_);
  ASSERT_TRUE(expired.ok() && expired->changed);
  EXPECT_EQ(expired->changed->at("void_reason"), "media_lost");
}

TEST_F(VideoServiceTest, HangingUpEndsALiveSessionAtOnce) {
  goLive();
  auto s = video_->hangUp(applicant_, session_);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->at("state"), "void");
  EXPECT_EQ(s->at("void_reason"), "applicant_hung_up");
  EXPECT_TRUE(s->at("reconnecting").as_array().empty());
}

TEST_F(VideoServiceTest, AnInvalidMrzBlocksApproval) {
  goLive();
  auto bad = video_->mrz(officer_, session_, kMrz1, "E123456782CHN8005067M3001019<<<<<<<<<<<<<<<5");
  ASSERT_TRUE(bad.ok());
  EXPECT_EQ(bad->at("mrz").at("valid"), false);
  EXPECT_EQ(bad->at("mrz").at("summary"), "invalid");
  EXPECT_EQ(
      video_->decide(officer_, session_, true, "").status().fields().count("mrz_not_matching"), 1u);
}

TEST_F(VideoServiceTest, TheMrzIsComparedOnlyWithTheFieldsTheApplicationHas) {
  // A first passport: the form has no passport number (it asks for the ID card number).
  auto c = cases_->create(applicant_, {.itemCode = "EE-001",
                                       .form = {{"surname", "ZHANG"},
                                                {"given_names", "WEI"},
                                                {"sex", "M"},
                                                {"date_of_birth", "1980-05-06"}}});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  auto slot =
      appointments_->publish(officer_, {.kind = "video", .startsAt = "2026-11-24T03:00:00.000Z"});
  ASSERT_TRUE(slot.ok());
  auto a = appointments_->book(applicant_, slot->at(0).at("id").as_int64(),
                               c->body.at("id").as_int64(), false);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  auto s = video_->join(applicant_, a->at("id").as_int64());
  ASSERT_TRUE(s.ok());
  session_ = s->at("id").as_int64();
  ASSERT_TRUE(video_->join(officer_, a->at("id").as_int64()).ok());
  goLive();
  auto checked = video_->mrz(officer_, session_, kMrz1, kMrz2);
  ASSERT_TRUE(checked.ok());
  const auto& mrz = checked->at("mrz").as_object();
  EXPECT_EQ(mrz.at("valid"), true);
  EXPECT_EQ(mrz.at("matches"), true);
  EXPECT_EQ(mrz.at("summary"), "matches");
  std::set<std::string> compared, missing;
  for (const auto& row : mrz.at("comparison").as_array()) {
    compared.insert(std::string(row.at("field").as_string()));
    EXPECT_EQ(row.at("match"), true) << json::serialize(row);
  }
  for (const auto& row : mrz.at("not_compared").as_array()) {
    missing.insert(std::string(row.at("field").as_string()));
    EXPECT_EQ(row.at("reason"), "not_on_form");
  }
  EXPECT_EQ(compared, (std::set<std::string>{"surname", "given_names", "sex", "date_of_birth"}));
  EXPECT_EQ(missing, (std::set<std::string>{"passport_number", "passport_expiry"}));
  // Nothing about the MRZ stands in the way of approval.
  for (const auto& b : checked->at("blockers").as_array()) EXPECT_NE(b, "mrz_not_matching");
}

TEST_F(VideoServiceTest, AnMrzThatDiffersFromTheFormSaysWhereAndBlocksApproval) {
  goLive();
  // The MRZ of another passport: same person, number E12345679 instead of the form's E12345678.
  auto checked =
      video_->mrz(officer_, session_, kMrz1, "E123456793CHN8005067M3001019<<<<<<<<<<<<<<<2");
  ASSERT_TRUE(checked.ok());
  const auto& mrz = checked->at("mrz").as_object();
  ASSERT_EQ(mrz.at("valid"), true) << json::serialize(mrz);
  EXPECT_EQ(mrz.at("matches"), false);
  EXPECT_EQ(mrz.at("summary"), "mismatch");
  std::vector<std::string> wrong;
  for (const auto& row : mrz.at("comparison").as_array())
    if (!row.at("match").as_bool()) wrong.push_back(std::string(row.at("field").as_string()));
  EXPECT_EQ(wrong, std::vector<std::string>{"passport_number"});
  // The renewal form has no expiry date filled in: said so, not counted against the MRZ.
  bool expiryEmpty = false;
  for (const auto& row : mrz.at("not_compared").as_array())
    expiryEmpty =
        expiryEmpty || (row.at("field") == "passport_expiry" && row.at("reason") == "empty");
  EXPECT_TRUE(expiryEmpty) << json::serialize(mrz.at("not_compared"));
  bool blocked = false;
  for (const auto& b : checked->at("blockers").as_array())
    blocked = blocked || b == "mrz_not_matching";
  EXPECT_TRUE(blocked);
}

TEST_F(VideoServiceTest, NamesAreComparedAsTheMrzWritesThem) {
  Mrz m;
  m.surname = "OUYANG";
  m.givenNames = "LI NA";
  catalog::Item item;
  item.fields.push_back({.name = "surname"});
  item.fields.push_back({.name = "given_names"});
  auto r = CompareMrzWithApplication(m, &item, {{"surname", " ouyang "}, {"given_names", "Li-Na"}});
  EXPECT_EQ(r.at("summary"), "matches");
  r = CompareMrzWithApplication(m, &item, {{"surname", "OU YANG"}, {"given_names", "LINA"}});
  EXPECT_EQ(r.at("summary"), "mismatch");
  EXPECT_EQ(CompareMrzWithApplication(m, nullptr, {}).at("summary"), "no_application");
  EXPECT_EQ(CompareMrzWithApplication(m, &item, {}).at("summary"), "nothing_compared");
}

TEST_F(VideoServiceTest, CoercionFlagBlocksApprovalAndRecordingNeedsConsent) {
  goLive();
  EXPECT_EQ(video_->recording(officer_, session_, true).status().code(), StatusCode::kConflict);
  ASSERT_TRUE(video_->consent(applicant_, session_, true).ok());
  EXPECT_EQ(video_->recording(officer_, session_, true)->at("recording"), true);
  EXPECT_EQ(video_->consent(applicant_, session_, false)->at("recording"),
            false);  // withdrawal stops it
  passTwoChallenges();
  ASSERT_TRUE(video_->checklist(officer_, session_, true, true).ok());
  ASSERT_TRUE(video_->mrz(officer_, session_, kMrz1, kMrz2).ok());
  ASSERT_TRUE(video_->coercion(officer_, session_, "someone off-screen is prompting").ok());
  auto r = video_->decide(officer_, session_, true, "");
  EXPECT_TRUE(r.status().fields().count("coercion_flagged"));
  EXPECT_TRUE(
      video_->decide(officer_, session_, false, "Possible coercion; invite to a window visit.")
          .ok());
}

TEST_F(VideoServiceTest, AProxySessionDoesNotChangeTheApplicantsOwnAssurance) {
  auto slot =
      appointments_->publish(officer_, {.kind = "video", .startsAt = "2026-11-24T02:00:00.000Z"});
  ASSERT_TRUE(slot.ok());
  auto a = appointments_->book(applicant_, slot->at(0).at("id").as_int64(), std::nullopt, false);
  ASSERT_TRUE(a.ok());
  auto s = video_->join(applicant_, a->at("id").as_int64(), "proxy");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->at("subject"), "proxy");
  EXPECT_FALSE(video_->join(applicant_, a->at("id").as_int64(), "someone").ok());
  session_ = s->at("id").as_int64();
  ASSERT_TRUE(video_->join(officer_, a->at("id").as_int64()).ok());
  goLive();
  passTwoChallenges();
  ASSERT_TRUE(video_->checklist(officer_, session_, true, true).ok());
  ASSERT_TRUE(
      video_->mrz(officer_, session_, kMrz1, kMrz2).ok());  // no linked form: a valid MRZ suffices
  auto done = video_->decide(officer_, session_, true, "proxy confirmed");
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_EQ(done->at("state"), "approved");
  EXPECT_EQ(user().assurance, "account");
}

TEST_F(VideoServiceTest, AFamilyCheckVerifiesAPersonWithoutAnAccountWhomTheRelativeMayThenName) {
  auto slot =
      appointments_->publish(officer_, {.kind = "video", .startsAt = "2026-11-24T03:00:00.000Z"});
  ASSERT_TRUE(slot.ok());
  auto a = appointments_->book(applicant_, slot->at(0).at("id").as_int64(), std::nullopt, false);
  ASSERT_TRUE(a.ok());
  int64_t appt = a->at("id").as_int64();
  json::object grandmother{{"name", "王秀英"},
                           {"name_latin", "wang xiuying"},
                           {"id_number", "33112119480517102x"},
                           {"birth_date", "1948-05-17"},
                           {"phone", "+86 578 1234567"},
                           {"relationship", "grandparent"}};
  // The details are checked field by field: a wrong check character, a birth date the number
  // does not hold, a family check without a person.
  json::object typo = grandmother;
  typo["id_number"] = "331121194805171028";
  auto bad = video_->join(applicant_, appt, "family", typo);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().fields().at("person.id_number").code, "checksum");
  json::object otherDay = grandmother;
  otherDay["birth_date"] = "1948-05-18";
  EXPECT_EQ(video_->join(applicant_, appt, "family", otherDay)
                .status()
                .fields()
                .at("person.id_number")
                .code,
            "birth_date_mismatch");
  EXPECT_EQ(video_->join(applicant_, appt, "family").status().fields().at("person").code,
            "required");
  EXPECT_EQ(video_->join(applicant_, appt, "self", grandmother).status().fields().at("person").code,
            "forbidden");
  auto s = video_->join(applicant_, appt, "family", grandmother);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->at("subject"), "family");
  EXPECT_EQ(s->at("person").at("name"), "王秀英");
  EXPECT_EQ(s->at("person").at("name_latin"), "wang xiuying");
  // A lower-case x is stored as the card prints it.
  EXPECT_EQ(s->at("person").at("id_number"), "33112119480517102X");
  session_ = s->at("id").as_int64();
  // Joining again without naming a subject keeps the family check.
  EXPECT_EQ(video_->join(applicant_, appt)->at("subject"), "family");
  ASSERT_TRUE(video_->join(officer_, appt).ok());
  goLive();
  passTwoChallenges();
  ASSERT_TRUE(video_->checklist(officer_, session_, true, true).ok());
  // No passport MRZ is read, but the officer must note that the person and the relative are
  // both on the call.
  auto early = video_->decide(officer_, session_, true, "");
  ASSERT_EQ(early.status().code(), StatusCode::kConflict);
  EXPECT_FALSE(early.status().fields().count("mrz_not_matching"));
  EXPECT_TRUE(early.status().fields().count("subject_not_present"));
  EXPECT_TRUE(early.status().fields().count("account_holder_not_present"));
  EXPECT_FALSE(
      video_
          ->checklist(officer_, session_, true, true, json::object{{"subject", true}, {"who", "x"}})
          .ok());
  auto noted = video_->checklist(
      officer_, session_, true, true,
      json::object{{"subject", true}, {"account_holder", true}, {"others", "her neighbour"}});
  ASSERT_TRUE(noted.ok()) << noted.status().ToString();
  EXPECT_EQ(noted->at("checklist").at("present").at("others"), "her neighbour");
  auto done = video_->decide(officer_, session_, true, "ID card and face match.");
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  int64_t personId = done->at("person").at("person_id").as_int64();
  // The relative's own assurance is untouched; the person is on file for them.
  EXPECT_EQ(user().assurance, "account");
  PersonService persons(*db_, clock_, *ref_);
  auto mine = persons.mine(applicant_);
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ(mine->at(0).at("id"), personId);
  EXPECT_EQ(mine->at(0).at("relationship"), "grandparent");
  EXPECT_EQ(mine->at(0).at("id_number"), "331***********102X");
  db::PersonRow row;
  ASSERT_TRUE(db_->read([&](db::Transaction& tx) -> Status {
                   TB_ASSIGN_OR_RETURN(row, tx.persons().byId(personId));
                   return Status::Ok();
                 })
                  .ok());
  EXPECT_EQ(row.verifiedBy, *officer_.userId);
  EXPECT_NE(row.presentJson.find("her neighbour"), std::string::npos);

  // An application for her names her; nobody else may name her.
  auto forHer = cases_->create(applicant_, {.itemCode = "EE-005", .personId = personId});
  ASSERT_TRUE(forHer.ok()) << forHer.status().ToString();
  auto view = cases_->get(applicant_, forHer->body.at("id").as_int64());
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(view->at("for_person").at("name"), "王秀英");
  EXPECT_EQ(view->at("for_person").at("relationship"), "grandparent");
  accounts::AccountOptions o;
  o.cost = crypto::PasswordCost::Minimum();
  accounts::AccountService accounts(*db_, clock_, o);
  auto other = accounts.registerApplicant({}, "li@example.org", "a long enough password", "Li", "");
  ASSERT_TRUE(other.ok());
  Actor stranger{other->id, "applicant", std::nullopt, "account", "t", "ip"};
  auto refused = cases_->create(stranger, {.itemCode = "EE-005", .personId = personId});
  EXPECT_EQ(refused.status().fields().at("person_id").code, "unknown");
}

TEST_F(VideoServiceTest, ChallengesAreRandomAndLoggedWithTimes) {
  goLive();
  std::set<std::string> keys;
  for (int i = 0; i < 12; ++i) {
    auto s = video_->challenge(officer_, session_);
    ASSERT_TRUE(s.ok());
    for (const auto& e : s->at("events").as_array())
      if (e.at("kind") == "challenge") {
        keys.insert(std::string(e.at("detail").at("key").as_string()));
        EXPECT_FALSE(e.at("at").as_string().empty());
        EXPECT_FALSE(e.at("detail").at("text").at("zh").as_string().empty());
      }
  }
  EXPECT_GT(keys.size(), 2u);
  EXPECT_EQ(video_->challenge(applicant_, session_).status().code(), StatusCode::kPermissionDenied);
}

}  // namespace
}  // namespace tongban::identity
