#include "convoca/index/timeutil.h"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeParser.h>
#include <Poco/Timestamp.h>
#include <chrono>
#include <cstdlib>
#include <date/tz.h>
#include <sstream>
#include <stdexcept>

namespace convoca::index::timeutil {
namespace {

using Seconds = std::chrono::seconds;

// RFC 3339 requires an explicit offset; Poco's parser silently reads a missing
// one as UTC, so check for it before trusting the result.
bool hasExplicitOffset(const std::string& text) {
  const auto t = text.find_first_of("Tt ");
  if (t == std::string::npos) return false;
  const std::string time = text.substr(t + 1);
  return time.find_first_of("Zz+-") != std::string::npos;
}

const date::time_zone* zoneNamed(const std::string& zone) {
  try {
    return date::locate_zone(zone);
  } catch (const std::exception&) {
    throw std::runtime_error("unknown time zone '" + zone + "'");
  }
}

} // namespace

std::optional<int64_t> parseInstant(const std::string& text) {
  if (!hasExplicitOffset(text)) return std::nullopt;
  Poco::DateTime parsed;
  int tzd = 0;
  if (!Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::ISO8601_FRAC_FORMAT, text, parsed, tzd) &&
      !Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::ISO8601_FORMAT, text, parsed, tzd))
    return std::nullopt;
  parsed.makeUTC(tzd);
  return parsed.timestamp().epochTime();
}

std::string formatInstant(int64_t unixSeconds, const std::string& zone) {
  const date::sys_seconds instant{Seconds{unixSeconds}};
  if (zone == "UTC" || zone == "Z") return date::format("%FT%TZ", instant);
  const auto zoned = date::make_zoned(zoneNamed(zone), instant);
  return date::format("%FT%T%Ez", zoned);
}

std::optional<std::string> localToRfc3339(const std::string& zone, const std::string& localTime) {
  date::local_seconds local;
  bool parsed = false;
  for (const char* format : {"%FT%T", "%FT%R", "%F %T"}) {
    std::istringstream in(localTime);
    in >> date::parse(format, local);
    if (!in.fail()) {
      parsed = true;
      break;
    }
  }
  if (!parsed) return std::nullopt;
  const date::time_zone* tz = nullptr;
  try {
    tz = zoneNamed(zone);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  const auto zoned = date::make_zoned(tz, local, date::choose::earliest);
  return date::format("%FT%T%Ez", zoned);
}

std::string dayKey(int64_t unixSeconds, const std::string& zone) {
  const date::sys_seconds instant{Seconds{unixSeconds}};
  return date::format("%Y%m%d", date::make_zoned(zoneNamed(zone), instant));
}

int localHour(int64_t unixSeconds, const std::string& zone) {
  const auto local =
      date::make_zoned(zoneNamed(zone), date::sys_seconds{Seconds{unixSeconds}}).get_local_time();
  return static_cast<int>(date::make_time(local - date::floor<date::days>(local)).hours().count());
}

int64_t now() {
  if (const char* pinned = std::getenv("CONVOCA_NOW"); pinned && *pinned) {
    if (auto instant = parseInstant(pinned)) return *instant;
  }
  return Poco::Timestamp().epochTime();
}

} // namespace convoca::index::timeutil
