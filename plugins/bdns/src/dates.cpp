#include "dates.h"

#include <regex>

namespace bdns {

std::optional<Moment> momentFrom(const convoca::sdk::Host& host, const std::string& raw, DateRole role) {
  static const std::regex pattern(
      R"(^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}:\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})?)?$)");
  std::smatch match;
  if (!std::regex_match(raw, match, pattern)) return std::nullopt;
  const std::string day = match[1].str();
  const std::string time = match[2].str();
  if (time.empty() || time == "00:00:00") {
    const char* assumed = role == DateRole::Deadline ? "T23:59:59" : "T00:00:00";
    const auto local = host.localToRfc3339(kSourceZone, day + assumed);
    if (!local) return std::nullopt;
    return Moment{*local, true};
  }
  // A stated offset is kept as stated; a time without one is Madrid time.
  if (match[3].matched) {
    // Validates the calendar values through the host before keeping the string.
    if (!host.localToRfc3339(kSourceZone, day + "T" + time)) return std::nullopt;
    return Moment{raw, false};
  }
  const auto local = host.localToRfc3339(kSourceZone, day + "T" + time);
  if (!local) return std::nullopt;
  return Moment{*local, false};
}

} // namespace bdns
