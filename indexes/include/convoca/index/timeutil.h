// The one date/time utility: RFC 3339 parsing and formatting, IANA time zones
// (through the system tz database), and the day keys stored in value slots.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace convoca::index::timeutil {

// Seconds since the epoch of an RFC 3339 / ISO 8601 timestamp with offset or Z
// ("2024-02-07T17:00:00+01:00", "2024-02-07T16:00:00.000Z"). nullopt if unreadable
// or if the offset is missing (a local time without zone is not an instant).
std::optional<int64_t> parseInstant(const std::string& text);

// Formats an instant as RFC 3339 with the offset `zone` has at that moment.
// zone "UTC" gives a "Z" suffix. Throws std::runtime_error for an unknown zone.
std::string formatInstant(int64_t unixSeconds, const std::string& zone);

// Wall-clock "YYYY-MM-DDTHH:MM[:SS]" in `zone` -> RFC 3339 with that zone's offset.
// A time in a DST gap is the instant the gap ends; one in an overlap takes the
// earlier offset. nullopt if unreadable.
std::optional<std::string> localToRfc3339(const std::string& zone, const std::string& localTime);

// "YYYYMMDD" of the instant's calendar day in `zone` (value slots, day ranges).
std::string dayKey(int64_t unixSeconds, const std::string& zone);

// Hour of the day (0-23) of the instant's wall-clock time in `zone`.
int localHour(int64_t unixSeconds, const std::string& zone);

// Current time, seconds since the epoch. CONVOCA_NOW (RFC 3339) overrides it,
// so tests and demos can pin "today".
int64_t now();

// The zone convoca shows and reasons in: the office is in Barcelona.
inline constexpr const char* kHomeZone = "Europe/Madrid";

} // namespace convoca::index::timeutil
