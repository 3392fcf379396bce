#include "common/background_worker.h"

#include <utility>

namespace tongban {

void BackgroundWorker::start(std::chrono::milliseconds period, std::function<void()> tick) {
  if (thread_.joinable()) return;
  {
    std::lock_guard lock(mu_);
    stop_ = false;
  }
  thread_ = std::thread([this, period, tick = std::move(tick)] {
    for (;;) {
      {
        std::unique_lock lock(mu_);
        cv_.wait_for(lock, period, [&] { return stop_ || woken_; });
        if (stop_) return;
        woken_ = false;
      }
      tick();
    }
  });
}

void BackgroundWorker::wake() {
  {
    std::lock_guard lock(mu_);
    woken_ = true;
  }
  cv_.notify_one();
}

void BackgroundWorker::stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace tongban
