#include "test_support.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>

#include "common/crypto.h"
#include "common/log.h"
#include "server/app.h"

namespace tongban::testing {

namespace fs = std::filesystem;

TempDir::TempDir() {
  std::string tmpl = (fs::temp_directory_path() / "tongban-test-XXXXXX").string();
  char* p = ::mkdtemp(tmpl.data());
  if (!p) throw std::runtime_error("mkdtemp failed");
  path_ = p;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

fs::path SourceCatalogDir() { return fs::path(TB_SOURCE_DIR) / "catalog"; }

server::Config TestConfig(const fs::path& dir) {
  server::Config c;
  c.dataDir = dir / "var";
  c.catalogDir = SourceCatalogDir();
  c.webRoot = dir / "web";  // empty: the placeholder page
  c.port = 0;
  c.ioThreads = 2;
  c.workerThreads = 8;
  c.fastPasswordHashing = true;
  c.logLevel = "warn";
  return c;
}

void SeedForTest(const server::Config& config, const Clock& clock) {
  static bool once = [] {
    log::SetLevel(log::Level::kWarn);
    return crypto::InitCrypto().ok();
  }();
  ASSERT_TRUE(once);
  ASSERT_TRUE(server::Migrate(config).ok());
  Status s = server::SeedDemo(config, clock, false);
  ASSERT_TRUE(s.ok()) << s.ToString();
}

TimePoint TestEpoch() {
  return TimePoint(Date(std::chrono::year(2026) / 11 / 23)) + std::chrono::hours(2);
}

}  // namespace tongban::testing
