// eForms dates and times: xs:date and xs:time that carry their own offset
// ("2020-02-04+02:00", "10:00:00+02:00", "2019-06-24Z"), joined into one
// RFC 3339 instant with the offset kept.
#pragma once

#include "notice.h"

#include <convoca/plugin.hpp>
#include <optional>
#include <string>

namespace ted {

// When a deadline has a date but no time, the end of that day is assumed.
inline constexpr const char* kAssumedTime = "23:59:59";
// Zone of a date or time without offset (eForms requires one; TED sits in CET).
inline constexpr const char* kFallbackZone = "Europe/Brussels";

// Joins an EndDate and an optional EndTime: the time's offset wins, else the
// date's; with neither, the wall-clock time is read in kFallbackZone.
// nullopt when the date or time is unreadable (the caller names the field).
std::optional<Deadline> deadlineFrom(const std::string& date, const std::string& time,
                                     const convoca::sdk::Host& host);

} // namespace ted
