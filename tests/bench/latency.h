// Latency samples and their percentiles.
#pragma once

#include <chrono>
#include <functional>
#include <vector>

namespace convoca::bench {

struct LatencySummary {
  double p50Ms = 0;
  double p95Ms = 0;
  double p99Ms = 0;
  double meanMs = 0;
};

// Times `run(i)` for i in [0, count) after `warmup` untimed calls (i modulo count).
std::vector<double> timeEach(size_t count, size_t warmup, const std::function<void(size_t)>& run);

// Nearest-rank percentiles of samples in milliseconds.
LatencySummary summarise(std::vector<double> samplesMs);

double secondsSince(std::chrono::steady_clock::time_point start);

} // namespace convoca::bench
