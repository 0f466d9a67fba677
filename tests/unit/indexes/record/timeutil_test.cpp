#include "convoca/index/timeutil.h"

#include <gtest/gtest.h>
#include <utility>

namespace convoca::index::timeutil {
namespace {

TEST(TimeUtil, ParsesInstantsWithOffsets) {
  EXPECT_EQ(parseInstant("2024-02-07T17:00:00+01:00"), 1707321600);
  EXPECT_EQ(parseInstant("2024-02-07T16:00:00Z"), 1707321600);
  EXPECT_EQ(parseInstant("2024-02-07T16:00:00.000+0000"), 1707321600);
}

TEST(TimeUtil, RefusesLocalTimesAndGarbage) {
  EXPECT_FALSE(parseInstant("2024-02-07T17:00:00"));
  EXPECT_FALSE(parseInstant("2024-02-07"));
  EXPECT_FALSE(parseInstant("yesterday"));
}

TEST(TimeUtil, LocalBrusselsTimeGetsWinterAndSummerOffsets) {
  EXPECT_EQ(localToRfc3339("Europe/Brussels", "2024-02-07T17:00:00"), "2024-02-07T17:00:00+01:00");
  EXPECT_EQ(localToRfc3339("Europe/Brussels", "2027-04-08T17:00:00"), "2027-04-08T17:00:00+02:00");
  EXPECT_FALSE(localToRfc3339("Nowhere/City", "2027-04-08T17:00:00"));
  EXPECT_FALSE(localToRfc3339("Europe/Brussels", "8 April"));
}

// The three wall-clock shapes read; anything else, or an impossible time, is
// refused before date::parse sees it (a failed date::parse is undefined
// behaviour: the web_search_params fuzzer found it through deadline_to).
TEST(TimeUtil, LocalTimesOfTheThreeShapesAndNothingImpossible) {
  EXPECT_EQ(localToRfc3339("Europe/Madrid", "2027-12-03T23:59"), "2027-12-03T23:59:00+01:00");
  EXPECT_EQ(localToRfc3339("Europe/Madrid", "2027-12-03 10:00:00"), "2027-12-03T10:00:00+01:00");
  EXPECT_EQ(localToRfc3339("Europe/Madrid", "2027-12-3T10:00:00"), "2027-12-03T10:00:00+01:00");
  EXPECT_EQ(localToRfc3339("Europe/Madrid", "2027-12-03T10:00:00.250"), "2027-12-03T10:00:00+01:00");
  for (const char* impossible :
       {"2027-12-3\x19T23:59:59", "2027-02-30T10:00:00", "2027-13-03T10:00:00", "2027-12-03T25:00:00",
        "2027-12-03T10:61:00", "2027-12-03T10:00:60", "2027-12-03", "2027-12-03 10:00", "T10:00:00", ""})
    EXPECT_FALSE(localToRfc3339("Europe/Madrid", impossible)) << impossible;
}

// A wall-clock time in the spring-forward gap is the instant the gap ends; one
// in the autumn hour that happens twice takes the earlier (summer) offset.
TEST(TimeUtil, LocalTimesInADstGapMoveToItsEndAndInAnOverlapTakeTheEarlierOffset) {
  EXPECT_EQ(localToRfc3339("Europe/Madrid", "2024-03-31T02:30:00"), "2024-03-31T03:00:00+02:00");
  EXPECT_EQ(localToRfc3339("Europe/Madrid", "2024-03-31T01:59:59"), "2024-03-31T01:59:59+01:00");
  EXPECT_EQ(localToRfc3339("Europe/Brussels", "2024-10-27T02:30:00"), "2024-10-27T02:30:00+02:00");
  EXPECT_EQ(localToRfc3339("Europe/Brussels", "2024-10-27T03:00:00"), "2024-10-27T03:00:00+01:00");
}

TEST(TimeUtil, ShortFieldsAreWrittenPaddedAndOffsetsTruncatedToMinutes) {
  EXPECT_EQ(localToRfc3339("UTC", "999-6-5T7:08"), "0999-06-05T07:08:00+00:00");
  // Madrid kept local mean time (-0:14:44) until 1901.
  EXPECT_EQ(formatInstant(*parseInstant("1900-01-01T00:00:00Z"), "Europe/Madrid"),
            "1899-12-31T23:45:16-00:14");
  EXPECT_EQ(formatInstant(*parseInstant("2024-07-01T12:00:00Z"), "America/St_Johns"),
            "2024-07-01T09:30:00-02:30");
  EXPECT_EQ(formatInstant(*parseInstant("9999-12-31T23:59:59Z") + 1, "UTC"), "10000-01-01T00:00:00Z");
}

TEST(TimeUtil, ParsedFractionsCountTowardsZero) {
  EXPECT_EQ(parseInstant("1970-01-01T00:00:01.999999Z"), 1);
  EXPECT_EQ(parseInstant("1969-12-31T23:59:59.5Z"), 0);
  EXPECT_EQ(parseInstant("2024-02-07T22:30:00.250+05:30"), 1707325200);
}

// Zones are looked up once per thread and kept; more zones than are kept, in
// turn, must each still get their own offset, and an unknown one keeps failing.
TEST(TimeUtil, EachZoneKeepsItsOwnOffsetWhenManyAreUsedInTurn) {
  const int64_t noonUtc = *parseInstant("2024-01-15T12:00:00Z");
  const std::pair<const char*, int> hours[] = {
      {"UTC", 12},         {"Europe/Madrid", 13},      {"Europe/Athens", 14},    {"Europe/Moscow", 15},
      {"Asia/Dubai", 16},  {"Asia/Karachi", 17},       {"Asia/Dhaka", 18},       {"Asia/Bangkok", 19},
      {"Asia/Tokyo", 21},  {"America/New_York", 7},    {"America/Chicago", 6},   {"America/Denver", 5},
      {"America/Lima", 7}, {"America/Los_Angeles", 4}, {"America/Sao_Paulo", 9}, {"Asia/Shanghai", 20}};
  for (int round = 0; round < 2; ++round) {
    for (const auto& [zone, hour] : hours) {
      EXPECT_EQ(localHour(noonUtc, zone), hour) << zone;
      EXPECT_EQ(dayKey(noonUtc, zone), "20240115") << zone;
    }
    EXPECT_THROW(dayKey(noonUtc, "Bad/Zone"), std::runtime_error);
    EXPECT_THROW(localHour(noonUtc, "Bad/Zone"), std::runtime_error);
  }
}

TEST(TimeUtil, FormatsInstantsInAZone) {
  EXPECT_EQ(formatInstant(1727560740, "Europe/Brussels"), "2024-09-28T23:59:00+02:00");
  EXPECT_EQ(formatInstant(1727560740, "UTC"), "2024-09-28T21:59:00Z");
  EXPECT_THROW(formatInstant(0, "Bad/Zone"), std::runtime_error);
}

TEST(TimeUtil, DayKeyUsesTheZonesCalendarDay) {
  // 23:30 UTC on 31 Dec is already 1 Jan in Madrid.
  EXPECT_EQ(dayKey(*parseInstant("2026-12-31T23:30:00Z"), "Europe/Madrid"), "20270101");
  EXPECT_EQ(dayKey(*parseInstant("2026-12-31T23:30:00Z"), "UTC"), "20261231");
}

TEST(TimeUtil, LocalHourFollowsTheZonesOffset) {
  EXPECT_EQ(localHour(*parseInstant("2026-11-27T23:30:00Z"), "Europe/Madrid"), 0);
  EXPECT_EQ(localHour(*parseInstant("2026-07-01T10:00:00Z"), "Europe/Madrid"), 12);
}

TEST(TimeUtil, NowCanBePinnedForTests) {
  setenv("CONVOCA_NOW", "2026-11-27T12:00:00+01:00", 1);
  EXPECT_EQ(now(), 1795777200);
  unsetenv("CONVOCA_NOW");
  EXPECT_GT(now(), 1795777200 - 86400 * 3650);
}

} // namespace
} // namespace convoca::index::timeutil
