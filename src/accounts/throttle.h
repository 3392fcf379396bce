#pragma once
// Counts failed log-ins per key (an account, an IP) in a sliding window and refuses further
// attempts once a limit is reached. In memory: each node throttles on its own.

#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

#include "common/clock.h"

namespace tongban::accounts {

class Throttle {
 public:
  Throttle(size_t limit, std::chrono::seconds window) : limit_(limit), window_(window) {}
  //! Seconds until another attempt is allowed for `key`; 0 when allowed now.
  int64_t retryAfter(const std::string& key, TimePoint now);
  void recordFailure(const std::string& key, TimePoint now);
  void reset(const std::string& key);

 private:
  void prune(std::deque<TimePoint>& q, TimePoint now);
  size_t limit_;
  std::chrono::seconds window_;
  std::mutex mu_;
  std::unordered_map<std::string, std::deque<TimePoint>> failures_;  // guarded by mu_
};

}  // namespace tongban::accounts
