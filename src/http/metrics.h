#pragma once
// Prometheus text-format metrics: requests by route and status, a latency histogram per route,
// and the size of group commits.

#include <array>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace tongban::http {

class Metrics {
 public:
  void observeRequest(const std::string& route, unsigned status, double seconds);
  void observeCommitBatch(size_t transactions);
  //! The exposition text (text/plain; version=0.0.4).
  std::string render() const;

 private:
  static constexpr std::array<double, 12> kLatencyBuckets = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};
  static constexpr std::array<double, 10> kBatchBuckets = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512};
  struct Histogram {
    std::array<uint64_t, 13> counts{};  // one per bucket plus +Inf
    double sum = 0;
    uint64_t n = 0;
  };
  mutable std::mutex mu_;
  std::map<std::pair<std::string, unsigned>, uint64_t> requests_;  // guarded by mu_
  std::map<std::string, Histogram> latency_;                       // guarded by mu_
  Histogram batches_;                                              // guarded by mu_
};

}  // namespace tongban::http
