#pragma once
// Moves committed outbox events to their consumers, in order, at least once. Today the
// consumers are in-process (structured log, counters); WebSocket pushes, e-mail and webhooks
// subscribe here. An event is marked delivered only after every sink accepted it.

#include <atomic>
#include <functional>
#include <vector>

#include "common/background_worker.h"
#include "common/clock.h"
#include "db/database.h"

namespace tongban::server {

//! Takes a batch of events in order; returns false to have the whole batch offered again later.
using OutboxSink = std::function<bool(const std::vector<db::OutboxRow>&)>;

class OutboxRelay {
 public:
  OutboxRelay(db::Database& db, const Clock& clock) : db_(db), clock_(clock) {}
  ~OutboxRelay() { stop(); }
  void addSink(OutboxSink sink) { sinks_.push_back(std::move(sink)); }
  void start();
  //! Wakes the relay now (called after commits); otherwise it polls every 500 ms.
  void poke();
  void stop();
  //! Delivers one batch synchronously; returns how many events were delivered.
  size_t runOnce();
  uint64_t delivered() const { return delivered_.load(); }

 private:
  db::Database& db_;
  const Clock& clock_;
  std::vector<OutboxSink> sinks_;
  std::atomic<uint64_t> delivered_{0};
  BackgroundWorker worker_;  // last: stopped before the members its ticks use go away
};

}  // namespace tongban::server
