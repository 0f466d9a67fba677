// The calendar of deadlines: GET /api/calendar (a list, csv too) and
// GET /api/calendar.ics (RFC 5545), both taking the search parameters of
// /api/search (q, filters, deadline_from/deadline_to; default from today to a
// year ahead). The saved-search and profile calendars reuse deadlinesIcs().
#pragma once

#include "convoca/web/search_service.h"
#include "exchange.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace convoca::web {

Reply calendarController(const Request& request, SearchService& search);

// One VEVENT per deadline of each hit (every stage whose day, in Europe/Madrid,
// lies in [fromDay, toDay] when given), UIDs stable per record and stage, so a
// calendar app updates an event when its deadline moves.
std::string deadlinesIcs(const std::string& calendarName, const std::vector<index::Hit>& hits, int64_t now,
                         const std::optional<std::string>& fromDay = std::nullopt,
                         const std::optional<std::string>& toDay = std::nullopt);

} // namespace convoca::web
