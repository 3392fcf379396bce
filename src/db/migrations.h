#pragma once
// Numbered schema migrations, applied in order, each once. SQL is kept to the subset that
// SQLite and PostgreSQL share where that costs nothing; the PostgreSQL backend gets its own list.

#include <vector>

namespace tongban::db {

struct Migration {
  int version;
  const char* name;
  const char* sql;
};

const std::vector<Migration>& SqliteMigrations();

}  // namespace tongban::db
