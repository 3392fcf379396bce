#include "http/metrics.h"

#include <cstdio>

namespace tongban::http {

void Metrics::observeRequest(const std::string& route, unsigned status, double seconds) {
  std::lock_guard lock(mu_);
  ++requests_[{route, status}];
  auto& h = latency_[route];
  size_t i = 0;
  while (i < kLatencyBuckets.size() && seconds > kLatencyBuckets[i]) ++i;
  ++h.counts[i];
  h.sum += seconds;
  ++h.n;
}

void Metrics::observeCommitBatch(size_t n) {
  std::lock_guard lock(mu_);
  size_t i = 0;
  while (i < kBatchBuckets.size() && double(n) > kBatchBuckets[i]) ++i;
  ++batches_.counts[i];
  batches_.sum += double(n);
  ++batches_.n;
}

namespace {
std::string Num(double d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", d);
  return buf;
}
std::string Escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}
template <size_t N>
void RenderHistogram(std::string& out, const std::string& name, const std::string& labels,
                     const std::array<double, N>& bounds, const std::array<uint64_t, 13>& counts,
                     double sum, uint64_t n) {
  uint64_t cumulative = 0;
  std::string sep = labels.empty() ? "" : labels + ",";
  for (size_t i = 0; i < N; ++i) {
    cumulative += counts[i];
    out += name + "_bucket{" + sep + "le=\"" + Num(bounds[i]) + "\"} " +
           std::to_string(cumulative) + "\n";
  }
  out += name + "_bucket{" + sep + "le=\"+Inf\"} " + std::to_string(n) + "\n";
  std::string l = labels.empty() ? "" : "{" + labels + "}";
  out += name + "_sum" + l + " " + Num(sum) + "\n";
  out += name + "_count" + l + " " + std::to_string(n) + "\n";
}
}  // namespace

std::string Metrics::render() const {
  std::lock_guard lock(mu_);
  std::string out;
  out += "# HELP tongban_http_requests_total HTTP requests by route and status.\n";
  out += "# TYPE tongban_http_requests_total counter\n";
  for (const auto& [key, n] : requests_)
    out += "tongban_http_requests_total{route=\"" + Escape(key.first) + "\",status=\"" +
           std::to_string(key.second) + "\"} " + std::to_string(n) + "\n";
  out +=
      "# HELP tongban_http_request_duration_seconds Time from request header to response "
      "written.\n";
  out += "# TYPE tongban_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_)
    RenderHistogram(out, "tongban_http_request_duration_seconds", "route=\"" + Escape(route) + "\"",
                    kLatencyBuckets, h.counts, h.sum, h.n);
  out += "# HELP tongban_db_commit_batch_size Transactions that shared one group commit.\n";
  out += "# TYPE tongban_db_commit_batch_size histogram\n";
  RenderHistogram(out, "tongban_db_commit_batch_size", "", kBatchBuckets, batches_.counts,
                  batches_.sum, batches_.n);
  return out;
}

}  // namespace tongban::http
