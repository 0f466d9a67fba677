#include "latency.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace convoca::bench {
namespace {

double percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const auto rank = static_cast<size_t>(std::ceil(p / 100.0 * static_cast<double>(sorted.size())));
  return sorted[std::clamp<size_t>(rank, 1, sorted.size()) - 1];
}

} // namespace

std::vector<double> timeEach(size_t count, size_t warmup, const std::function<void(size_t)>& run) {
  for (size_t i = 0; i < warmup && count > 0; ++i) run(i % count);
  std::vector<double> samples;
  samples.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    const auto start = std::chrono::steady_clock::now();
    run(i);
    samples.push_back(secondsSince(start) * 1000.0);
  }
  return samples;
}

LatencySummary summarise(std::vector<double> samplesMs) {
  std::sort(samplesMs.begin(), samplesMs.end());
  LatencySummary summary;
  summary.p50Ms = percentile(samplesMs, 50);
  summary.p95Ms = percentile(samplesMs, 95);
  summary.p99Ms = percentile(samplesMs, 99);
  if (!samplesMs.empty())
    summary.meanMs =
        std::accumulate(samplesMs.begin(), samplesMs.end(), 0.0) / static_cast<double>(samplesMs.size());
  return summary;
}

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace convoca::bench
