#include "server/outbox_relay.h"

#include "common/log.h"

namespace tongban::server {

size_t OutboxRelay::runOnce() {
  std::vector<db::OutboxRow> batch;
  Status s = db_.read([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(batch, tx.outbox().pending(200));
    return Status::Ok();
  });
  if (!s.ok() || batch.empty()) return 0;
  for (const auto& sink : sinks_)
    if (!sink(batch)) return 0;  // keep order: the whole batch is offered again next time
  std::vector<int64_t> done;
  for (const auto& e : batch) done.push_back(e.id);
  if (done.empty()) return 0;
  Status m = db_.write([&](db::Transaction& tx) {
    return tx.outbox().markDelivered(done, FormatTimestamp(clock_.now()));
  });
  if (!m.ok()) {
    log::Warn("outbox mark failed", {{"error", m.message()}});
    return 0;
  }
  delivered_ += done.size();
  return done.size();
}

void OutboxRelay::start() {
  thread_ = std::thread([this] {
    for (;;) {
      {
        std::unique_lock lock(mu_);
        cv_.wait_for(lock, std::chrono::milliseconds(500), [&] { return stop_ || poked_; });
        if (stop_) return;
        poked_ = false;
      }
      while (runOnce() == 200) {
      }
    }
  });
}

void OutboxRelay::poke() {
  {
    std::lock_guard lock(mu_);
    poked_ = true;
  }
  cv_.notify_one();
}

void OutboxRelay::stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace tongban::server
