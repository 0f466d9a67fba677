// What the server counts about its own requests, for GET /metrics: requests by
// route pattern, method and status, and a latency histogram by route.
//
// Labels stay bounded: the route is the pattern that matched ("/api/calls/*"),
// never the raw path, "unrouted" for requests no route took (404s, refusals
// before routing); methods other than the standard ones count as "OTHER".
#pragma once

#include "metrics_text.h"

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace convoca::web::metrics {

inline constexpr const char* kUnroutedLabel = "unrouted";

// Upper bounds of the latency buckets, in seconds (Prometheus' defaults).
inline constexpr std::array<double, 11> kLatencyBuckets{0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                                        0.5,   1,    2.5,   5,    10};

// "GET", "POST"... as sent when standard, else "OTHER".
std::string methodLabel(const std::string& method);

// Thread-safe: every server thread records into one instance. One mutex
// around a map update; a request costs far more than that.
class HttpMetrics {
public:
  void record(const std::string& route, const std::string& method, int status, double seconds);

  // Writes convoca_http_requests_total and
  // convoca_http_request_duration_seconds.
  void writeTo(ExpositionWriter& writer) const;

private:
  struct Latency {
    std::array<uint64_t, kLatencyBuckets.size()> buckets{};
    uint64_t overflow = 0;
    double sum = 0;
  };

  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, uint64_t> requests_;
  std::map<std::string, Latency> latency_;
};

} // namespace convoca::web::metrics
