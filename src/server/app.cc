#include "server/app.h"

#include <cstdio>
#include <random>

#include "audit/audit.h"
#include "catalog/loader.h"
#include "common/crypto.h"
#include "common/log.h"

namespace tongban::server {

namespace fs = std::filesystem;

namespace {
Result<std::unique_ptr<db::SqliteDatabase>> OpenDb(const Config& c, bool migrate,
                                                   db::CommitObserver onCommit = {}) {
  std::error_code ec;
  fs::create_directories(c.dataDir, ec);
  if (ec) return Status::Internal("cannot create " + c.dataDir.string() + ": " + ec.message());
  db::SqliteOptions o;
  o.path = c.dbPath().string();
  o.readers = c.dbReaders;
  o.migrate = migrate;
  o.onCommit = std::move(onCommit);
  return db::SqliteDatabase::Open(std::move(o));
}

accounts::AccountOptions AccountOpts(const Config& c) {
  accounts::AccountOptions o;
  if (c.fastPasswordHashing) o.cost = crypto::PasswordCost::Minimum();
  return o;
}

//! The delivery key (pickup codes are derived from it): read, or made once with 32 random bytes
//! readable by the server's user only. Losing it changes every open pickup code's display, not
//! its check (the database keeps each code's hash), so staff would re-issue codes.
Result<std::string> DeliveryKey(const fs::path& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    std::string key = crypto::RandomToken(32);
    std::FILE* f = std::fopen(path.c_str(), "wx");
    if (!f) return Status::Internal("cannot create " + path.string());
    bool ok = std::fwrite(key.data(), 1, key.size(), f) == key.size();
    ok = std::fclose(f) == 0 && ok;
    if (!ok) return Status::Internal("cannot write " + path.string());
    fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace,
                    ec);
  }
  std::FILE* f = std::fopen(path.c_str(), "r");
  if (!f) return Status::Internal("cannot read " + path.string());
  char buf[256];
  size_t n = std::fread(buf, 1, sizeof buf, f);
  std::fclose(f);
  if (n < 16) return Status::Internal(path.string() + " is too short to be a key");
  return std::string(buf, n);
}

Actor CliActor() {
  Actor a;
  a.role = "admin";
  a.requestId = "cli";
  a.ip = "local";
  return a;
}
}  // namespace

Result<std::unique_ptr<App>> App::Create(const Config& config, const Clock& clock) {
  TB_RETURN_IF_ERROR(Validate(config));
  std::unique_ptr<App> app(new App());
  app->config_ = config;
  app->clock_ = &clock;
  App* raw = app.get();
  TB_ASSIGN_OR_RETURN(app->db_, OpenDb(config, false, [raw](size_t n) {
                        raw->metrics_.observeCommitBatch(n);
                        if (raw->relay_) raw->relay_->poke();
                      }));
  TB_ASSIGN_OR_RETURN(app->reference_, reference::ReferenceData::Open(*app->db_));
  const reference::ReferenceData& ref = *app->reference_;
  app->blobs_ = std::make_unique<blobs::BlobStore>(config.blobDir());
  TB_RETURN_IF_ERROR(app->blobs_->init());
  // Created with a first key if empty, so a fresh install can sign and publish at once.
  TB_ASSIGN_OR_RETURN(app->keys_, certificates::KeyRing::Open(config.keyDir(), clock));
  app->accounts_ =
      std::make_unique<accounts::AccountService>(*app->db_, clock, AccountOpts(config));
  app->cases_ =
      std::make_unique<cases::CaseService>(*app->db_, clock, ref, config.calendarOffsetMinutes);
  app->documents_ =
      std::make_unique<documents::DocumentService>(*app->db_, clock, *app->blobs_, ref);
  app->appointments_ = std::make_unique<identity::AppointmentService>(*app->db_, clock, ref);
  identity::VideoOptions videoOptions;
  videoOptions.reconnectGrace = std::chrono::seconds(config.videoReconnectGraceSeconds);
  app->video_ = std::make_unique<identity::VideoService>(*app->db_, clock, ref, videoOptions);
  app->hub_.setTimeouts({.handshake = std::chrono::seconds(15),
                         .idle = std::chrono::seconds(config.wsIdleTimeoutSeconds)});
  app->consult_ =
      std::make_unique<consult::ConsultationService>(*app->db_, clock, ref, *app->blobs_);
  app->faq_ = std::make_unique<consult::FaqService>(*app->db_);
  app->inbox_ = std::make_unique<notify::Inbox>(*app->db_, clock);
  app->webhooks_ = std::make_unique<notify::Webhooks>(*app->db_, clock);
  app->accessLog_ = std::make_unique<accounts::AccessLog>(*app->db_, ref);
  app->unitEditor_ = std::make_unique<reference::UnitEditor>(*app->db_, clock, *app->reference_);
  app->payments_ = std::make_unique<payments::PaymentService>(
      *app->db_, clock, ref, app->paymentProvider_, config.calendarOffsetMinutes);
  app->paymentHook_ = std::make_unique<PaymentHook>(*app->payments_);
  app->cases_->addHook(app->paymentHook_.get());
  results::ResultOptions resultOptions;
  resultOptions.publicUrl = [raw] {
    if (!raw->config_.publicUrl.empty()) return raw->config_.publicUrl;
    std::string host = raw->config_.host == "0.0.0.0" || raw->config_.host == "::"
                           ? std::string("127.0.0.1")
                           : raw->config_.host;
    return "http://" + host + ":" + std::to_string(raw->http_ ? raw->http_->port() : 0);
  };
  resultOptions.calendarOffsetMinutes = config.calendarOffsetMinutes;
  resultOptions.lookupsPerMinute = config.verifyPerMinute;
  app->results_ = std::make_unique<results::ResultService>(*app->db_, clock, ref, *app->keys_,
                                                           *app->blobs_, resultOptions);
  app->resultHook_ = std::make_unique<ResultHook>(*app->results_);
  app->cases_->addHook(app->resultHook_.get());
  TB_ASSIGN_OR_RETURN(std::string deliveryKey, DeliveryKey(config.deliveryKeyPath()));
  app->delivery_ =
      std::make_unique<delivery::DeliveryService>(*app->db_, clock, ref, std::move(deliveryKey));
  app->deliveryHook_ = std::make_unique<DeliveryHook>(*app->delivery_);
  app->cases_->addHook(app->deliveryHook_.get());
  app->persons_ = std::make_unique<identity::PersonService>(*app->db_, clock, ref);
  app->mandates_ = std::make_unique<mandates::MandateService>(*app->db_, clock, ref, *app->blobs_,
                                                              config.calendarOffsetMinutes);
  app->mandateHook_ = std::make_unique<MandateHook>(*app->mandates_);
  app->cases_->addHook(app->mandateHook_.get());
  app->video_->setSubjectLink(app->mandateHook_.get());
  app->payments_->setMandateUses(app->mandates_.get());
  priority::GreenChannelOptions greenOptions;
  greenOptions.decisionMinutes = config.greenChannelDecisionMinutes;
  greenOptions.expeditedDays = config.greenChannelDays;
  greenOptions.calendarOffsetMinutes = config.calendarOffsetMinutes;
  app->greenChannel_ =
      std::make_unique<priority::GreenChannelService>(*app->db_, clock, ref, greenOptions);
  app->difficult_ = std::make_unique<priority::DifficultCaseService>(
      *app->db_, clock, ref,
      priority::DifficultOptions{config.difficultTeamDays, config.calendarOffsetMinutes});
  app->priorityHook_ = std::make_unique<PriorityHook>(*app->greenChannel_, *app->difficult_);
  app->cases_->addHook(app->priorityHook_.get());
  api::ApiOptions apiOptions;
  apiOptions.iceServersJson = config.iceServersJson;
  apiOptions.secureCookies = config.secureCookies;
  apiOptions.maxUploadBody = size_t(config.maxUploadMb) * 1024 * 1024;
  apiOptions.webRoot = config.webRoot;
  apiOptions.carrierSecrets = config.carrierSecrets;
  app->deps_.reset(new api::ApiDeps{
      *app->db_,         clock,           *app->reference_,    *app->accounts_, *app->cases_,
      *app->documents_,  app->metrics_,   *app->appointments_, *app->video_,    app->hub_,
      *app->consult_,    *app->faq_,      *app->inbox_,        *app->webhooks_, *app->accessLog_,
      *app->unitEditor_, *app->keys_,     *app->results_,      *app->payments_, *app->delivery_,
      *app->persons_,    *app->mandates_, apiOptions});
  app->deps_->greenChannel = app->greenChannel_.get();
  app->deps_->difficult = app->difficult_.get();
  api::RegisterRoutes(app->router_, *app->deps_);
  http::ServerOptions so;
  so.host = config.host;
  so.port = static_cast<unsigned short>(config.port);
  so.ioThreads = config.ioThreads;
  so.workerThreads = config.workerThreads;
  so.tempDir = app->blobs_->tempDir();
  app->http_ = std::make_unique<http::HttpServer>(so, app->router_, app->metrics_);
  app->relay_ = std::make_unique<OutboxRelay>(*app->db_, clock);
  app->relay_->addSink([](const std::vector<db::OutboxRow>& events) {
    for (const auto& e : events)
      log::Write(log::Level::kDebug, "event", {{"topic", e.topic}, {"id", e.id}});
    return true;
  });
  app->notifications_ = std::make_unique<notify::NotificationCenter>(
      *app->db_, clock, !config.smtpUrl.empty(),
      [raw](int64_t userId, const json::object& message) {
        raw->hub_.broadcast(api::UserRoom(userId), json::serialize(message));
      },
      notify::Lookups{[raw] { return raw->reference_->get()->catalog; },
                      [raw] { return raw->reference_->get()->units; }});
  app->relay_->addSink([raw](const std::vector<db::OutboxRow>& events) {
    return raw->notifications_->handle(events);
  });
  notify::DeliveryOptions dopts;
  dopts.smtpUrl = config.smtpUrl;
  dopts.smtpFrom = config.smtpFrom;
  dopts.backoff = std::chrono::milliseconds(config.deliveryBackoffMs);
  app->deliveries_ = std::make_unique<notify::DeliveryWorker>(*app->db_, clock, dopts);
  log::Info("catalogue loaded",
            {{"items", ref.get()->catalog->size()}, {"units", ref.get()->units->all().size()}});
  return app;
}

App::~App() {
  hub_.clear();  // peers hold sockets of the server's I/O context: drop them first
  reminders_.stop();
  escalations_.stop();
  if (relay_) relay_->stop();
  if (deliveries_) deliveries_->stop();
  http_.reset();
  if (db_) db_->close();
}

Status App::listen() { return http_->listen(); }

void App::run(bool handleSignals) {
  relay_->start();
  deliveries_->start();
  // Appointment reminders, a day ahead, checked at start and then every minute.
  reminders_.start(std::chrono::seconds(60), [this] {
    auto n = appointments_->sendReminders(std::chrono::hours(24));
    if (!n.ok()) log::Warn("reminders failed", {{"error", n.status().message()}});
  });
  reminders_.wake();
  // Green-channel requests nobody answered in time move one level up the unit tree.
  escalations_.start(std::chrono::seconds(60), [this] {
    auto n = greenChannel_->escalateDue(clock_->now());
    if (!n.ok()) log::Warn("green-channel escalation failed", {{"error", n.status().message()}});
  });
  log::Info("listening", {{"host", config_.host}, {"port", http_->port()}});
  http_->run(handleSignals);
  hub_.clear();
  reminders_.stop();
  escalations_.stop();
  relay_->stop();
  deliveries_->stop();
  db_->close();
}

void App::stop() { http_->stop(); }

Status Migrate(const Config& config) {
  TB_ASSIGN_OR_RETURN(auto db, OpenDb(config, true));
  std::printf("database %s is at schema version %d\n", config.dbPath().c_str(),
              db->schemaVersion());
  db->close();
  return Status::Ok();
}

Status SeedDemo(const Config& config, const Clock& clock, bool printLogins) {
  TB_ASSIGN_OR_RETURN(auto db, OpenDb(config, false));
  TB_ASSIGN_OR_RETURN(auto data, catalog::LoadCatalogDir(config.catalogDir, clock.now()));
  TB_RETURN_IF_ERROR(catalog::StoreCatalog(*db, data));
  size_t business = 0;
  for (const auto& i : data.items) business += i.kind == "business";
  std::printf(
      "catalogue: %zu categories, %zu business items, %zu query items, %zu units, %zu workflows\n",
      data.categories.size(), business, data.items.size() - business, data.units.size(),
      data.workflows.size());
  std::string languages = "zh, en";
  for (const auto& l : data.languages) languages += ", " + l;
  std::printf("catalogue languages: %s (catalog/i18n)\n", languages.c_str());

  struct Demo {
    const char* email;
    const char* password;
    const char* name;
    const char* role;
    const char* unit;
  };
  static const Demo kDemo[] = {
      {"admin@demo.tongban.example", "demo-admin-2026", "Demo Administrator", "admin", ""},
      {"officer.qingtian@demo.tongban.example", "demo-officer-2026", "Officer Chen (Qingtian)",
       "officer", "QT-EEB"},
      {"supervisor.qingtian@demo.tongban.example", "demo-supervisor-2026",
       "Supervisor Lin (Qingtian)", "supervisor", "QT-EEB"},
      {"officer.wenzhou@demo.tongban.example", "demo-officer-2026", "Officer Wang (Wenzhou)",
       "officer", "WZ-EEB"},
      {"specialist.qingtian@demo.tongban.example", "demo-specialist-2026",
       "Officer Xu (difficult-case team)", "officer", "QT-SPECIAL"},
      {"liaison.milan@demo.tongban.example", "demo-liaison-2026", "Liaison Officer Hu (Milan)",
       "liaison", "LS-MILAN"},
      {"applicant@demo.tongban.example", "demo-applicant-2026", "Zhang Wei", "applicant", ""},
  };
  std::vector<db::UnitRow> units;
  TB_RETURN_IF_ERROR(db->read([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(units, tx.units().all());
    return Status::Ok();
  }));
  catalog::UnitDirectory dir(std::move(units));
  accounts::AccountService accounts(*db, clock, AccountOpts(config));
  if (printLogins) std::printf("demo log-ins (e-mail / password / role):\n");
  for (const auto& d : kDemo) {
    std::optional<int64_t> unitId;
    if (*d.unit) {
      const auto* u = dir.byCode(d.unit);
      if (!u) return Status::Internal(std::string("demo unit missing: ") + d.unit);
      unitId = u->id;
    }
    bool exists =
        db->read([&](db::Transaction& tx) { return tx.users().byEmail(d.email).status(); }).ok();
    if (!exists) {
      auto u = accounts.createUser(CliActor(), d.email, d.password, d.name, d.role, unitId);
      if (!u.ok()) return u.status();
    }
    if (printLogins)
      std::printf("  %-44s %-22s %s%s%s\n", d.email, d.password, d.role, *d.unit ? " @ " : "",
                  d.unit);
  }
  db->close();
  return Status::Ok();
}

Status SeedSynthetic(const Config& config, const Clock& clock, int64_t n) {
  TB_ASSIGN_OR_RETURN(auto db, OpenDb(config, false));
  TB_ASSIGN_OR_RETURN(auto ref, reference::Load(*db));
  // Nine in ten cases are first passports (one officer decides), one in ten urgent renewals
  // (a supervisor countersigns), so every step of both workflows has cases waiting in it.
  const auto* item = ref->catalog->item("EE-001");
  const auto* urgent = ref->catalog->item("EE-012");
  if (!item || !urgent)
    return Status::Internal("synthetic seed needs items EE-001 and EE-012 of the demo catalogue");
  const auto* unit = ref->units->byCode(item->owner);
  if (!unit || urgent->owner != item->owner)
    return Status::Internal("synthetic seed needs EE-001 and EE-012 owned by one unit");
  std::string hash;
  TB_ASSIGN_OR_RETURN(hash,
                      crypto::HashPassword("synthetic-password", crypto::PasswordCost::Minimum()));
  const int64_t kApplicants = std::max<int64_t>(1, n / 20);
  std::mt19937_64 rng(42);
  TimePoint now = clock.now();
  std::vector<int64_t> applicantIds;
  TB_RETURN_IF_ERROR(db->write([&](db::Transaction& tx) -> Status {
    for (int64_t i = 0; i < kApplicants; ++i) {
      db::UserRow u;
      u.email = "synthetic" + std::to_string(i) + "-" + crypto::RandomToken(4) +
                "@synthetic.tongban.example";
      u.passwordHash = hash;
      u.displayName = "Synthetic Applicant " + std::to_string(i);
      u.role = "applicant";
      u.verificationEvidence = "[]";
      u.createdAt = now;
      TB_ASSIGN_OR_RETURN(int64_t id, tx.users().insert(u));
      applicantIds.push_back(id);
    }
    return Status::Ok();
  }));
  static const char* kStates[] = {"submitted", "accepted", "in_review", "needs_supplement",
                                  "approved",  "issued",   "closed"};
  static const char* kTwoLevelStates[] = {"in_review", "pending_second", "approved"};
  const int64_t kBatch = 2000;
  for (int64_t done = 0; done < n; done += kBatch) {
    TB_RETURN_IF_ERROR(db->write([&](db::Transaction& tx) -> Status {
      for (int64_t i = done; i < std::min(n, done + kBatch); ++i) {
        db::CaseRow c;
        c.caseNo = "TB-SYN-" + std::to_string(i) + "-" + crypto::RandomToken(3);
        bool twoLevel = i % 10 == 9;
        const catalog::Item* it = twoLevel ? urgent : item;
        c.itemCode = it->code;
        c.workflow = it->workflow;
        c.applicantId = applicantIds[size_t(rng() % applicantIds.size())];
        c.submittedById = c.applicantId;
        c.unitId = unit->id;
        c.state = twoLevel ? kTwoLevelStates[rng() % 3] : kStates[rng() % 7];
        c.formJson =
            R"({"surname":"ZHANG","given_names":"WEI","sex":"M","date_of_birth":"1980-01-01"})";
        c.createdAt = c.updatedAt = now;
        c.submittedAt = now;
        c.version = 1;
        TB_ASSIGN_OR_RETURN(c.id, tx.cases().insert(c));
        TB_RETURN_IF_ERROR(tx.cases().appendHistory({0, c.id, now, "draft", c.state, "synthetic",
                                                     c.applicantId, "applicant", c.unitId, ""}));
      }
      return Status::Ok();
    }));
  }
  std::printf("synthetic: %lld cases for %lld applicants\n", static_cast<long long>(n),
              static_cast<long long>(kApplicants));
  db->close();
  return Status::Ok();
}

Status AddUser(const Config& config, const Clock& clock, const std::string& email,
               const std::string& password, const std::string& name, const std::string& role,
               const std::string& unitCode) {
  TB_ASSIGN_OR_RETURN(auto db, OpenDb(config, false));
  std::optional<int64_t> unitId;
  if (!unitCode.empty()) {
    std::vector<db::UnitRow> units;
    TB_RETURN_IF_ERROR(db->read([&](db::Transaction& tx) -> Status {
      TB_ASSIGN_OR_RETURN(units, tx.units().all());
      return Status::Ok();
    }));
    catalog::UnitDirectory dir(std::move(units));
    const auto* u = dir.byCode(unitCode);
    if (!u)
      return Status::InvalidArgument("unit '" + unitCode +
                                     "' does not exist (see GET /api/v1/units)");
    unitId = u->id;
  }
  accounts::AccountService accounts(*db, clock, AccountOpts(config));
  auto u = accounts.createUser(CliActor(), email, password, name, role, unitId);
  if (!u.ok()) return u.status();
  std::printf("created %s (%s) id %lld\n", u->email.c_str(), u->role.c_str(),
              static_cast<long long>(u->id));
  db->close();
  return Status::Ok();
}

}  // namespace tongban::server
