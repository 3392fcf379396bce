#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "accounts/accounts.h"
#include "identity/appointment_service.h"
#include "test_support.h"

namespace tongban::identity {
namespace {

class AppointmentTest : public ::testing::Test {
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
    service_ = std::make_unique<AppointmentService>(*db_, clock_, *ref_);
    accounts::AccountOptions o;
    o.cost = crypto::PasswordCost::Minimum();
    accounts_ = std::make_unique<accounts::AccountService>(*db_, clock_, o);
    officer_ = staff("officer.qingtian@demo.tongban.example");
  }
  Actor staff(const std::string& email) {
    db::UserRow u;
    EXPECT_TRUE(db_->read([&](db::Transaction& tx) -> Status {
                     TB_ASSIGN_OR_RETURN(u, tx.users().byEmail(email));
                     return Status::Ok();
                   })
                    .ok());
    return {u.id, u.role, u.unitId, u.assurance, "t", "ip"};
  }
  Actor applicant(const std::string& email) {
    auto u = accounts_->registerApplicant({}, email, "a long enough password", "A", "");
    EXPECT_TRUE(u.ok());
    return {u->id, "applicant", std::nullopt, "account", "t", "ip"};
  }
  int64_t publishOne(bool care = false, const std::string& kind = "video") {
    PublishRequest r{.kind = kind,
                     .startsAt = "2026-11-24T01:00:00.000Z",
                     .durationMinutes = 20,
                     .count = 1,
                     .care = care};
    auto out = service_->publish(officer_, r);
    EXPECT_TRUE(out.ok()) << out.status().ToString();
    return out.ok() ? out->at(0).at("id").as_int64() : 0;
  }
  testing::TempDir dir_;
  server::Config config_;
  FakeClock clock_{testing::TestEpoch()};
  std::unique_ptr<db::SqliteDatabase> db_;
  std::unique_ptr<reference::ReferenceData> ref_;
  std::unique_ptr<AppointmentService> service_;
  std::unique_ptr<accounts::AccountService> accounts_;
  Actor officer_;
};

TEST_F(AppointmentTest, PublishesConsecutiveSlotsInTheOfficersUnit) {
  PublishRequest r{
      .kind = "window", .startsAt = "2026-11-24T01:00:00.000Z", .durationMinutes = 15, .count = 4};
  auto out = service_->publish(officer_, r);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_EQ(out->size(), 4u);
  EXPECT_EQ(out->at(3).at("starts_at"), "2026-11-24T01:45:00.000Z");
  EXPECT_EQ(out->at(3).at("ends_at"), "2026-11-24T02:00:00.000Z");
  // Not in the past, not in another unit, not by an applicant.
  r.startsAt = "2026-11-22T01:00:00.000Z";
  EXPECT_TRUE(service_->publish(officer_, r).status().fields().count("starts_at"));
  Actor a = applicant("p@example.org");
  EXPECT_EQ(service_->publish(a, r).status().code(), StatusCode::kPermissionDenied);
  r.startsAt = "2026-11-24T01:00:00.000Z";
  r.unitId = staff("officer.wenzhou@demo.tongban.example").unitId;
  EXPECT_EQ(service_->publish(officer_, r).status().fields().at("unit_id").code, "forbidden");
}

TEST_F(AppointmentTest, ConcurrentBookingsOfOneSlotYieldExactlyOneAppointment) {
  int64_t slot = publishOne();
  constexpr int kApplicants = 12;
  std::vector<Actor> people;
  for (int i = 0; i < kApplicants; ++i)
    people.push_back(applicant("race" + std::to_string(i) + "@example.org"));
  std::atomic<int> ok{0}, conflict{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < kApplicants; ++i)
    threads.emplace_back([&, i] {
      while (!go) std::this_thread::yield();
      auto r = service_->book(people[i], slot, std::nullopt, false);
      if (r.ok())
        ++ok;
      else if (r.status().code() == StatusCode::kConflict)
        ++conflict;
    });
  go = true;
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(conflict.load(), kApplicants - 1);
}

TEST_F(AppointmentTest, RescheduleMovesAtomicallyAndCancelFreesTheSlot) {
  int64_t first = publishOne();
  int64_t second = publishOne();
  Actor a = applicant("mover@example.org");
  Actor b = applicant("other@example.org");
  auto booked = service_->book(a, first, std::nullopt, false);
  ASSERT_TRUE(booked.ok());
  ASSERT_TRUE(service_->book(b, second, std::nullopt, false).ok());
  // The target is taken: the old booking stays.
  auto blocked = service_->reschedule(a, booked->at("id").as_int64(), second, false);
  EXPECT_EQ(blocked.status().code(), StatusCode::kConflict);
  auto mine = service_->list(a);
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ(mine->at(0).at("status"), "booked");
  // Someone else cannot cancel it; the owner can, and the slot is free again.
  EXPECT_TRUE(service_->cancel(b, booked->at("id").as_int64()).status().IsNotFound());
  ASSERT_TRUE(service_->cancel(a, booked->at("id").as_int64()).ok());
  EXPECT_TRUE(service_->book(b, first, std::nullopt, false).ok());
}

TEST_F(AppointmentTest, CareWindowsAskForTheDeclarationAndRemindersGoOnce) {
  int64_t care = publishOne(/*care=*/true, "window");
  Actor a = applicant("elder@example.org");
  EXPECT_EQ(service_->book(a, care, std::nullopt, false).status().fields().at("care").code,
            "required");
  ASSERT_TRUE(service_->book(a, care, std::nullopt, true).ok());
  // The slot is 23 hours away from the test epoch: within the 24-hour reminder horizon.
  EXPECT_EQ(*service_->sendReminders(std::chrono::hours(24)), 1u);
  EXPECT_EQ(*service_->sendReminders(std::chrono::hours(24)), 0u);
  EXPECT_FALSE(service_->list(a)->at(0).at("reminder_sent_at").is_null());
}

}  // namespace
}  // namespace tongban::identity
