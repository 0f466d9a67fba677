#include "dates.h"

#include <algorithm>
#include <regex>

namespace euft {
namespace {

constexpr const char* kDeadlineCutOff = "17:00:00";
constexpr const char* kOpeningTime = "00:00:00";
constexpr int64_t kMillisPerDay = 86400000;

struct WallClock {
  std::string day;  // YYYY-MM-DD
  std::string time; // HH:MM:SS, empty for a date only
};

// Splits "2024-02-07T17:00:00.000+0000" (or "2026-11-26") into day and time,
// ignoring the zone suffix, which the portal fills with +0000 regardless.
// The host validates the calendar values when it converts them.
std::optional<WallClock> splitPortalTimestamp(const std::string& raw) {
  static const std::regex pattern(
      R"(^\s*(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(:\d{2})?(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?\s*$)");
  std::smatch match;
  if (!std::regex_match(raw, match, pattern)) return std::nullopt;
  WallClock clock{match[1].str(), ""};
  if (match[2].matched) clock.time = match[2].str() + (match[3].matched ? match[3].str() : ":00");
  return clock;
}

// The first 19 characters of a Brussels RFC 3339 string are its wall-clock
// time, which orders the deadlines of one topic.
std::string wallClockKey(const Moment& moment) {
  return moment.rfc3339.substr(0, 19);
}

} // namespace

std::optional<Moment> PortalTime::deadlineFromText(const std::string& raw) const {
  return fromText(raw, kDeadlineCutOff);
}

std::optional<Moment> PortalTime::openingFromText(const std::string& raw) const {
  return fromText(raw, kOpeningTime);
}

std::optional<Moment> PortalTime::deadlineFromEpoch(int64_t unixMs, EpochMeaning meaning) const {
  return fromEpoch(unixMs, meaning, kDeadlineCutOff);
}

std::optional<Moment> PortalTime::openingFromEpoch(int64_t unixMs, EpochMeaning meaning) const {
  return fromEpoch(unixMs, meaning, kOpeningTime);
}

std::optional<Moment> PortalTime::fromText(const std::string& raw, const char* assumedTime) const {
  const auto clock = splitPortalTimestamp(raw);
  if (!clock) return std::nullopt;
  const bool dateOnly = clock->time.empty() || clock->time == "00:00:00";
  return atBrusselsTime(clock->day, dateOnly ? assumedTime : clock->time, raw, dateOnly);
}

std::optional<Moment> PortalTime::fromEpoch(int64_t unixMs, EpochMeaning meaning,
                                            const char* assumedTime) const {
  const std::string raw = std::to_string(unixMs);
  if (meaning == EpochMeaning::MidnightUtcIsDate && unixMs % kMillisPerDay == 0) {
    const auto utc = host_.instantToRfc3339("UTC", unixMs);
    if (!utc || utc->size() < 10) return std::nullopt;
    return atBrusselsTime(utc->substr(0, 10), assumedTime, raw, true);
  }
  const auto instant = host_.instantToRfc3339(kPortalZone, unixMs);
  if (!instant) return std::nullopt;
  return Moment{*instant, raw, false};
}

std::optional<Moment> PortalTime::atBrusselsTime(const std::string& day, const std::string& time,
                                                 const std::string& raw, bool assumed) const {
  const auto rfc3339 = host_.localToRfc3339(kPortalZone, day + "T" + time);
  if (!rfc3339) return std::nullopt;
  return Moment{*rfc3339, raw, assumed};
}

void setDeadlines(CallRecord& record, std::vector<Moment> deadlines) {
  std::stable_sort(deadlines.begin(), deadlines.end(),
                   [](const Moment& a, const Moment& b) { return wallClockKey(a) < wallClockKey(b); });
  record.deadlines.clear();
  record.deadlinesRaw.clear();
  record.deadlinesTimeAssumed = false;
  for (const auto& deadline : deadlines) {
    if (std::find(record.deadlines.begin(), record.deadlines.end(), deadline.rfc3339) !=
        record.deadlines.end())
      continue;
    record.deadlines.push_back(deadline.rfc3339);
    record.deadlinesRaw.push_back(deadline.raw);
    record.deadlinesTimeAssumed = record.deadlinesTimeAssumed || deadline.timeAssumed;
  }
}

void setOpening(CallRecord& record, const std::optional<Moment>& opening) {
  record.opening.reset();
  record.openingTimeAssumed = false;
  if (!opening) return;
  record.opening = opening->rfc3339;
  record.openingTimeAssumed = opening->timeAssumed;
}

} // namespace euft
