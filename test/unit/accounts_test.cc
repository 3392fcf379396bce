#include <gtest/gtest.h>

#include "accounts/accounts.h"
#include "accounts/throttle.h"
#include "db/sqlite/sqlite_database.h"
#include "test_support.h"

namespace tongban::accounts {
namespace {

TEST(Throttle, BlocksAfterTheLimitAndForgetsAfterTheWindow) {
  Throttle t(3, std::chrono::seconds(60));
  TimePoint now = testing::TestEpoch();
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(t.retryAfter("k", now), 0);
    t.recordFailure("k", now);
  }
  EXPECT_EQ(t.retryAfter("k", now), 60);
  EXPECT_EQ(t.retryAfter("other", now), 0);
  EXPECT_EQ(t.retryAfter("k", now + std::chrono::seconds(59)), 1);
  EXPECT_EQ(t.retryAfter("k", now + std::chrono::seconds(60)), 0);
  t.recordFailure("k", now);
  t.reset("k");
  EXPECT_EQ(t.retryAfter("k", now), 0);
}

class AccountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    config_ = testing::TestConfig(dir_.path());
    testing::SeedForTest(config_, clock_);
    auto db = db::SqliteDatabase::Open({.path = config_.dbPath().string()});
    ASSERT_TRUE(db.ok());
    db_ = std::move(*db);
    AccountOptions o;
    o.cost = crypto::PasswordCost::Minimum();
    accounts_ = std::make_unique<AccountService>(*db_, clock_, o);
  }
  Actor anon(const std::string& ip = "10.0.0.1") {
    Actor a;
    a.role = "anonymous";
    a.ip = ip;
    return a;
  }
  testing::TempDir dir_;
  server::Config config_;
  FakeClock clock_{testing::TestEpoch()};
  std::unique_ptr<db::SqliteDatabase> db_;
  std::unique_ptr<AccountService> accounts_;
};

TEST_F(AccountsTest, RegisterLoginAuthenticateLogout) {
  auto u = accounts_->registerApplicant(anon(), "Mei@Example.org", "a long enough password", "Mei",
                                        "it");
  ASSERT_TRUE(u.ok()) << u.status().ToString();
  EXPECT_EQ(u->email, "mei@example.org");
  EXPECT_EQ(u->locale, "it");
  EXPECT_EQ(u->role, "applicant");
  auto again =
      accounts_->registerApplicant(anon(), "MEI@example.org", "a long enough password", "Mei", "");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().fields().at("email").code, "taken");

  auto login =
      accounts_->login(anon(), "mei@example.org", "a long enough password", "cookie", nullptr);
  ASSERT_TRUE(login.ok());
  EXPECT_FALSE(login->csrf.empty());
  auto p = accounts_->authenticate(login->token);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->user.id, u->id);
  EXPECT_EQ(p->csrf, login->csrf);
  // Sessions expire.
  clock_.advance(std::chrono::hours(24 * 8));
  EXPECT_EQ(accounts_->authenticate(login->token).status().code(), StatusCode::kUnauthenticated);
  auto fresh =
      accounts_->login(anon(), "mei@example.org", "a long enough password", "bearer", nullptr);
  ASSERT_TRUE(fresh.ok());
  auto p2 = accounts_->authenticate(fresh->token);
  ASSERT_TRUE(p2.ok());
  ASSERT_TRUE(accounts_->logout(anon(), *p2).ok());
  EXPECT_FALSE(accounts_->authenticate(fresh->token).ok());
  EXPECT_FALSE(accounts_->authenticate("made-up").ok());
}

TEST_F(AccountsTest, StaffNeedAUnitAndAKnownRole) {
  auto a = accounts_->createUser(anon(), "o@example.org", "a long enough password", "O", "officer",
                                 std::nullopt);
  ASSERT_FALSE(a.ok());
  EXPECT_TRUE(a.status().fields().count("unit"));
  auto b =
      accounts_->createUser(anon(), "o@example.org", "a long enough password", "O", "wizard", 1);
  ASSERT_FALSE(b.ok());
  EXPECT_TRUE(b.status().fields().count("role"));
  EXPECT_TRUE(
      accounts_->createUser(anon(), "o@example.org", "a long enough password", "O", "officer", 1)
          .ok());
}

TEST_F(AccountsTest, ThrottlesPerIpAcrossAccounts) {
  int64_t retry = 0;
  Status last;
  for (int i = 0; i < 31; ++i)
    last = accounts_
               ->login(anon("192.0.2.9"), "nobody" + std::to_string(i) + "@example.org",
                       "wrong password", "bearer", &retry)
               .status();
  EXPECT_EQ(last.code(), StatusCode::kTooManyRequests);
  EXPECT_GT(retry, 0);
  // Another address is not affected.
  EXPECT_EQ(
      accounts_
          ->login(anon("192.0.2.10"), "nobody@example.org", "wrong password", "bearer", nullptr)
          .status()
          .code(),
      StatusCode::kUnauthenticated);
}

TEST_F(AccountsTest, AdministratorsChangeAccountsButNeverDisableThemselves) {
  const std::string pw = "a long enough password";
  auto admin = accounts_->createUser(anon(), "root@example.org", pw, "Root", "admin", std::nullopt);
  ASSERT_TRUE(admin.ok()) << admin.status().ToString();
  auto lin = accounts_->registerApplicant(anon(), "lin@example.org", pw, "Lin", "en");
  ASSERT_TRUE(lin.ok());
  ASSERT_TRUE(accounts_->login(anon(), "lin@example.org", pw, "cookie", nullptr).ok());
  Actor a;
  a.userId = admin->id;
  a.role = "admin";
  Actor applicant;
  applicant.userId = lin->id;
  applicant.role = "applicant";
  AccountChange off;
  off.disabled = true;
  EXPECT_EQ(accounts_->changeAccount(applicant, admin->id, off).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(accounts_->changeAccount(a, admin->id, off).status().code(), StatusCode::kConflict);
  auto changed = accounts_->changeAccount(a, lin->id, off);
  ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  EXPECT_TRUE(changed->user.disabled);
  EXPECT_EQ(changed->sessionsEnded, 1);
  AccountChange promote;
  promote.role = "officer";
  auto refused = accounts_->changeAccount(a, lin->id, promote);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().fields().at("role").code, "applicant");

  db::UserQuery q;
  q.q = "lin@";
  auto page = accounts_->searchUsers(a, q);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->total, 1);
  EXPECT_EQ(accounts_->searchUsers(applicant, q).status().code(), StatusCode::kPermissionDenied);
}

}  // namespace
}  // namespace tongban::accounts
