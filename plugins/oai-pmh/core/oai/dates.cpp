#include "oai/dates.h"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/DateTimeParser.h>
#include <Poco/Timespan.h>
#include <stdexcept>

namespace oai {
namespace {

constexpr const char* kDayFormat = "%Y-%m-%d";
constexpr const char* kSecondsFormat = "%Y-%m-%dT%H:%M:%SZ";
constexpr size_t kDayLength = 10;     // 2026-11-27
constexpr size_t kSecondsLength = 20; // 2026-11-27T03:00:12Z

// Poco's parser is lenient; a round trip through the formatter proves the text is exact.
bool parsesExactly(const std::string& text, const char* format, Poco::DateTime& out) {
  int zone = 0;
  if (!Poco::DateTimeParser::tryParse(format, text, out, zone)) return false;
  return Poco::DateTimeFormatter::format(out, format) == text;
}

Poco::DateTime dayOf(const std::string& text) {
  Poco::DateTime day;
  if (text.size() < kDayLength || !parsesExactly(text.substr(0, kDayLength), kDayFormat, day))
    throw std::invalid_argument("not a date: " + text);
  return day;
}

} // namespace

bool granularityFrom(const std::string& text, Granularity& out) {
  if (text == kDayGranularity) {
    out = Granularity::Day;
    return true;
  }
  if (text == kSecondsGranularity) {
    out = Granularity::Seconds;
    return true;
  }
  return false;
}

bool isDatestamp(const std::string& text) {
  Poco::DateTime parsed;
  if (text.size() == kDayLength) return parsesExactly(text, kDayFormat, parsed);
  if (text.size() == kSecondsLength) return parsesExactly(text, kSecondsFormat, parsed);
  return false;
}

std::string atGranularity(const std::string& datestamp, Granularity granularity) {
  if (granularity == Granularity::Day && datestamp.size() > kDayLength)
    return datestamp.substr(0, kDayLength);
  return datestamp;
}

std::string todayUtc() {
  return Poco::DateTimeFormatter::format(Poco::DateTime(), kDayFormat);
}

std::string addDays(const std::string& day, int days) {
  Poco::DateTime moved = dayOf(day);
  moved += Poco::Timespan(days, 0, 0, 0, 0);
  return Poco::DateTimeFormatter::format(moved, kDayFormat);
}

std::vector<Window> windowsFrom(const std::string& start, const std::string& today, int windowDays) {
  if (start.empty() || windowDays <= 0) return {Window{start, ""}};
  std::string from = start.substr(0, kDayLength);
  if (addDays(from, windowDays - 1) >= today) return {Window{start, ""}};
  std::vector<Window> windows;
  // ISO dates compare correctly as strings.
  while (addDays(from, windowDays - 1) < today) {
    const std::string until = addDays(from, windowDays - 1);
    windows.push_back(Window{from, until});
    from = addDays(until, 1);
  }
  windows.push_back(Window{from, ""});
  return windows;
}

} // namespace oai
