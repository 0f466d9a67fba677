#include "feed_dates.h"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/DateTimeParser.h>
#include <Poco/String.h>
#include <regex>

namespace feeds {
namespace {

constexpr const char* kRfc3339Out = "%Y-%m-%dT%H:%M:%S%z";

std::string formatted(const Poco::DateTime& wallClock, int zoneDifferential) {
  return Poco::DateTimeFormatter::format(wallClock, kRfc3339Out, zoneDifferential);
}

// The parts of an RFC 822 date: [weekday ","] day month year hh:mm[:ss] zone.
// Poco's parser skips what it does not expect, so the shape is checked here
// and Poco is handed one canonical form to read and validate.
struct Rfc822Parts {
  std::string day, month, year, hour, minute, second, zone;
};

std::optional<Rfc822Parts> splitRfc822(const std::string& text) {
  static const std::regex shape(
      R"(^(?:[A-Za-z]{3,9},?\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4}|\d{2})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s+([+-]\d{4}|[A-Za-z]{1,5})$)");
  std::smatch match;
  if (!std::regex_match(text, match, shape)) return std::nullopt;
  return Rfc822Parts{
      match[1], match[2], match[3], match[4], match[5], match[6].matched ? match[6].str() : "00", match[7]};
}

} // namespace

std::optional<std::string> offsetOfZoneName(const std::string& name) {
  static const std::pair<const char*, const char*> kZones[] = {
      {"UT", "+0000"},   {"UTC", "+0000"},  {"GMT", "+0000"}, {"Z", "+0000"},    {"EST", "-0500"},
      {"EDT", "-0400"},  {"CST", "-0600"},  {"CDT", "-0500"}, {"MST", "-0700"},  {"MDT", "-0600"},
      {"PST", "-0800"},  {"PDT", "-0700"},  {"WET", "+0000"}, {"WEST", "+0100"}, {"BST", "+0100"},
      {"CET", "+0100"},  {"CEST", "+0200"}, {"MET", "+0100"}, {"MEST", "+0200"}, {"EET", "+0200"},
      {"EEST", "+0300"},
  };
  const std::string wanted = Poco::toUpper(name);
  for (const auto& [zone, offset] : kZones)
    if (wanted == zone) return std::string(offset);
  return std::nullopt;
}

std::optional<std::string> rfc822ToRfc3339(const std::string& text) {
  auto parts = splitRfc822(Poco::trim(text));
  if (!parts) return std::nullopt;
  // A named zone becomes its offset here, so Poco never reads an unknown name as UTC.
  if (parts->zone[0] != '+' && parts->zone[0] != '-') {
    const auto offset = offsetOfZoneName(parts->zone);
    if (!offset) return std::nullopt;
    parts->zone = *offset;
  }
  const std::string canonical = parts->day + " " + parts->month + " " + parts->year + " " + parts->hour +
                                ":" + parts->minute + ":" + parts->second + " " + parts->zone;
  const char* format = parts->year.size() == 4 ? "%e %b %Y %H:%M:%S %Z" : "%e %b %y %H:%M:%S %Z";
  Poco::DateTime wallClock;
  int zone = 0;
  if (!Poco::DateTimeParser::tryParse(format, canonical, wallClock, zone)) return std::nullopt;
  return formatted(wallClock, zone);
}

std::optional<std::string> normaliseRfc3339(const std::string& text) {
  static const std::regex shape(R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:?\d{2})$)");
  const std::string trimmed = Poco::trim(text);
  if (!std::regex_match(trimmed, shape)) return std::nullopt;
  Poco::DateTime wallClock;
  int zone = 0;
  if (!Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::ISO8601_FRAC_FORMAT, trimmed, wallClock, zone))
    return std::nullopt;
  return formatted(wallClock, zone);
}

} // namespace feeds
