// OAI-PMH datestamps: granularity, validation, day arithmetic and the date
// windows of a selective harvest. Parsing and formatting go through Poco.
#pragma once

#include <string>
#include <vector>

namespace oai {

enum class Granularity { Day, Seconds }; // YYYY-MM-DD, YYYY-MM-DDThh:mm:ssZ

inline constexpr const char* kDayGranularity = "YYYY-MM-DD";
inline constexpr const char* kSecondsGranularity = "YYYY-MM-DDThh:mm:ssZ";

// Identify's <granularity> text (or the option value) -> Granularity; false when unknown.
bool granularityFrom(const std::string& text, Granularity& out);

// True for "2026-11-27" and "2026-11-27T03:00:12Z" (real calendar dates only).
bool isDatestamp(const std::string& text);

// A datestamp at the given granularity: a day keeps its first 10 characters;
// a day asked at seconds granularity stays a day (the protocol allows it).
std::string atGranularity(const std::string& datestamp, Granularity granularity);

// Today's date in UTC, YYYY-MM-DD (the protocol's datestamps are UTC).
std::string todayUtc();
// "2026-11-27" + days (may be negative) -> YYYY-MM-DD. Throws std::invalid_argument for a non-date.
std::string addDays(const std::string& day, int days);

struct Window {
  std::string from;  // "" = from the beginning
  std::string until; // "" = open-ended (up to now)
};

// The windows of one harvest from `start` up to `today`: one open-ended window
// when start is "" or windowDays <= 0 or the range fits in one window;
// otherwise day-granularity windows of windowDays days, the last open-ended.
// Large ranges make some repositories answer 503 (UNDL), hence the windows.
std::vector<Window> windowsFrom(const std::string& start, const std::string& today, int windowDays);

} // namespace oai
