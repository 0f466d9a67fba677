#include "convoca/index/timeutil.h"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeParser.h>
#include <Poco/Timestamp.h>
#include <array>
#include <chrono>
#include <cstdlib>
#include <date/tz.h>
#include <regex>
#include <sstream>
#include <stdexcept>

namespace convoca::index::timeutil {
namespace {

using Seconds = std::chrono::seconds;

// The one date::parse format that reads `localTime` ("%FT%T", "%FT%R" or
// "%F %T"), or nullptr when none would. date::parse must not be given text it
// fails on: a failed read leaves its seconds NaN or unset and converts them to
// an integer anyway (undefined behaviour, found by the web_search_params fuzzer
// on "deadline_to=2027-12-3\x19"). So the shape is checked first, and the
// values with Poco's calendar rules; what follows the time (a fraction, a
// zone letter) is left unread, as date::parse always did.
const char* parseFormatFor(const std::string& localTime) {
  static const std::regex shape(R"(^(\d{1,4})-(\d{1,2})-(\d{1,2})([T ])(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)");
  std::smatch parts;
  if (!std::regex_search(localTime, parts, shape)) return nullptr;
  const auto number = [&parts](size_t i) { return parts[i].matched ? std::stoi(parts[i].str()) : 0; };
  const bool withSeconds = parts[7].matched;
  // date::parse refuses a 60th second; Poco's isValid would take it.
  if (number(7) > 59 ||
      !Poco::DateTime::isValid(number(1), number(2), number(3), number(5), number(6), number(7)))
    return nullptr;
  if (parts[4] == "T") return withSeconds ? "%FT%T" : "%FT%R";
  return withSeconds ? "%F %T" : nullptr;
}

// RFC 3339 requires an explicit offset; Poco's parser silently reads a missing
// one as UTC, so check for it before trusting the result.
bool hasExplicitOffset(const std::string& text) {
  const auto t = text.find_first_of("Tt ");
  if (t == std::string::npos) return false;
  const std::string time = text.substr(t + 1);
  return time.find_first_of("Zz+-") != std::string::npos;
}

// date::locate_zone searches the tz database by name (a search counts a
// deadline facet with a dayKey per distinct deadline list, a plugin converts
// each date of each record). The callers use a handful of zones, so each
// thread keeps the last few it looked up (no lock). The database is loaded
// once and never reloaded, so the pointers stay valid. An unknown name is not
// kept: it throws each time.
const date::time_zone* zoneNamed(const std::string& zone) {
  struct Known {
    std::string name;
    const date::time_zone* tz = nullptr;
  };
  thread_local std::array<Known, 8> known;
  thread_local size_t oldest = 0;
  for (const Known& k : known)
    if (k.tz && k.name == zone) return k.tz;
  const date::time_zone* tz = nullptr;
  try {
    tz = date::locate_zone(zone);
  } catch (const std::exception&) {
    throw std::runtime_error("unknown time zone '" + zone + "'");
  }
  known[oldest] = Known{zone, tz};
  oldest = (oldest + 1) % known.size();
  return tz;
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
  const char* format = parseFormatFor(localTime);
  if (!format) return std::nullopt;
  date::local_seconds local;
  std::istringstream in(localTime);
  in >> date::parse(format, local);
  if (in.fail()) return std::nullopt;
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
