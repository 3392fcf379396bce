#pragma once
// Shared helpers for unit and integration tests: temp dirs and a seeded database.

#include <filesystem>
#include <memory>
#include <string>

#include "common/clock.h"
#include "db/sqlite/sqlite_database.h"
#include "server/config.h"

namespace tongban::testing {

//! A fresh directory under the system temp dir, removed when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

//! The repository's catalog/ folder.
std::filesystem::path SourceCatalogDir();

//! Config pointing at `dir`, port 0, cheap password hashing, quiet logs.
server::Config TestConfig(const std::filesystem::path& dir);

//! Migrates and loads the demo catalogue and accounts into the database of `config`.
void SeedForTest(const server::Config& config, const Clock& clock);

//! Monday 2026-11-23 10:00 China time (02:00 UTC).
TimePoint TestEpoch();

}  // namespace tongban::testing
