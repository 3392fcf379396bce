#pragma once
// The SQLite Transaction: every repository (db/sqlite/sqlite_<module>.cc) bound to one connection.

#include <memory>

#include "db/database.h"
#include "db/sqlite/statement.h"

namespace tongban::db {

//! Makes a Transaction whose repositories run on `conn`, which must outlive it.
std::unique_ptr<Transaction> MakeSqliteTransaction(SqliteConnection& conn);

}  // namespace tongban::db
