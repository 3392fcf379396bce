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
  Status m =
      db_.write([&](db::Transaction& tx) { return tx.outbox().markDelivered(done, clock_.now()); });
  if (!m.ok()) {
    log::Warn("outbox mark failed", {{"error", m.message()}});
    return 0;
  }
  delivered_ += done.size();
  return done.size();
}

void OutboxRelay::start() {
  worker_.start(std::chrono::milliseconds(500), [this] {
    while (runOnce() == 200) {  // a full batch: there may be more
    }
  });
}

void OutboxRelay::poke() { worker_.wake(); }

void OutboxRelay::stop() { worker_.stop(); }

}  // namespace tongban::server
