#include "db/sqlite/sqlite_database.h"

#include <exception>

#include "db/migrations.h"
#include "db/sqlite/sqlite_transaction.h"

namespace tongban::db {

Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::Open(SqliteOptions options) {
  if (sqlite3_threadsafe() == 0) return Status::Internal("SQLite was built without thread support");
  std::unique_ptr<SqliteDatabase> db(new SqliteDatabase(std::move(options)));
  TB_ASSIGN_OR_RETURN(db->writer_, SqliteConnection::Open(db->options_.path, false));
  TB_RETURN_IF_ERROR(db->migrate(*db->writer_));
  for (int i = 0; i < std::max(1, db->options_.readers); ++i) {
    TB_ASSIGN_OR_RETURN(auto reader, SqliteConnection::Open(db->options_.path, true));
    db->readers_.push_back(std::move(reader));
  }
  db->writerThread_ = std::thread([raw = db.get()] { raw->writerLoop(); });
  return db;
}

SqliteDatabase::~SqliteDatabase() { close(); }

Status SqliteDatabase::migrate(SqliteConnection& conn) {
  TB_RETURN_IF_ERROR(conn.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT "
      "NULL, applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))"));
  int current = 0;
  {
    TB_ASSIGN_OR_RETURN(Stmt s,
                        conn.prepare("SELECT coalesce(max(version), 0) FROM schema_migrations"));
    TB_ASSIGN_OR_RETURN(bool row, s.step());
    if (row) current = int(s.i64(0));
  }
  const auto& all = SqliteMigrations();
  int latest = all.empty() ? 0 : all.back().version;
  if (current > latest)
    return Status::Internal("database schema version " + std::to_string(current) +
                            " is newer than this program knows (" + std::to_string(latest) + ")");
  if (current < latest && !options_.migrate)
    return Status::Unavailable("database schema is at version " + std::to_string(current) +
                               ", this program needs " + std::to_string(latest) +
                               ": run `tongban migrate` first");
  for (const auto& m : all) {
    if (m.version <= current) continue;
    TB_RETURN_IF_ERROR(conn.exec("BEGIN IMMEDIATE"));
    Status s = conn.exec(m.sql);
    if (s.ok()) {
      TB_ASSIGN_OR_RETURN(
          Stmt ins, conn.prepare("INSERT INTO schema_migrations (version, name) VALUES (?, ?)"));
      ins.bind(1, int64_t(m.version)).bind(2, m.name);
      s = ins.run();
    }
    if (!s.ok()) {
      (void)conn.exec("ROLLBACK");
      return Status::Internal("migration " + std::to_string(m.version) + " (" + m.name +
                              ") failed: " + s.message());
    }
    TB_RETURN_IF_ERROR(conn.exec("COMMIT"));
  }
  schemaVersion_ = latest;
  return Status::Ok();
}

Status SqliteDatabase::write(TxFn fn) {
  Job job{std::move(fn), {}};
  auto fut = job.done.get_future();
  {
    std::lock_guard lock(mu_);
    if (closing_) return Status::Unavailable("database is closing");
    queue_.push_back(&job);
  }
  cv_.notify_one();
  return fut.get();
}

void SqliteDatabase::writerLoop() {
  auto tx = MakeSqliteTransaction(*writer_);
  std::vector<Job*> batch;
  for (;;) {
    batch.clear();
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return !queue_.empty() || closing_; });
      if (queue_.empty()) return;  // closing and drained
      while (!queue_.empty() && batch.size() < options_.maxBatch) {
        batch.push_back(queue_.front());
        queue_.pop_front();
      }
    }
    std::vector<Status> results(batch.size());
    Status begin = writer_->exec("BEGIN IMMEDIATE");
    if (!begin.ok()) {
      for (Job* j : batch) j->done.set_value(begin);
      continue;
    }
    // Each job runs inside its own savepoint so one failing job does not undo the others
    // that share this commit.
    for (size_t i = 0; i < batch.size(); ++i) {
      Status sp = writer_->exec("SAVEPOINT job");
      if (!sp.ok()) {
        results[i] = sp;
        continue;
      }
      Status s;
      try {
        s = batch[i]->fn(*tx);
      } catch (const std::exception& e) {
        s = Status::Internal(std::string("transaction threw: ") + e.what());
      }
      if (!s.ok()) {
        Status rb = writer_->exec("ROLLBACK TO job");
        if (!rb.ok()) s = rb;
      }
      Status rel = writer_->exec("RELEASE job");
      results[i] = s.ok() ? rel : s;
    }
    Status commit = writer_->exec("COMMIT");
    if (!commit.ok()) {
      (void)writer_->exec("ROLLBACK");
      for (auto& r : results)
        if (r.ok()) r = Status::Internal("commit failed: " + commit.message());
    }
    if (options_.onCommit) options_.onCommit(batch.size());
    for (size_t i = 0; i < batch.size(); ++i) batch[i]->done.set_value(std::move(results[i]));
  }
}

std::unique_ptr<SqliteConnection> SqliteDatabase::acquireReader() {
  std::unique_lock lock(readersMu_);
  readersCv_.wait(lock, [&] { return !readers_.empty() || closing_; });
  if (readers_.empty()) return nullptr;
  auto c = std::move(readers_.back());
  readers_.pop_back();
  return c;
}

void SqliteDatabase::releaseReader(std::unique_ptr<SqliteConnection> c) {
  {
    std::lock_guard lock(readersMu_);
    readers_.push_back(std::move(c));
  }
  readersCv_.notify_one();
}

Status SqliteDatabase::read(TxFn fn) {
  auto conn = acquireReader();
  if (!conn) return Status::Unavailable("database is closing");
  Status s = conn->exec("BEGIN");
  if (s.ok()) {
    auto tx = MakeSqliteTransaction(*conn);
    try {
      s = fn(*tx);
    } catch (const std::exception& e) {
      s = Status::Internal(std::string("read threw: ") + e.what());
    }
    Status end = conn->exec(s.ok() ? "COMMIT" : "ROLLBACK");
    if (s.ok()) s = end;
  }
  releaseReader(std::move(conn));
  return s;
}

void SqliteDatabase::close() {
  {
    std::lock_guard lock(mu_);
    if (closing_ && !writerThread_.joinable()) return;
    closing_ = true;
  }
  cv_.notify_all();
  if (writerThread_.joinable()) writerThread_.join();
  {
    std::lock_guard lock(readersMu_);
    readers_.clear();
  }
  readersCv_.notify_all();
  writer_.reset();
}

}  // namespace tongban::db
