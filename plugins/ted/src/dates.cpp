#include "dates.h"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeParser.h>

namespace ted {
namespace {

// "2020-02-04+02:00" -> {"2020-02-04", "+02:00"}; "10:00:00Z" -> {"10:00:00", "Z"}.
std::pair<std::string, std::string> splitOffset(const std::string& text, size_t searchFrom) {
  const auto at = text.find_first_of("+-Z", searchFrom);
  if (at == std::string::npos) return {text, ""};
  return {text.substr(0, at), text.substr(at)};
}

// Poco's parser checks ranges but skips over stray letters, so the shape is checked first:
// 'd' is a digit, any other character stands for itself.
bool hasShape(const std::string& text, const std::string& shape) {
  if (text.size() != shape.size()) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    const bool digit = text[i] >= '0' && text[i] <= '9';
    if (shape[i] == 'd' ? !digit : text[i] != shape[i]) return false;
  }
  return true;
}

bool isClock(const std::string& clock) {
  const auto dot = clock.find('.');
  const std::string fraction = dot == std::string::npos ? "" : clock.substr(dot + 1);
  return hasShape(clock.substr(0, dot), "dd:dd:dd") &&
         (dot == std::string::npos || hasShape(fraction, std::string(fraction.size(), 'd')));
}

bool isOffset(const std::string& offset) {
  return offset == "Z" || hasShape(offset, "+dd:dd") || hasShape(offset, "-dd:dd");
}

bool isInstant(const std::string& text) {
  Poco::DateTime parsed;
  int zone = 0;
  return Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::ISO8601_FRAC_FORMAT, text, parsed, zone);
}

bool isDate(const std::string& text) {
  Poco::DateTime parsed;
  int zone = 0;
  return hasShape(text, "dddd-dd-dd") && Poco::DateTimeParser::tryParse("%Y-%m-%d", text, parsed, zone);
}

} // namespace

std::optional<Deadline> deadlineFrom(const std::string& date, const std::string& time,
                                     const convoca::sdk::Host& host) {
  // The date part is always ten characters, so its own hyphens are skipped.
  const auto [day, dateOffset] = splitOffset(date, 10);
  if (!isDate(day)) return std::nullopt;
  Deadline deadline;
  deadline.raw = time.empty() ? date : date + " " + time;
  deadline.timeAssumed = time.empty();
  const auto [clock, timeOffset] =
      time.empty() ? std::make_pair(std::string(kAssumedTime), std::string()) : splitOffset(time, 0);
  if (!isClock(clock) || (!dateOffset.empty() && !isOffset(dateOffset)) ||
      (!timeOffset.empty() && !isOffset(timeOffset)))
    return std::nullopt;
  const std::string offset = timeOffset.empty() ? dateOffset : timeOffset;
  if (offset.empty()) {
    const auto local = host.localToRfc3339(kFallbackZone, day + "T" + clock);
    if (!local) return std::nullopt;
    deadline.instant = *local;
    return deadline;
  }
  deadline.instant = day + "T" + clock + offset;
  if (!isInstant(deadline.instant)) return std::nullopt;
  return deadline;
}

} // namespace ted
