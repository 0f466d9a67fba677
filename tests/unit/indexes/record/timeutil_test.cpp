#include "convoca/index/timeutil.h"

#include <gtest/gtest.h>

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
