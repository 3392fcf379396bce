#pragma once
// One background thread that runs a task every `period`, or at once when woken, until stopped.
// The outbox relay, the delivery worker and the appointment reminders each own one.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace tongban {

class BackgroundWorker {
 public:
  BackgroundWorker() = default;
  BackgroundWorker(const BackgroundWorker&) = delete;
  BackgroundWorker& operator=(const BackgroundWorker&) = delete;
  //! Stops (and joins) the thread.
  ~BackgroundWorker() { stop(); }

  //! Starts the thread: it waits until `period` has passed or wake() is called, runs `tick`, and
  //! waits again, until stop(). The first tick comes after the first wait; call wake() after
  //! start() to have one at once. Does nothing if the thread is already running; after stop()
  //! it starts a new one. Call start() and stop() from the owner, not from `tick`.
  void start(std::chrono::milliseconds period, std::function<void()> tick);
  //! Runs the next tick now, or right after the current one if a tick is running; wakes that
  //! arrive before the thread gets to them count once. A wake before start() is kept for it.
  void wake();
  //! Ends the thread and joins it; a tick that is running finishes first. Safe to call again,
  //! and without start().
  void stop();

 private:
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;   // guarded by mu_
  bool woken_ = false;  // guarded by mu_
};

}  // namespace tongban
