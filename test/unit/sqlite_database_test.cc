#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "db/sqlite/sqlite_database.h"
#include "test_support.h"

namespace tongban::db {
namespace {

class SqliteDatabaseTest : public ::testing::Test {
 protected:
  std::unique_ptr<SqliteDatabase> open(CommitObserver obs = {}) {
    SqliteOptions o;
    o.path = (dir_.path() / "t.db").string();
    o.migrate = true;
    o.onCommit = std::move(obs);
    auto db = SqliteDatabase::Open(std::move(o));
    EXPECT_TRUE(db.ok()) << db.status().ToString();
    return db.ok() ? std::move(*db) : nullptr;
  }
  static UserRow User(const std::string& email) {
    UserRow u;
    u.email = email;
    u.passwordHash = "x";
    u.displayName = "T";
    u.role = "applicant";
    u.verificationEvidence = "[]";
    u.createdAt = *ParseTimestamp("2026-01-01T00:00:00.000Z");
    return u;
  }
  testing::TempDir dir_;
};

TEST_F(SqliteDatabaseTest, RefusesAnUnmigratedDatabaseWithAClearMessage) {
  SqliteOptions o;
  o.path = (dir_.path() / "fresh.db").string();
  auto db = SqliteDatabase::Open(o);
  ASSERT_FALSE(db.ok());
  EXPECT_NE(db.status().message().find("tongban migrate"), std::string::npos);
}

TEST_F(SqliteDatabaseTest, AFailingTransactionDoesNotUndoOthersInItsBatch) {
  auto db = open();
  Status a = db->write([](Transaction& tx) { return tx.users().insert(User("a@x.org")).status(); });
  ASSERT_TRUE(a.ok());
  Status dup = db->write([](Transaction& tx) -> Status {
    TB_RETURN_IF_ERROR(tx.users().insert(User("c@x.org")).status());
    return tx.users().insert(User("A@X.ORG")).status();  // e-mails are case-insensitive
  });
  EXPECT_EQ(dup.code(), StatusCode::kConflict);
  Status b = db->write([](Transaction& tx) { return tx.users().insert(User("b@x.org")).status(); });
  ASSERT_TRUE(b.ok());
  ASSERT_TRUE(
      db->read([](Transaction& tx) -> Status {
          EXPECT_TRUE(tx.users().byEmail("a@x.org").ok());
          EXPECT_TRUE(tx.users().byEmail("b@x.org").ok());
          EXPECT_TRUE(
              tx.users().byEmail("c@x.org").status().IsNotFound());  // rolled back with its job
          return Status::Ok();
        }).ok());
}

TEST_F(SqliteDatabaseTest, ReadTransactionsCannotWrite) {
  auto db = open();
  Status s = db->read([](Transaction& tx) { return tx.users().insert(User("r@x.org")).status(); });
  EXPECT_FALSE(s.ok());
}

TEST_F(SqliteDatabaseTest, ConcurrentWritersShareCommits) {
  std::vector<size_t> batches;
  std::mutex mu;
  auto db = open([&](size_t n) {
    std::lock_guard lock(mu);
    batches.push_back(n);
  });
  constexpr int kWriters = 16;
  // Hold the writer inside a first transaction until every other writer has queued, so the
  // next commit must carry all of them.
  std::atomic<bool> started{false}, release{false};
  std::thread blocker([&] {
    ASSERT_TRUE(db->write([&](Transaction& tx) -> Status {
                    started = true;
                    while (!release) std::this_thread::yield();
                    return tx.users().insert(User("blocker@x.org")).status();
                  }).ok());
  });
  while (!started) std::this_thread::yield();
  std::vector<std::thread> writers;
  for (int i = 0; i < kWriters; ++i)
    writers.emplace_back([&, i] {
      EXPECT_TRUE(db->write([i](Transaction& tx) {
                      return tx.users().insert(User("w" + std::to_string(i) + "@x.org")).status();
                    }).ok());
    });
  while (db->queuedForTest() < size_t(kWriters)) std::this_thread::yield();
  release = true;
  blocker.join();
  for (auto& t : writers) t.join();
  std::lock_guard lock(mu);
  ASSERT_EQ(batches.size(), 2u);
  EXPECT_EQ(batches[0], 1u);
  EXPECT_EQ(batches[1], size_t(kWriters));
}

TEST_F(SqliteDatabaseTest, CaseUpdatesAreOptimisticOnTheVersion) {
  auto db = open();
  ASSERT_TRUE(db->write([](Transaction& tx) -> Status {
                  TB_ASSIGN_OR_RETURN(int64_t uid, tx.users().insert(User("o@x.org")));
                  UnitRow u;
                  u.code = "U1";
                  u.kind = "bureau";
                  TB_ASSIGN_OR_RETURN(int64_t unit, tx.units().upsert(u));
                  CaseRow c;
                  c.caseNo = "TB-1";
                  c.itemCode = "EE-001";
                  c.workflow = "standard";
                  c.applicantId = c.submittedById = uid;
                  c.unitId = unit;
                  c.state = "draft";
                  c.version = 1;
                  TB_ASSIGN_OR_RETURN(c.id, tx.cases().insert(c));
                  c.version = 2;
                  TB_RETURN_IF_ERROR(tx.cases().update(c));
                  c.version = 2;  // stale: stored is 2, so 2 - 1 no longer matches
                  EXPECT_EQ(tx.cases().update(c).code(), StatusCode::kConflict);
                  return Status::Ok();
                }).ok());
}

}  // namespace
}  // namespace tongban::db
