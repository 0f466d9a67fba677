#include "ics.h"

#include <Poco/DateTimeFormatter.h>
#include <Poco/DigestEngine.h>
#include <Poco/SHA1Engine.h>
#include <Poco/Timestamp.h>
#include <algorithm>
#include <climits>
#include <ctime>
#include <iterator>

namespace convoca::web {
namespace {

constexpr size_t kMaxLineOctets = 75;
constexpr int64_t kSequenceEpoch = 1577836800; // 2020-01-01T00:00:00Z
const std::string kCrlf = "\r\n";

// The zone X-WR-TIMEZONE names, defined so the calendar always holds at least one
// component (RFC 5545's grammar refuses an empty VCALENDAR) and clients that honour
// X-WR-TIMEZONE find it. Events themselves are in UTC and need no VTIMEZONE.
// The EU rule in force since 1996: summer time from the last Sunday of March to the
// last Sunday of October, changing at 01:00 UTC.
// Every line is shorter than 75 octets, so it goes out unfolded.
constexpr const char* kMadridZone = "BEGIN:VTIMEZONE\r\n"
                                    "TZID:Europe/Madrid\r\n"
                                    "BEGIN:DAYLIGHT\r\n"
                                    "TZOFFSETFROM:+0100\r\n"
                                    "TZOFFSETTO:+0200\r\n"
                                    "TZNAME:CEST\r\n"
                                    "DTSTART:19700329T020000\r\n"
                                    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
                                    "END:DAYLIGHT\r\n"
                                    "BEGIN:STANDARD\r\n"
                                    "TZOFFSETFROM:+0200\r\n"
                                    "TZOFFSETTO:+0100\r\n"
                                    "TZNAME:CET\r\n"
                                    "DTSTART:19701025T030000\r\n"
                                    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
                                    "END:STANDARD\r\n"
                                    "END:VTIMEZONE\r\n";

bool isUtf8Continuation(char octet) {
  return (static_cast<unsigned char>(octet) & 0xC0) == 0x80;
}

bool isControl(char c) {
  const auto octet = static_cast<unsigned char>(c);
  return octet < 0x20 || octet == 0x7F;
}

// URI values are not TEXT (commas stay as they are), but a line break in one
// would end the content line.
std::string withoutControls(const std::string& value) {
  std::string clean;
  std::copy_if(value.begin(), value.end(), std::back_inserter(clean), [](char c) { return !isControl(c); });
  return clean;
}

std::string utcDateTime(int64_t unixSeconds) {
  return Poco::DateTimeFormatter::format(
      Poco::Timestamp::fromEpochTime(static_cast<std::time_t>(unixSeconds)), "%Y%m%dT%H%M%SZ");
}

std::string uidFor(const std::string& seed) {
  Poco::SHA1Engine sha1;
  sha1.update(seed);
  return Poco::DigestEngine::digestToHex(sha1.digest()) + "@convoca";
}

void addLine(std::string& out, const std::string& line) {
  out += icsFoldedLine(line);
}

void addTextProperty(std::string& out, const std::string& name, const std::string& value) {
  if (!value.empty()) addLine(out, name + ":" + icsText(value));
}

void addEvent(std::string& out, const CalendarEvent& event, const std::string& stamp) {
  addLine(out, "BEGIN:VEVENT");
  addLine(out, "UID:" + uidFor(event.uidSeed));
  addLine(out, "DTSTAMP:" + stamp);
  addLine(out, "DTSTART:" + utcDateTime(event.start));
  if (event.end && *event.end > event.start) addLine(out, "DTEND:" + utcDateTime(*event.end));
  addLine(out, "SEQUENCE:" + std::to_string(std::max(event.sequence, 0)));
  addLine(out, "SUMMARY:" + icsText(event.summary));
  addTextProperty(out, "DESCRIPTION", event.description);
  if (const std::string url = withoutControls(event.url); !url.empty()) addLine(out, "URL:" + url);
  addTextProperty(out, "LOCATION", event.location);
  addTextProperty(out, "CATEGORIES", event.categories);
  addLine(out, "TRANSP:TRANSPARENT"); // a deadline does not make anyone busy
  addLine(out, "END:VEVENT");
}

} // namespace

std::string icsText(const std::string& text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (size_t at = 0; at < text.size(); ++at) {
    const char c = text[at];
    switch (c) {
    case '\\':
      escaped += "\\\\";
      break;
    case ';':
      escaped += "\\;";
      break;
    case ',':
      escaped += "\\,";
      break;
    case '\r':
      escaped += "\\n";
      if (at + 1 < text.size() && text[at + 1] == '\n') ++at;
      break;
    case '\n':
      escaped += "\\n";
      break;
    default:
      if (c == '\t' || !isControl(c)) escaped += c;
    }
  }
  return escaped;
}

std::string icsFoldedLine(const std::string& line) {
  std::string folded;
  folded.reserve(line.size() + line.size() / 64 * 3 + 2);
  size_t at = 0;
  size_t room = kMaxLineOctets;
  while (line.size() - at > room) {
    size_t cut = at + room;
    while (cut > at && isUtf8Continuation(line[cut])) --cut;
    if (cut == at) cut = at + room; // not UTF-8: any octet boundary will do
    folded.append(line, at, cut - at);
    folded += kCrlf;
    folded += ' ';
    at = cut;
    room = kMaxLineOctets - 1; // the leading space counts
  }
  folded.append(line, at, std::string::npos);
  folded += kCrlf;
  return folded;
}

std::string deadlineUidSeed(const std::string& recordId, size_t stageIndex) {
  return recordId + "|" + std::to_string(stageIndex);
}

int icsSequenceFor(int64_t instant) {
  const int64_t minutes = (instant - kSequenceEpoch) / 60;
  return static_cast<int>(std::clamp<int64_t>(minutes, 0, INT_MAX));
}

std::string icsCalendar(const std::string& calendarName, const std::vector<CalendarEvent>& events,
                        int64_t now) {
  std::string out;
  addLine(out, "BEGIN:VCALENDAR");
  addLine(out, "VERSION:2.0");
  addLine(out, "PRODID:-//convoca//convoca//EN");
  addLine(out, "CALSCALE:GREGORIAN");
  addLine(out, "METHOD:PUBLISH");
  addLine(out, "X-WR-CALNAME:" + icsText(calendarName));
  addLine(out, "X-WR-TIMEZONE:Europe/Madrid");
  out += kMadridZone;
  const std::string stamp = utcDateTime(now);
  for (const CalendarEvent& event : events) addEvent(out, event, stamp);
  addLine(out, "END:VCALENDAR");
  return out;
}

} // namespace convoca::web
