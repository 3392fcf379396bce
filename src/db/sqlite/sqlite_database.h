#pragma once
// The embedded backend: one writer thread that group-commits, a pool of reader connections.

#include <atomic>
#include <condition_variable>
#include <deque>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "db/database.h"
#include "db/sqlite/statement.h"

namespace tongban::db {

struct SqliteOptions {
  std::string path;
  int readers = 4;
  //! Most transactions that may share one commit.
  size_t maxBatch = 512;
  //! Apply pending migrations on open (tongban migrate, tests); otherwise refuse an old schema.
  bool migrate = false;
  CommitObserver onCommit;
};

class SqliteDatabase final : public Database {
 public:
  static Result<std::unique_ptr<SqliteDatabase>> Open(SqliteOptions options);
  ~SqliteDatabase() override;

  Status write(TxFn fn) override;
  Status read(TxFn fn) override;
  void close() override;
  //! Highest applied migration.
  int schemaVersion() const { return schemaVersion_; }
  //! Transactions waiting for the writer (not counting the batch being committed).
  size_t queuedForTest() {
    std::lock_guard lock(mu_);
    return queue_.size();
  }

 private:
  struct Job {
    TxFn fn;
    std::promise<Status> done;
  };
  explicit SqliteDatabase(SqliteOptions options) : options_(std::move(options)) {}
  Status migrate(SqliteConnection& conn);
  void writerLoop();
  std::unique_ptr<SqliteConnection> acquireReader();
  void releaseReader(std::unique_ptr<SqliteConnection> c);

  SqliteOptions options_;
  int schemaVersion_ = 0;
  std::unique_ptr<SqliteConnection> writer_;
  std::thread writerThread_;

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Job*> queue_;  // guarded by mu_
  std::atomic<bool> closing_{false};

  std::mutex readersMu_;
  std::condition_variable readersCv_;
  std::vector<std::unique_ptr<SqliteConnection>> readers_;  // guarded by readersMu_
};

}  // namespace tongban::db
