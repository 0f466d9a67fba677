// The iCalendar writer: CRLF lines folded at 75 octets without breaking UTF-8,
// TEXT escaping, stable UIDs and a calendar that parses back to what went in.
#include "formats/ics.h"

#include <climits>
#include <cstdint>
#include <gtest/gtest.h>
#include <map>
#include <regex>
#include <stdexcept>

namespace convoca::web::testing {
namespace {

constexpr int64_t kNow = 1767225600;      // 2026-01-01T00:00:00Z
constexpr int64_t kDeadline = 1790150400; // 2026-09-23T08:00:00Z

struct Property {
  std::string name;
  std::string value;
};

// RFC 5545 3.1: a CRLF followed by one space or tab continues the line.
std::vector<std::string> unfoldedLines(const std::string& ics) {
  std::vector<std::string> lines;
  size_t at = 0;
  while (at < ics.size()) {
    const size_t end = ics.find("\r\n", at);
    if (end == std::string::npos) throw std::runtime_error("text after the last CRLF");
    std::string line = ics.substr(at, end - at);
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t')) {
      if (lines.empty()) throw std::runtime_error("continuation before any line");
      lines.back() += line.substr(1);
    } else {
      lines.push_back(line);
    }
    at = end + 2;
  }
  return lines;
}

std::string unescapedText(const std::string& value) {
  std::string text;
  for (size_t i = 0; i < value.size(); ++i) {
    if (value[i] != '\\' || i + 1 == value.size()) {
      text += value[i];
      continue;
    }
    const char next = value[++i];
    text += (next == 'n' || next == 'N') ? '\n' : next;
  }
  return text;
}

std::vector<Property> properties(const std::string& ics) {
  std::vector<Property> parsed;
  for (const std::string& line : unfoldedLines(ics)) {
    const size_t colon = line.find(':');
    if (colon == std::string::npos) throw std::runtime_error("no colon in " + line);
    parsed.push_back({line.substr(0, colon), line.substr(colon + 1)});
  }
  return parsed;
}

// The properties of each VEVENT, by name.
std::vector<std::map<std::string, std::string>> events(const std::string& ics) {
  std::vector<std::map<std::string, std::string>> found;
  bool inside = false;
  for (const Property& property : properties(ics)) {
    if (property.name == "BEGIN" && property.value == "VEVENT") {
      inside = true;
      found.emplace_back();
    } else if (property.name == "END" && property.value == "VEVENT") {
      inside = false;
    } else if (inside) {
      found.back()[property.name] = property.value;
    }
  }
  return found;
}

CalendarEvent deadlineEvent() {
  CalendarEvent event;
  event.uidSeed = deadlineUidSeed("eu-ft:HORIZON-CL5-2026-01", 0);
  event.start = kDeadline;
  event.summary = "Horizon Europe: Cluster 5, Climate; Energy";
  event.description = "Termini de presentació.\nSegona línia";
  event.url =
      "https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/opportunities/topic-details/"
      "horizon-cl5-2026-01-d3-01?a=1,2";
  event.location = "Brussel·les";
  event.sequence = icsSequenceFor(kDeadline);
  event.categories = "Horizon Europe";
  return event;
}

TEST(IcsText, EscapesBackslashSemicolonCommaAndLineBreaks) {
  EXPECT_EQ(icsText("a\\b;c,d\ne\r\nf\rg"), "a\\\\b\\;c\\,d\\ne\\nf\\ng");
}

TEST(IcsText, DropsControlCharactersButKeepsTabs) {
  EXPECT_EQ(icsText("a\x0B"
                    "b\tc\x7F"),
            "ab\tc");
}

TEST(IcsFolding, LeavesLinesOfSeventyFiveOctetsWhole) {
  const std::string line(75, 'x');
  EXPECT_EQ(icsFoldedLine(line), line + "\r\n");
}

TEST(IcsFolding, FoldsLongLinesIntoSeventyFiveOctetPieces) {
  const std::string line(200, 'x');
  const std::string folded = icsFoldedLine(line);
  EXPECT_EQ(folded,
            std::string(75, 'x') + "\r\n " + std::string(74, 'x') + "\r\n " + std::string(51, 'x') + "\r\n");
}

TEST(IcsFolding, NeverSplitsAMultiByteCharacter) {
  // "à" and "·" are two octets each: at every offset one of them meets the 75th octet.
  for (size_t padding = 0; padding < 4; ++padding) {
    const std::string line = "DESCRIPTION:" + std::string(padding, 'x') +
                             "Col·laboració amb l'Ajuntament de València i la Generalitat: "
                             "ajuts a la innovació social, l·l à à à à à à à à à à à à à à à à";
    const std::string folded = icsFoldedLine(line);
    size_t at = 0;
    while (at < folded.size()) {
      const size_t end = folded.find("\r\n", at);
      ASSERT_NE(end, std::string::npos);
      EXPECT_LE(end - at, 75u);
      if (end > at) {
        const auto last = static_cast<unsigned char>(folded[end - 1]);
        EXPECT_FALSE(last >= 0xC0) << "a lead octet ends a line at padding " << padding;
      }
      if (at > 0) {
        ASSERT_EQ(folded[at], ' ');
        const auto first = static_cast<unsigned char>(folded[at + 1]);
        EXPECT_NE(first & 0xC0, 0x80) << "a continuation octet starts a line at padding " << padding;
      }
      at = end + 2;
    }
    EXPECT_EQ(unfoldedLines(folded), std::vector<std::string>{line});
  }
}

TEST(IcsCalendar, EndsEveryLineInCrlf) {
  const std::string ics = icsCalendar("Convocatòries, obertes", {deadlineEvent()}, kNow);
  ASSERT_GE(ics.size(), 2u);
  EXPECT_EQ(ics.substr(ics.size() - 2), "\r\n");
  for (size_t i = 0; i < ics.size(); ++i) {
    if (ics[i] == '\n') {
      EXPECT_TRUE(i > 0 && ics[i - 1] == '\r') << "bare LF at " << i;
    }
    if (ics[i] == '\r') {
      EXPECT_TRUE(i + 1 < ics.size() && ics[i + 1] == '\n') << "bare CR at " << i;
    }
  }
}

TEST(IcsCalendar, HasBalancedComponentsAndRequiredProperties) {
  const std::string ics = icsCalendar("Convocatòries", {deadlineEvent(), deadlineEvent()}, kNow);
  const std::vector<Property> parsed = properties(ics);
  ASSERT_FALSE(parsed.empty());
  EXPECT_EQ(parsed.front().name + ":" + parsed.front().value, "BEGIN:VCALENDAR");
  EXPECT_EQ(parsed.back().name + ":" + parsed.back().value, "END:VCALENDAR");
  std::vector<std::string> open;
  std::map<std::string, std::string> calendar;
  for (const Property& property : parsed) {
    if (property.name == "BEGIN") {
      open.push_back(property.value);
    } else if (property.name == "END") {
      ASSERT_FALSE(open.empty());
      EXPECT_EQ(open.back(), property.value);
      open.pop_back();
    } else if (open.size() == 1) {
      calendar[property.name] = property.value;
    }
  }
  EXPECT_TRUE(open.empty());
  EXPECT_EQ(calendar["VERSION"], "2.0");
  EXPECT_EQ(calendar["PRODID"], "-//convoca//convoca//EN");
  EXPECT_EQ(calendar["CALSCALE"], "GREGORIAN");
  EXPECT_EQ(calendar["METHOD"], "PUBLISH");
  EXPECT_EQ(calendar["X-WR-CALNAME"], "Convocatòries");
  EXPECT_EQ(calendar["X-WR-TIMEZONE"], "Europe/Madrid");
  const auto vevents = events(ics);
  ASSERT_EQ(vevents.size(), 2u);
  for (const auto& event : vevents)
    for (const char* required : {"UID", "DTSTAMP", "DTSTART", "SEQUENCE", "SUMMARY"})
      EXPECT_EQ(event.count(required), 1u) << required;
}

TEST(IcsCalendar, IsAValidCalendarWithoutEvents) {
  // RFC 5545 wants at least one component: the time zone is always there.
  const std::string ics = icsCalendar("Buit", {}, kNow);
  EXPECT_NE(ics.find("BEGIN:VTIMEZONE\r\nTZID:Europe/Madrid\r\n"), std::string::npos);
  EXPECT_TRUE(events(ics).empty());
}

TEST(IcsCalendar, ParsesBackToTheEventWritten) {
  const CalendarEvent written = deadlineEvent();
  const auto parsed = events(icsCalendar("Convocatòries", {written}, kNow));
  ASSERT_EQ(parsed.size(), 1u);
  auto event = parsed.front();
  EXPECT_EQ(event["DTSTAMP"], "20260101T000000Z");
  EXPECT_EQ(event["DTSTART"], "20260923T080000Z");
  EXPECT_EQ(event.count("DTEND"), 0u) << "a deadline is an instant";
  EXPECT_EQ(unescapedText(event["SUMMARY"]), written.summary);
  EXPECT_EQ(unescapedText(event["DESCRIPTION"]), written.description);
  EXPECT_EQ(event["URL"], written.url);
  EXPECT_EQ(unescapedText(event["LOCATION"]), "Brussel·les");
  EXPECT_EQ(unescapedText(event["CATEGORIES"]), "Horizon Europe");
  EXPECT_EQ(event["SEQUENCE"], std::to_string(written.sequence));
}

TEST(IcsCalendar, WritesAnEndOnlyWhenItIsAfterTheStart) {
  CalendarEvent event = deadlineEvent();
  event.end = kDeadline + 3600;
  EXPECT_EQ(events(icsCalendar("c", {event}, kNow)).front()["DTEND"], "20260923T090000Z");
  event.end = kDeadline;
  EXPECT_EQ(events(icsCalendar("c", {event}, kNow)).front().count("DTEND"), 0u);
}

TEST(IcsCalendar, KeepsTheUidWhenTheDeadlineMoves) {
  CalendarEvent event = deadlineEvent();
  const auto before = events(icsCalendar("c", {event}, kNow)).front();
  event.start = kDeadline + 7 * 86400;
  event.sequence = icsSequenceFor(event.start);
  const auto after = events(icsCalendar("c", {event}, kNow + 86400)).front();
  EXPECT_EQ(before.at("UID"), after.at("UID"));
  EXPECT_TRUE(std::regex_match(before.at("UID"), std::regex("[0-9a-f]{40}@convoca")));
  EXPECT_GT(std::stoi(after.at("SEQUENCE")), std::stoi(before.at("SEQUENCE")));
}

TEST(IcsCalendar, GivesEachStageItsOwnUid) {
  CalendarEvent first = deadlineEvent();
  CalendarEvent second = deadlineEvent();
  second.uidSeed = deadlineUidSeed("eu-ft:HORIZON-CL5-2026-01", 1);
  const auto parsed = events(icsCalendar("c", {first, second}, kNow));
  EXPECT_NE(parsed[0].at("UID"), parsed[1].at("UID"));
}

TEST(IcsSequence, CountsMinutesSince2020AndNeverGoesNegative) {
  EXPECT_EQ(icsSequenceFor(1577836800), 0);
  EXPECT_EQ(icsSequenceFor(1577836800 + 3600), 60);
  EXPECT_EQ(icsSequenceFor(0), 0);
  EXPECT_EQ(icsSequenceFor(INT64_MAX / 2), INT_MAX);
}

} // namespace
} // namespace convoca::web::testing
