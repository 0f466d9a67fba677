#include "metrics_http.h"

#include <algorithm>

namespace convoca::web::metrics {

std::string methodLabel(const std::string& method) {
  static const std::array<const char*, 7> known{"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"};
  for (const char* name : known)
    if (method == name) return method;
  return "OTHER";
}

void HttpMetrics::record(const std::string& route, const std::string& method, int status, double seconds) {
  const std::string methodName = methodLabel(method);
  std::lock_guard<std::mutex> lock(mutex_);
  ++requests_[{route, methodName, status}];
  Latency& latency = latency_[route];
  const auto bound = std::lower_bound(kLatencyBuckets.begin(), kLatencyBuckets.end(), seconds);
  if (bound == kLatencyBuckets.end()) {
    ++latency.overflow;
  } else {
    ++latency.buckets[static_cast<size_t>(bound - kLatencyBuckets.begin())];
  }
  latency.sum += seconds;
}

void HttpMetrics::writeTo(ExpositionWriter& writer) const {
  std::lock_guard<std::mutex> lock(mutex_);
  writer.family("convoca_http_requests_total", MetricType::Counter,
                "HTTP requests answered, by route pattern, method and status code.");
  for (const auto& [key, count] : requests_) {
    const auto& [route, method, status] = key;
    writer.sample({{"route", route}, {"method", method}, {"code", std::to_string(status)}},
                  static_cast<double>(count));
  }
  writer.family("convoca_http_request_duration_seconds", MetricType::Histogram,
                "Time from reading a request to sending its response, by route pattern.");
  for (const auto& [route, latency] : latency_) {
    HistogramData data;
    data.upperBounds.assign(kLatencyBuckets.begin(), kLatencyBuckets.end());
    data.bucketCounts.assign(latency.buckets.begin(), latency.buckets.end());
    data.overflow = latency.overflow;
    data.sum = latency.sum;
    writer.histogram({{"route", route}}, data);
  }
}

} // namespace convoca::web::metrics
