#include "madrid_time.h"

#include <regex>

namespace raisc {
namespace {

constexpr const char* kEndOfDay = "23:59:59";

struct WallClock {
  std::string day;  // YYYY-MM-DD
  std::string time; // HH:MM:SS, "00:00:00" for a bare date
};

// Splits "2024-05-01T00:00:00.000" (or "2024-05-01") into day and time. A value
// with a zone is refused: Socrata's floating type never carries one, so a zone
// means the column is not what this plugin expects. The host validates the
// calendar values when it converts them.
std::optional<WallClock> splitFloating(const std::string& raw) {
  static const std::regex pattern(R"(^\s*(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2})(:\d{2})?(?:\.\d+)?)?\s*$)");
  std::smatch match;
  if (!std::regex_match(raw, match, pattern)) return std::nullopt;
  WallClock clock{match[1].str(), "00:00:00"};
  if (match[2].matched) clock.time = match[2].str() + (match[3].matched ? match[3].str() : ":00");
  return clock;
}

} // namespace

std::optional<Moment> MadridTime::instant(const std::string& raw) const {
  return convert(raw, false);
}

std::optional<Moment> MadridTime::deadline(const std::string& raw) const {
  return convert(raw, true);
}

std::optional<Moment> MadridTime::convert(const std::string& raw, bool midnightIsEndOfDay) const {
  const auto clock = splitFloating(raw);
  if (!clock) return std::nullopt;
  const bool dateOnly = midnightIsEndOfDay && clock->time == "00:00:00";
  const auto converted =
      host_.localToRfc3339(kCatalanZone, clock->day + "T" + (dateOnly ? kEndOfDay : clock->time));
  if (!converted) return std::nullopt;
  return Moment{*converted, raw, dateOnly};
}

std::string dayOf(const std::string& raw) {
  const auto clock = splitFloating(raw);
  return clock ? clock->day : std::string();
}

} // namespace raisc
