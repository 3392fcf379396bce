#include "common/background_worker.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace tongban {
namespace {

using namespace std::chrono_literals;

// Ticks counted under a lock; tests wait for a count with a generous limit and never assert on
// how fast anything happened.
class Counter {
 public:
  void add() {
    {
      std::lock_guard lock(mu_);
      ++n_;
    }
    cv_.notify_all();
  }
  //! True once the count reaches `n` (false only if that takes longer than a minute).
  bool waitFor(int n) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, 60s, [&] { return n_ >= n; });
  }
  int value() {
    std::lock_guard lock(mu_);
    return n_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  int n_ = 0;
};

// A gate a tick can wait at until the test opens it.
class Gate {
 public:
  void open() {
    {
      std::lock_guard lock(mu_);
      open_ = true;
    }
    cv_.notify_all();
  }
  bool wait() {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, 60s, [&] { return open_; });
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool open_ = false;
};

TEST(BackgroundWorker, TicksEveryPeriodWithoutBeingWoken) {
  Counter ticks;
  BackgroundWorker w;
  w.start(1ms, [&] { ticks.add(); });
  EXPECT_TRUE(ticks.waitFor(3));
  w.stop();
}

TEST(BackgroundWorker, WakeRunsATickBeforeThePeriodEnds) {
  Counter ticks;
  BackgroundWorker w;
  w.start(24h, [&] { ticks.add(); });
  EXPECT_EQ(ticks.value(), 0);  // a day has not passed
  w.wake();
  EXPECT_TRUE(ticks.waitFor(1));
  w.wake();
  EXPECT_TRUE(ticks.waitFor(2));
  w.stop();
}

TEST(BackgroundWorker, AWakeBeforeStartIsKept) {
  Counter ticks;
  BackgroundWorker w;
  w.wake();
  w.start(24h, [&] { ticks.add(); });
  EXPECT_TRUE(ticks.waitFor(1));
}

TEST(BackgroundWorker, AWakeDuringATickIsNotLost) {
  Counter entered;
  Gate gate;
  BackgroundWorker w;
  w.start(24h, [&] {
    entered.add();
    if (entered.value() == 1) gate.wait();
  });
  w.wake();
  ASSERT_TRUE(entered.waitFor(1));
  w.wake();  // while the first tick waits at the gate
  w.wake();  // wakes before the thread gets to them count once
  gate.open();
  EXPECT_TRUE(entered.waitFor(2));
  w.stop();
}

TEST(BackgroundWorker, StopLetsTheRunningTickFinishAndJoins) {
  Counter entered;
  Gate gate;
  std::atomic<bool> finished{false};
  BackgroundWorker w;
  w.start(24h, [&] {
    entered.add();
    gate.wait();
    finished = true;
  });
  w.wake();
  ASSERT_TRUE(entered.waitFor(1));
  std::atomic<bool> finishedWhenStopped{false};
  std::thread stopper([&] {
    w.stop();
    finishedWhenStopped = finished.load();
  });
  gate.open();
  stopper.join();
  EXPECT_TRUE(finishedWhenStopped);
  int after = entered.value();
  w.wake();  // no thread any more: nothing runs
  w.stop();
  EXPECT_EQ(entered.value(), after);
}

TEST(BackgroundWorker, StopIsIdempotentAndSafeWithoutStart) {
  BackgroundWorker idle;
  idle.stop();
  idle.stop();

  Counter ticks;
  BackgroundWorker w;
  w.start(1ms, [&] { ticks.add(); });
  ASSERT_TRUE(ticks.waitFor(1));
  w.stop();
  w.stop();
}

TEST(BackgroundWorker, StartsAgainAfterStop) {
  Counter ticks;
  BackgroundWorker w;
  w.start(24h, [&] { ticks.add(); });
  w.wake();
  ASSERT_TRUE(ticks.waitFor(1));
  w.stop();
  w.start(24h, [&] { ticks.add(); });
  w.wake();
  EXPECT_TRUE(ticks.waitFor(2));
}

TEST(BackgroundWorker, DestructorStopsTheThread) {
  Counter ticks;
  {
    BackgroundWorker w;
    w.start(1ms, [&] { ticks.add(); });
    ASSERT_TRUE(ticks.waitFor(1));
  }  // joined here; a thread left running would end the program
  SUCCEED();
}

}  // namespace
}  // namespace tongban
