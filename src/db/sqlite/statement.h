#pragma once
// RAII over sqlite3 connections and cached prepared statements. Every SQLite return code is
// checked; the first failure of a statement is kept and reported by step()/run().

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/clock.h"
#include "common/status.h"

namespace tongban::db {

class SqliteConnection;

//! A borrowed, cached statement; resets itself when it goes out of scope.
class Stmt {
 public:
  Stmt(sqlite3_stmt* s, SqliteConnection* conn) : s_(s), conn_(conn) {}
  Stmt(Stmt&& o) noexcept : s_(o.s_), conn_(o.conn_), err_(o.err_) { o.s_ = nullptr; }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt();

  Stmt& bind(int i, int64_t v);
  Stmt& bind(int i, int v) { return bind(i, int64_t(v)); }
  Stmt& bind(int i, double v);
  Stmt& bind(int i, std::string_view v);
  Stmt& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
  Stmt& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
  Stmt& bindNull(int i);
  //! Times are stored as FormatTimestamp() text (UTC, fixed width, so text order is time
  //! order) and dates as "YYYY-MM-DD".
  Stmt& bind(int i, TimePoint t) { return bind(i, FormatTimestamp(t)); }
  Stmt& bind(int i, Date d) { return bind(i, FormatDate(d)); }
  template <typename T>
  Stmt& bind(int i, const std::optional<T>& v) {
    return v ? bind(i, *v) : bindNull(i);
  }

  //! Advances; true when a row is available, false when done.
  Result<bool> step();
  //! Steps to completion, for statements that return no rows.
  Status run();

  int64_t i64(int col) const { return sqlite3_column_int64(s_, col); }
  double f64(int col) const { return sqlite3_column_double(s_, col); }
  std::string text(int col) const;
  bool isNull(int col) const { return sqlite3_column_type(s_, col) == SQLITE_NULL; }
  std::optional<std::string> optText(int col) const {
    return isNull(col) ? std::nullopt : std::optional<std::string>(text(col));
  }
  std::optional<int64_t> optI64(int col) const {
    return isNull(col) ? std::nullopt : std::optional<int64_t>(i64(col));
  }
  std::optional<double> optF64(int col) const {
    return isNull(col) ? std::nullopt : std::optional<double>(f64(col));
  }
  // Only this program writes these columns, always through bind(); text that does not parse
  // (a hand-edited database) reads as the epoch rather than failing the whole query.
  TimePoint time(int col) const { return ParseTimestamp(text(col)).value_or(TimePoint{}); }
  std::optional<TimePoint> optTime(int col) const {
    return isNull(col) ? std::nullopt : std::optional<TimePoint>(time(col));
  }
  Date date(int col) const { return ParseDate(text(col)).value_or(Date{}); }
  std::optional<Date> optDate(int col) const {
    return isNull(col) ? std::nullopt : std::optional<Date>(date(col));
  }

 private:
  void check(int rc);
  sqlite3_stmt* s_;
  SqliteConnection* conn_;
  int err_ = SQLITE_OK;
};

class SqliteConnection {
 public:
  //! Opens (creating if needed) the database at `path` and applies the connection pragmas.
  static Result<std::unique_ptr<SqliteConnection>> Open(const std::string& path, bool queryOnly);
  ~SqliteConnection();

  Status exec(const char* sql);
  //! A cached prepared statement for `sql` (which must outlive the connection: a literal).
  Result<Stmt> prepare(const char* sql);
  int64_t lastInsertId() const { return sqlite3_last_insert_rowid(db_); }
  int changes() const { return sqlite3_changes(db_); }
  std::string errorMessage() const { return sqlite3_errmsg(db_); }
  sqlite3* raw() { return db_; }

 private:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::unordered_map<const char*, sqlite3_stmt*> cache_;
};

}  // namespace tongban::db
