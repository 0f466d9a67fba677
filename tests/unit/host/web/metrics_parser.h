// A strict parser of the Prometheus text exposition format 0.0.4, written
// from the format's description and independent of the writer under test:
// https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format
//
// It rejects (std::runtime_error naming the line) what a Prometheus server
// would reject or what breaks the conventions the endpoint promises: bad
// metric or label names, bad escapes, a TYPE after samples or twice, samples
// of a family split apart, duplicate series, negative counters, histograms
// whose buckets are not cumulative, do not end in le="+Inf", or whose +Inf
// bucket differs from _count.
#pragma once

#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace convoca::web::testing {

struct ParsedSample {
  std::string name;
  std::map<std::string, std::string> labels;
  double value = 0;
};

struct ParsedFamily {
  std::string type = "untyped";
  std::string help;
  std::vector<ParsedSample> samples;
};

struct Exposition {
  std::map<std::string, ParsedFamily> families;

  // The value of the one sample `name` with exactly these labels; nullopt when absent.
  std::optional<double> value(const std::string& name,
                              const std::map<std::string, std::string>& labels = {}) const {
    for (const auto& [familyName, family] : families)
      for (const ParsedSample& sample : family.samples)
        if (sample.name == name && sample.labels == labels) return sample.value;
    return std::nullopt;
  }
};

namespace parser_detail {

inline const std::regex kMetricName("[a-zA-Z_:][a-zA-Z0-9_:]*");
inline const std::regex kLabelName("[a-zA-Z_][a-zA-Z0-9_]*");

inline void fail(size_t lineNumber, const std::string& line, const std::string& why) {
  throw std::runtime_error("line " + std::to_string(lineNumber) + " (" + line + "): " + why);
}

inline double parseValue(const std::string& text, size_t n, const std::string& line) {
  if (text == "+Inf") return INFINITY;
  if (text == "-Inf") return -INFINITY;
  if (text == "NaN") return NAN;
  static const std::regex number("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?");
  if (!std::regex_match(text, number)) fail(n, line, "bad value '" + text + "'");
  return std::strtod(text.c_str(), nullptr);
}

// Reads `{name="value",...}` from line[pos], leaving pos after the `}`.
inline std::map<std::string, std::string> parseLabels(const std::string& line, size_t& pos, size_t n) {
  std::map<std::string, std::string> labels;
  ++pos; // '{'
  while (pos < line.size() && line[pos] != '}') {
    const size_t eq = line.find('=', pos);
    if (eq == std::string::npos) fail(n, line, "label without =");
    const std::string name = line.substr(pos, eq - pos);
    if (!std::regex_match(name, kLabelName) || name.rfind("__", 0) == 0)
      fail(n, line, "bad label name '" + name + "'");
    pos = eq + 1;
    if (pos >= line.size() || line[pos] != '"') fail(n, line, "label value not quoted");
    std::string value;
    for (++pos;; ++pos) {
      if (pos >= line.size()) fail(n, line, "unterminated label value");
      const char c = line[pos];
      if (c == '"') break;
      if (c == '\\') {
        if (++pos >= line.size()) fail(n, line, "dangling backslash");
        const char e = line[pos];
        if (e == '\\')
          value += '\\';
        else if (e == '"')
          value += '"';
        else if (e == 'n')
          value += '\n';
        else
          fail(n, line, std::string("bad escape \\") + e);
      } else {
        value += c;
      }
    }
    ++pos; // closing quote
    if (!labels.emplace(name, value).second) fail(n, line, "label '" + name + "' twice");
    if (pos < line.size() && line[pos] == ',')
      ++pos;
    else if (pos >= line.size() || line[pos] != '}')
      fail(n, line, "expected , or }");
  }
  if (pos >= line.size()) fail(n, line, "unterminated label set");
  ++pos; // '}'
  return labels;
}

inline std::string familyOf(const std::string& sampleName,
                            const std::map<std::string, ParsedFamily>& families) {
  for (const char* suffix : {"_bucket", "_sum", "_count"}) {
    const std::string s = suffix;
    if (sampleName.size() > s.size() && sampleName.compare(sampleName.size() - s.size(), s.size(), s) == 0) {
      const std::string base = sampleName.substr(0, sampleName.size() - s.size());
      const auto found = families.find(base);
      if (found != families.end() && found->second.type == "histogram") return base;
    }
  }
  return sampleName;
}

inline void checkHistogram(const std::string& name, const ParsedFamily& family) {
  std::map<std::map<std::string, std::string>, std::vector<std::pair<double, double>>> buckets;
  std::map<std::map<std::string, std::string>, double> counts;
  std::set<std::map<std::string, std::string>> sums;
  for (const ParsedSample& sample : family.samples) {
    std::map<std::string, std::string> series = sample.labels;
    if (sample.name == name + "_bucket") {
      const auto le = series.find("le");
      if (le == series.end()) throw std::runtime_error(name + ": bucket without le");
      const double bound = le->second == "+Inf" ? INFINITY : std::strtod(le->second.c_str(), nullptr);
      series.erase(le);
      buckets[series].emplace_back(bound, sample.value);
    } else if (sample.name == name + "_count") {
      counts[series] = sample.value;
    } else if (sample.name == name + "_sum") {
      sums.insert(series);
    } else {
      throw std::runtime_error(name + ": histogram sample " + sample.name);
    }
  }
  for (const auto& [series, list] : buckets) {
    for (size_t i = 1; i < list.size(); ++i) {
      if (!(list[i].first > list[i - 1].first))
        throw std::runtime_error(name + ": buckets not in ascending le");
      if (list[i].second < list[i - 1].second) throw std::runtime_error(name + ": buckets not cumulative");
    }
    if (list.empty() || !std::isinf(list.back().first))
      throw std::runtime_error(name + ": no le=\"+Inf\" bucket");
    if (!counts.count(series) || counts.at(series) != list.back().second)
      throw std::runtime_error(name + ": +Inf bucket differs from _count");
    if (!sums.count(series)) throw std::runtime_error(name + ": no _sum");
  }
  if (counts.size() != buckets.size()) throw std::runtime_error(name + ": _count without buckets");
}

} // namespace parser_detail

inline Exposition parseExposition(const std::string& text) {
  using namespace parser_detail;
  Exposition exposition;
  std::set<std::string> typed, closed, seriesSeen;
  std::string current;
  std::istringstream lines(text);
  std::string line;
  size_t n = 0;
  if (!text.empty() && text.back() != '\n') throw std::runtime_error("the last line has no line feed");
  while (std::getline(lines, line)) {
    ++n;
    if (line.empty()) continue;
    if (line[0] == '#') {
      std::istringstream words(line);
      std::string hash, keyword, name;
      words >> hash >> keyword >> name;
      if (hash != "#" || (keyword != "HELP" && keyword != "TYPE")) continue; // a plain comment
      if (!std::regex_match(name, kMetricName)) fail(n, line, "bad metric name");
      ParsedFamily& family = exposition.families[name];
      if (closed.count(name) || (current != name && !family.samples.empty()))
        fail(n, line, "family reopened");
      if (current != name && !current.empty()) closed.insert(current);
      current = name;
      std::string rest = line.substr(line.find(name, 2 + keyword.size()) + name.size());
      if (!rest.empty()) rest = rest.substr(1);
      if (keyword == "TYPE") {
        if (!typed.insert(name).second) fail(n, line, "second TYPE");
        if (!family.samples.empty()) fail(n, line, "TYPE after samples");
        if (rest != "counter" && rest != "gauge" && rest != "histogram" && rest != "summary" &&
            rest != "untyped")
          fail(n, line, "unknown type");
        family.type = rest;
      } else {
        if (!family.help.empty()) fail(n, line, "second HELP");
        for (size_t i = 0; i < rest.size(); ++i)
          if (rest[i] == '\\' && (i + 1 >= rest.size() || (rest[i + 1] != '\\' && rest[i + 1] != 'n')))
            fail(n, line, "bad escape in HELP");
          else if (rest[i] == '\\')
            ++i;
        family.help = rest;
      }
      continue;
    }
    size_t pos = 0;
    while (pos < line.size() && line[pos] != '{' && line[pos] != ' ') ++pos;
    ParsedSample sample;
    sample.name = line.substr(0, pos);
    if (!std::regex_match(sample.name, kMetricName)) fail(n, line, "bad metric name");
    if (pos < line.size() && line[pos] == '{') sample.labels = parseLabels(line, pos, n);
    if (pos >= line.size() || line[pos] != ' ') fail(n, line, "no value");
    std::istringstream rest(line.substr(pos + 1));
    std::string value, timestamp, extra;
    rest >> value >> timestamp >> extra;
    if (!extra.empty()) fail(n, line, "trailing text");
    sample.value = parseValue(value, n, line);
    const std::string name = familyOf(sample.name, exposition.families);
    if (name != current) {
      if (closed.count(name) || exposition.families.count(name))
        fail(n, line, "samples of a family split apart");
      if (!current.empty()) closed.insert(current);
      current = name;
    }
    ParsedFamily& family = exposition.families[name];
    if (family.type == "counter" && !(sample.value >= 0)) fail(n, line, "negative counter");
    std::string key = sample.name;
    for (const auto& [k, v] : sample.labels) key += "\x1f" + k + "\x1e" + v;
    if (!seriesSeen.insert(key).second) fail(n, line, "duplicate series");
    family.samples.push_back(sample);
  }
  for (const auto& [name, family] : exposition.families)
    if (family.type == "histogram") checkHistogram(name, family);
  return exposition;
}

} // namespace convoca::web::testing
