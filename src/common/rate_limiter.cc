#include "common/rate_limiter.h"

namespace tongban {

int64_t RateLimiter::take(const std::string& key, TimePoint now) {
  std::lock_guard lock(mu_);
  auto it = slots_.find(key);
  if (it == slots_.end()) {
    if (slots_.size() >= maxKeys_) {
      std::erase_if(slots_, [&](const auto& kv) { return now - kv.second.start >= window_; });
      if (slots_.size() >= maxKeys_) return window_.count();
    }
    it = slots_.emplace(key, Slot{now, 0}).first;
  }
  Slot& s = it->second;
  if (now - s.start >= window_) s = Slot{now, 0};
  if (s.count >= limit_) {
    auto left = std::chrono::duration_cast<std::chrono::seconds>(s.start + window_ - now).count();
    return std::max<int64_t>(1, left);
  }
  ++s.count;
  return 0;
}

}  // namespace tongban
