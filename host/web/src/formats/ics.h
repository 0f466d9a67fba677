// iCalendar (RFC 5545) for deadline feeds: one VEVENT per deadline, times in UTC,
// stable UIDs so a client updates an event in place when its deadline moves.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace convoca::web {

struct CalendarEvent {
  // Hashed into the UID, so it must name the event for good: the same seed in every
  // feed and every day (see deadlineUidSeed).
  std::string uidSeed;
  int64_t start = 0; // seconds since the epoch
  // A deadline is an instant: without an end (or with one not after `start`) the
  // event has no DTEND, which RFC 5545 3.6.1 defines as ending when it starts.
  std::optional<int64_t> end;
  std::string summary;
  std::string description;
  std::string url;
  std::string location;
  int sequence = 0;       // see icsSequenceFor
  std::string categories; // one category (e.g. the programme); empty for none
};

// A whole VCALENDAR (METHOD:PUBLISH, X-WR-CALNAME `calendarName`,
// X-WR-TIMEZONE Europe/Madrid), CRLF line ends, lines folded at 75 octets.
// `now` (seconds since the epoch) is every event's DTSTAMP.
std::string icsCalendar(const std::string& calendarName, const std::vector<CalendarEvent>& events,
                        int64_t now);

// "<record id>|<stage index>": the seed of a deadline's UID; the index is the
// deadline's position in the record's deadline list (0 for a single-stage call).
std::string deadlineUidSeed(const std::string& recordId, size_t stageIndex);

// The SEQUENCE of an event at `instant`: whole minutes since 2020-01-01T00:00Z,
// clamped to 0..INT_MAX. Fed the deadline, a deadline moved later gets a higher
// sequence under the same UID. A deadline moved earlier gets a lower one; clients
// subscribed to a METHOD:PUBLISH feed replace its events on every refresh anyway,
// and a caller that knows when the deadline last changed (the change log) can feed
// that instant instead to make the sequence grow on every move.
int icsSequenceFor(int64_t instant);

// RFC 5545 TEXT escaping: backslash, semicolon and comma escaped, line breaks
// (CRLF, CR or LF) as "\n", other control characters except tab dropped.
std::string icsText(const std::string& text);

// Folds one content line (without its CRLF) at 75 octets, never inside a UTF-8
// sequence; each continuation starts with one space. Lines end in CRLF.
std::string icsFoldedLine(const std::string& line);

} // namespace convoca::web
