// Dates written for people: "close on 14 October 2024 at 14.00 CEST",
// "open until 13 November 2024 at 12:00 CET", "31/01/2027", "14 d'octubre de 2024".
//
// A definition lists formats with Poco::DateTimeParser directives, most
// specific first: "%d %B %Y at %H.%M %Z", "%d %B %Y", "%d/%m/%Y". Each format
// is also a search pattern: its literal text must appear as written (runs of
// spaces match any white space, case is ignored), so "at" or "de" between the
// parts is matched, not skipped. The matched fields are then read by
// Poco::DateTimeParser, which checks the calendar ("31 February" is refused).
// Month names may be English, French, Spanish or Catalan (full names, and
// English three-letter abbreviations); a Catalan "d'" before the month is
// accepted wherever %B is.
//
// A zone abbreviation (%Z: CET, CEST...) is evidence only: the wall-clock time
// is converted in the definition's IANA zone, which knows when summer time
// applies; an abbreviation that disagrees with the result is reported.
#pragma once

#include "definition.h"

#include <optional>
#include <string>
#include <vector>

namespace declarative {

// A date as the page wrote it, not yet placed on the time line.
struct LocalDate {
  std::string localTime;    // "YYYY-MM-DDTHH:MM:SS", wall clock in the rule's zone
  std::string raw;          // the text matched on the page
  std::string abbreviation; // %Z as written ("CEST"), empty when absent
  bool timeAssumed = false; // the page gave a date only: time_if_missing was used
};

// The reason `format` cannot be used, or nullopt. Known directives:
// %d %e (day), %m (month number), %B %b (month name), %Y %y (year),
// %H (hour, 0-23), %M (minute), %S (second), %Z (zone abbreviation), %% ('%').
std::optional<std::string> dateFormatError(const std::string& format);

// Every date the rule's formats find in `text`, in the order they appear,
// overlapping matches of later formats dropped. With rule.all false, at most one.
std::vector<LocalDate> findDates(const DateRule& rule, const std::string& text);

// The UTC offset an abbreviation stands for ("CET" -> "+01:00"), or nullopt for one we do not know.
std::optional<std::string> offsetOfAbbreviation(const std::string& abbreviation);

// English month number (1-12) of a month name in en/fr/es/ca, or 0.
int monthNumber(const std::string& name);

} // namespace declarative
