#include "db/sqlite/statement.h"

namespace tongban::db {

Stmt::~Stmt() {
  if (s_) {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }
}

void Stmt::check(int rc) {
  if (rc != SQLITE_OK && err_ == SQLITE_OK) err_ = rc;
}

Stmt& Stmt::bind(int i, int64_t v) {
  check(sqlite3_bind_int64(s_, i, v));
  return *this;
}
Stmt& Stmt::bind(int i, double v) {
  check(sqlite3_bind_double(s_, i, v));
  return *this;
}
Stmt& Stmt::bind(int i, std::string_view v) {
  check(sqlite3_bind_text(s_, i, v.data(), int(v.size()), SQLITE_TRANSIENT));
  return *this;
}
Stmt& Stmt::bindNull(int i) {
  check(sqlite3_bind_null(s_, i));
  return *this;
}

std::string Stmt::text(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s_, col));
  int n = sqlite3_column_bytes(s_, col);
  return p ? std::string(p, size_t(n)) : std::string();
}

Result<bool> Stmt::step() {
  if (err_ != SQLITE_OK)
    return Status::Internal(std::string("sqlite bind failed: ") + sqlite3_errstr(err_));
  int rc = sqlite3_step(s_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    return Status::Conflict(std::string("constraint failed: ") + conn_->errorMessage());
  return Status::Internal("sqlite step failed: " + conn_->errorMessage());
}

Status Stmt::run() {
  for (;;) {
    auto r = step();
    if (!r.ok()) return r.status();
    if (!*r) return Status::Ok();
  }
}

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::Open(const std::string& path,
                                                                 bool queryOnly) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(
      path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    return Status::Internal("cannot open database " + path + ": " + msg);
  }
  std::unique_ptr<SqliteConnection> conn(new SqliteConnection(db));
  sqlite3_extended_result_codes(db, 1);
  TB_RETURN_IF_ERROR(conn->exec("PRAGMA busy_timeout=10000"));
  TB_RETURN_IF_ERROR(conn->exec("PRAGMA foreign_keys=ON"));
  if (queryOnly) {
    TB_RETURN_IF_ERROR(conn->exec("PRAGMA query_only=1"));
  } else {
    TB_RETURN_IF_ERROR(conn->exec("PRAGMA journal_mode=WAL"));
    // FULL: the WAL is fsynced at every commit, so an acknowledged write survives power loss.
    TB_RETURN_IF_ERROR(conn->exec("PRAGMA synchronous=FULL"));
  }
  return conn;
}

SqliteConnection::~SqliteConnection() {
  for (auto& [sql, s] : cache_) sqlite3_finalize(s);
  sqlite3_close_v2(db_);
}

Status SqliteConnection::exec(const char* sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    return Status::Internal("sqlite: " + msg);
  }
  return Status::Ok();
}

Result<Stmt> SqliteConnection::prepare(const char* sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    sqlite3_stmt* s = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr);
    if (rc != SQLITE_OK) return Status::Internal("sqlite prepare failed: " + errorMessage());
    it = cache_.emplace(sql, s).first;
  }
  return Stmt(it->second, this);
}

}  // namespace tongban::db
