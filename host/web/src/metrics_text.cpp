#include "metrics_text.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <stdexcept>

namespace convoca::web::metrics {

namespace {

bool isLetter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool isDigit(char c) {
  return c >= '0' && c <= '9';
}

std::string renderLabels(const Labels& labels) {
  if (labels.empty()) return "";
  std::set<std::string> seen;
  std::string text = "{";
  for (const auto& [name, value] : labels) {
    if (!isValidLabelName(name)) throw std::invalid_argument("invalid label name \"" + name + "\"");
    if (!seen.insert(name).second) throw std::invalid_argument("label \"" + name + "\" given twice");
    if (text.size() > 1) text += ',';
    text += name + "=\"" + escapeLabelValue(value) + "\"";
  }
  return text + "}";
}

const char* typeName(MetricType type) {
  switch (type) {
  case MetricType::Counter:
    return "counter";
  case MetricType::Gauge:
    return "gauge";
  case MetricType::Histogram:
    return "histogram";
  }
  return "untyped";
}

bool endsWith(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

} // namespace

bool isValidMetricName(std::string_view name) {
  if (name.empty() || isDigit(name.front())) return false;
  for (char c : name)
    if (!isLetter(c) && !isDigit(c) && c != '_' && c != ':') return false;
  return true;
}

bool isValidLabelName(std::string_view name) {
  if (name.empty() || isDigit(name.front()) || name.substr(0, 2) == "__") return false;
  for (char c : name)
    if (!isLetter(c) && !isDigit(c) && c != '_') return false;
  return true;
}

std::string escapeLabelValue(std::string_view value) {
  std::string escaped;
  for (char c : value) {
    if (c == '\\')
      escaped += "\\\\";
    else if (c == '"')
      escaped += "\\\"";
    else if (c == '\n')
      escaped += "\\n";
    else
      escaped += c;
  }
  return escaped;
}

std::string escapeHelp(std::string_view text) {
  std::string escaped;
  for (char c : text) {
    if (c == '\\')
      escaped += "\\\\";
    else if (c == '\n')
      escaped += "\\n";
    else
      escaped += c;
  }
  return escaped;
}

std::string formatValue(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  // Counts and unix times are integers; print them without an exponent.
  if (value == std::trunc(value) && std::fabs(value) < 1e15) {
    char digits[32];
    std::snprintf(digits, sizeof digits, "%.0f", value);
    return digits;
  }
  char digits[32];
  std::snprintf(digits, sizeof digits, "%.17g", value);
  // The shortest form that reads back as the same double.
  for (int precision = 1; precision <= 17; ++precision) {
    char shorter[32];
    std::snprintf(shorter, sizeof shorter, "%.*g", precision, value);
    if (std::strtod(shorter, nullptr) == value) return shorter;
  }
  return digits;
}

void ExpositionWriter::family(const std::string& name, MetricType type, const std::string& help) {
  if (!isValidMetricName(name)) throw std::invalid_argument("invalid metric name \"" + name + "\"");
  if (type == MetricType::Counter && !endsWith(name, "_total"))
    throw std::invalid_argument("counter \"" + name + "\" must end in _total");
  if (!written_.insert(name).second)
    throw std::invalid_argument("metric family \"" + name + "\" written twice");
  current_ = name;
  currentType_ = type;
  text_ += "# HELP " + name + " " + escapeHelp(help) + "\n";
  text_ += "# TYPE " + name + " " + typeName(type) + "\n";
}

void ExpositionWriter::line(const std::string& name, const Labels& labels, double value) {
  text_ += name + renderLabels(labels) + " " + formatValue(value) + "\n";
}

void ExpositionWriter::sample(const Labels& labels, double value) {
  if (current_.empty()) throw std::invalid_argument("sample before any metric family");
  if (currentType_ == MetricType::Histogram)
    throw std::invalid_argument("histogram \"" + current_ + "\" takes histogram(), not sample()");
  line(current_, labels, value);
}

void ExpositionWriter::histogram(const Labels& labels, const HistogramData& data) {
  if (currentType_ != MetricType::Histogram || current_.empty())
    throw std::invalid_argument("histogram() outside a histogram family");
  if (data.upperBounds.size() != data.bucketCounts.size())
    throw std::invalid_argument("histogram \"" + current_ + "\": bounds and counts differ in number");
  for (const auto& label : labels)
    if (label.first == "le") throw std::invalid_argument("histogram labels must not contain le");
  uint64_t cumulative = 0;
  auto bucket = [&](const std::string& bound, uint64_t count) {
    Labels withBound = labels;
    withBound.emplace_back("le", bound);
    line(current_ + "_bucket", withBound, static_cast<double>(count));
  };
  for (size_t i = 0; i < data.upperBounds.size(); ++i) {
    cumulative += data.bucketCounts[i];
    bucket(formatValue(data.upperBounds[i]), cumulative);
  }
  cumulative += data.overflow;
  bucket("+Inf", cumulative);
  line(current_ + "_sum", labels, data.sum);
  line(current_ + "_count", labels, static_cast<double>(cumulative));
}

} // namespace convoca::web::metrics
