#pragma once
// Allows at most `limit` events per key (a client address) in each fixed window. In memory:
// each node limits on its own. The table is bounded: past `maxKeys` keys, windows that ended are
// dropped, and if every key is still live a new key is refused (a flood of addresses must not
// grow memory without end).

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "common/clock.h"

namespace tongban {

class RateLimiter {
 public:
  RateLimiter(int limit, std::chrono::seconds window, size_t maxKeys = 100000)
      : limit_(limit), window_(window), maxKeys_(maxKeys) {}
  //! Counts one event for `key`; returns 0 when allowed, else the seconds until it would be.
  int64_t take(const std::string& key, TimePoint now);

 private:
  struct Slot {
    TimePoint start;
    int count = 0;
  };
  int limit_;
  std::chrono::seconds window_;
  size_t maxKeys_;
  std::mutex mu_;
  std::unordered_map<std::string, Slot> slots_;  // guarded by mu_
};

}  // namespace tongban
