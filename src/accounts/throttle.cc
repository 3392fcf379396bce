#include "accounts/throttle.h"

namespace tongban::accounts {

void Throttle::prune(std::deque<TimePoint>& q, TimePoint now) {
  while (!q.empty() && q.front() + window_ <= now) q.pop_front();
}

int64_t Throttle::retryAfter(const std::string& key, TimePoint now) {
  std::lock_guard lock(mu_);
  auto it = failures_.find(key);
  if (it == failures_.end()) return 0;
  prune(it->second, now);
  if (it->second.size() < limit_) {
    if (it->second.empty()) failures_.erase(it);
    return 0;
  }
  auto wait = std::chrono::duration_cast<std::chrono::seconds>(it->second.front() + window_ - now);
  return std::max<int64_t>(1, wait.count());
}

void Throttle::recordFailure(const std::string& key, TimePoint now) {
  std::lock_guard lock(mu_);
  if (failures_.size() > 100000) failures_.clear();  // bound memory under a spray of keys
  auto& q = failures_[key];
  prune(q, now);
  q.push_back(now);
}

void Throttle::reset(const std::string& key) {
  std::lock_guard lock(mu_);
  failures_.erase(key);
}

}  // namespace tongban::accounts
