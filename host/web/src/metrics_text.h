// Prometheus text exposition format 0.0.4 (what GET /metrics answers):
// https://prometheus.io/docs/instrumenting/exposition_formats/
//
//   # HELP convoca_http_requests_total HTTP requests answered.
//   # TYPE convoca_http_requests_total counter
//   convoca_http_requests_total{route="/api/search",method="GET",code="200"} 3
//
// Poco has no Prometheus module, and the format is small: a family is a HELP
// and a TYPE line followed by its samples. The writer checks names, so a typo
// fails a test instead of a scrape, and escapes label values and help text.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace convoca::web::metrics {

inline constexpr const char* kContentType = "text/plain; version=0.0.4; charset=utf-8";

using Labels = std::vector<std::pair<std::string, std::string>>;

enum class MetricType { Counter, Gauge, Histogram };

// [a-zA-Z_:][a-zA-Z0-9_:]*
bool isValidMetricName(std::string_view name);
// [a-zA-Z_][a-zA-Z0-9_]*, and not starting with "__" (reserved).
bool isValidLabelName(std::string_view name);

// Label values: backslash, double quote and line feed as \\, \" and \n.
std::string escapeLabelValue(std::string_view value);
// HELP text: backslash and line feed as \\ and \n.
std::string escapeHelp(std::string_view text);
// A sample value as Go's ParseFloat reads it: integers without exponent or
// fraction, +Inf, -Inf, NaN, otherwise the shortest exact decimal.
std::string formatValue(double value);

// One histogram's state: `bucketCounts[i]` observations at most
// `upperBounds[i]` (not cumulative; the writer accumulates), `overflow` above
// the last bound, and the sum of all observed values.
struct HistogramData {
  std::vector<double> upperBounds; // ascending
  std::vector<uint64_t> bucketCounts;
  uint64_t overflow = 0;
  double sum = 0;
};

class ExpositionWriter {
public:
  // Starts a family: its HELP and TYPE lines. Samples of the family follow
  // until the next family. Throws std::invalid_argument for an invalid name,
  // a name already written, or a counter whose name does not end in _total.
  void family(const std::string& name, MetricType type, const std::string& help);

  // A counter or gauge sample of the current family. Throws
  // std::invalid_argument for an invalid or duplicate label name, or when no
  // family or a histogram family is open.
  void sample(const Labels& labels, double value);

  // The _bucket lines (cumulative, ending in le="+Inf"), _sum and _count of
  // the current histogram family. `labels` must not contain "le".
  void histogram(const Labels& labels, const HistogramData& data);

  const std::string& text() const { return text_; }

private:
  void line(const std::string& name, const Labels& labels, double value);

  std::string text_;
  std::string current_;
  MetricType currentType_ = MetricType::Gauge;
  std::set<std::string> written_;
};

} // namespace convoca::web::metrics
