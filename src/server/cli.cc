#include "server/cli.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <optional>

#include "common/crypto.h"
#include "common/log.h"
#include "server/app.h"

namespace tongban::server {

namespace {
int Fail(const Status& s) {
  std::fprintf(stderr, "tongban: %s\n", s.message().c_str());
  return s.code() == StatusCode::kInvalidArgument ? 2 : 1;
}
}  // namespace

int RunCli(int argc, char** argv) {
  CLI::App cli{"Tongban: cross-border public services"};
  cli.require_subcommand(1);
  std::string configFile;
  std::optional<std::string> host, dataDir, catalogDir, webRoot, logLevel;
  std::optional<int> port, ioThreads, workerThreads;
  std::optional<std::string> carrierSecrets;
  cli.add_option("--config", configFile, "JSON config file (also TONGBAN_CONFIG)");
  cli.add_option("--data-dir", dataDir, "where tongban.db, blobs/ and keys/ live (default var)");
  cli.add_option("--catalog-dir", catalogDir, "catalogue folder for seed (default catalog)");
  cli.add_option("--log-level", logLevel, "debug | info | warn | error");

  auto* serve = cli.add_subcommand("serve", "serve HTTP on --host:--port");
  serve->add_option("--host", host, "listen address (default 127.0.0.1)");
  serve->add_option("--port", port, "listen port (default 8080, 0 = any)");
  serve->add_option("--web-root", webRoot, "built front end (default web/dist)");
  serve->add_option("--io-threads", ioThreads, "I/O threads (default 2)");
  serve->add_option("--worker-threads", workerThreads, "handler threads (default 32)");
  serve->add_option("--carrier-secrets", carrierSecrets,
                    "JSON object carrier -> shared secret for signed tracking pushes");

  cli.add_subcommand("migrate", "create or upgrade the database schema");

  auto* seed = cli.add_subcommand("seed", "load data");
  bool demo = false;
  int64_t synthetic = 0;
  seed->add_flag("--demo", demo, "catalogue, units, workflows, holidays and demo accounts");
  seed->add_option("--synthetic", synthetic, "add N synthetic cases (benchmarks)")
      ->check(CLI::Range(int64_t(1), int64_t(50000000)));

  auto* user = cli.add_subcommand("user", "manage accounts");
  user->require_subcommand(1);
  auto* add = user->add_subcommand("add", "create an account");
  std::string email, password, name, role, unit;
  add->add_option("--email", email, "e-mail used to log in")->required();
  add->add_option("--password", password, "initial password (or TONGBAN_NEW_PASSWORD)");
  add->add_option("--name", name, "display name")->required();
  add->add_option("--role", role, "applicant | liaison | officer | supervisor | department | admin")
      ->required();
  add->add_option("--unit", unit, "unit code, e.g. QT-EEB (staff)");

  auto* keys = cli.add_subcommand("keys", "certificate signing keys in <data-dir>/keys");
  keys->require_subcommand(1);
  auto* rotate = keys->add_subcommand("rotate",
                                      "make a new current key and print its kid (old keys still "
                                      "verify; a running server uses it after its next start)");
  auto* listKeys = keys->add_subcommand("list", "kid, created_at and the current key");

  auto* cert = cli.add_subcommand("cert", "certificates");
  cert->require_subcommand(1);
  auto* verify = cert->add_subcommand(
      "verify", "check a certificate PDF offline; exit code 0 genuine, 1 not genuine");
  std::string pdfFile, keysSource;
  verify->add_option("FILE", pdfFile, "the certificate PDF")->required();
  verify->add_option("--keys", keysSource,
                     "public key set JSON file as published at /api/v1/keys (default: the data "
                     "directory's key ring)");

  CLI11_PARSE(cli, argc, argv);

  Config config;
  if (configFile.empty())
    if (const char* f = std::getenv("TONGBAN_CONFIG")) configFile = f;
  if (!configFile.empty()) {
    Status s = ApplyConfigFile(config, configFile);
    if (!s.ok()) return Fail(s);
  }
  if (Status s = ApplyEnvironment(config); !s.ok()) return Fail(s);
  if (host) config.host = *host;
  if (port) config.port = *port;
  if (dataDir) config.dataDir = *dataDir;
  if (catalogDir) config.catalogDir = *catalogDir;
  if (webRoot) config.webRoot = *webRoot;
  if (logLevel) config.logLevel = *logLevel;
  if (ioThreads) config.ioThreads = *ioThreads;
  if (workerThreads) config.workerThreads = *workerThreads;
  if (carrierSecrets)
    if (Status s = ParseCarrierSecrets(*carrierSecrets, config.carrierSecrets); !s.ok())
      return Fail(s);
  if (Status s = Validate(config); !s.ok()) return Fail(s);
  if (!log::SetLevel(config.logLevel))
    return Fail(Status::InvalidArgument("unknown log level " + config.logLevel));
  if (Status s = crypto::InitCrypto(); !s.ok()) return Fail(s);

  SystemClock clock;
  if (cli.got_subcommand("migrate")) {
    Status s = Migrate(config);
    return s.ok() ? 0 : Fail(s);
  }
  if (cli.got_subcommand("seed")) {
    if (!demo && synthetic == 0)
      return Fail(Status::InvalidArgument("seed needs --demo or --synthetic N"));
    if (demo) {
      Status s = SeedDemo(config, clock, true);
      if (!s.ok()) return Fail(s);
    }
    if (synthetic > 0) {
      Status s = SeedSynthetic(config, clock, synthetic);
      if (!s.ok()) return Fail(s);
    }
    return 0;
  }
  if (cli.got_subcommand("user")) {
    if (password.empty())
      if (const char* p = std::getenv("TONGBAN_NEW_PASSWORD")) password = p;
    Status s = AddUser(config, clock, email, password, name, role, unit);
    return s.ok() ? 0 : Fail(s);
  }
  if (rotate->parsed()) {
    Status s = RotateKey(config, clock);
    return s.ok() ? 0 : Fail(s);
  }
  if (listKeys->parsed()) {
    Status s = ListKeys(config, clock);
    return s.ok() ? 0 : Fail(s);
  }
  if (verify->parsed()) return VerifyCertificateFile(config, clock, pdfFile, keysSource);
  auto app = App::Create(config, clock);
  if (!app.ok()) return Fail(app.status());
  if (Status s = (*app)->listen(); !s.ok()) return Fail(s);
  (*app)->run(true);
  return 0;
}

}  // namespace tongban::server
