// The reference data's one write: an administrator's edit of a catalogue item, saved with its
// audit event and visible in the next snapshot.
#include <gtest/gtest.h>

#include "db/sqlite/sqlite_database.h"
#include "reference/reference.h"
#include "test_support.h"

namespace tongban::reference {
namespace {

class CatalogEditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    config_ = testing::TestConfig(dir_.path());
    testing::SeedForTest(config_, clock_);
    auto db = db::SqliteDatabase::Open({.path = config_.dbPath().string()});
    ASSERT_TRUE(db.ok());
    db_ = std::move(*db);
    auto ref = ReferenceData::Open(*db_);
    ASSERT_TRUE(ref.ok()) << ref.status().ToString();
    ref_ = std::move(*ref);
    admin_.userId = 1;
    admin_.role = "admin";
    officer_.userId = 2;
    officer_.role = "officer";
  }

  testing::TempDir dir_;
  server::Config config_;
  FakeClock clock_{testing::TestEpoch()};
  std::unique_ptr<db::SqliteDatabase> db_;
  std::unique_ptr<ReferenceData> ref_;
  Actor admin_, officer_;
};

TEST_F(CatalogEditTest, AdministratorEditIsSavedAndReloaded) {
  clock_.advance(std::chrono::minutes(7));
  auto before = ref_->get();
  auto spec = ref_->editItem(admin_, clock_, "EE-001", R"({"time_limit_days":5})");
  ASSERT_TRUE(spec.ok()) << spec.status().ToString();
  EXPECT_EQ(spec->at("time_limit_days"), 5);
  EXPECT_EQ(ref_->get()->catalog->item("EE-001")->timeLimitDays, 5);
  // A reader that started before the edit keeps its snapshot.
  EXPECT_NE(before->catalog->item("EE-001")->timeLimitDays, 5);
  TimePoint updatedAt;
  ASSERT_TRUE(db_->read([&](db::Transaction& tx) -> Status {
                   TB_ASSIGN_OR_RETURN(auto items, tx.catalog().items());
                   for (const auto& i : items)
                     if (i.code == "EE-001") updatedAt = i.updatedAt;
                   return Status::Ok();
                 })
                  .ok());
  EXPECT_EQ(updatedAt, clock_.now());  // the injected clock's time
}

TEST_F(CatalogEditTest, RefusalsComeBeforeTheBodyIsRead) {
  EXPECT_EQ(ref_->editItem(officer_, clock_, "EE-001", "not json").status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(ref_->editItem(admin_, clock_, "XX-999", "not json").status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(ref_->editItem(admin_, clock_, "EE-001", "not json").status().code(),
            StatusCode::kInvalidArgument);
  auto bad = ref_->editItem(admin_, clock_, "EE-001", R"({"time_limit_days":-3})");
  EXPECT_TRUE(bad.status().fields().contains("time_limit_days"));
}

}  // namespace
}  // namespace tongban::reference
