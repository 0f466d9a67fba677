// Dates written in prose, as programme pages write them.
#include "dates.h"

#include <gtest/gtest.h>

namespace declarative {
namespace {

DateRule ruleWith(std::vector<std::string> formats, bool all = false) {
  DateRule rule;
  rule.formats = std::move(formats);
  rule.timeIfMissing = "17:00";
  rule.all = all;
  return rule;
}

const std::vector<std::string> kEuiFormats = {"%d %B %Y at %H.%M %Z", "%d %B %Y at %H:%M %Z", "%d %B %Y"};

TEST(DatesTest, ReadsEuiProseDeadlinesWithTheirZoneAbbreviation) {
  const auto dates =
      findDates(ruleWith(kEuiFormats), "The call will close on 14 October 2024 at 14.00 CEST.");
  ASSERT_EQ(dates.size(), 1u);
  EXPECT_EQ(dates[0].localTime, "2024-10-14T14:00:00");
  EXPECT_EQ(dates[0].raw, "14 October 2024 at 14.00 CEST");
  EXPECT_EQ(dates[0].abbreviation, "CEST");
  EXPECT_FALSE(dates[0].timeAssumed);

  const auto colon =
      findDates(ruleWith(kEuiFormats), "Applications are open until 13 November 2024 at 12:00 CET");
  ASSERT_EQ(colon.size(), 1u);
  EXPECT_EQ(colon[0].localTime, "2024-11-13T12:00:00");
  EXPECT_EQ(colon[0].abbreviation, "CET");
}

TEST(DatesTest, DateWithoutTimeGetsTheConfiguredTimeAndIsFlagged) {
  const auto dates = findDates(ruleWith(kEuiFormats), "Expressions of interest close on 5 February 2027.");
  ASSERT_EQ(dates.size(), 1u);
  EXPECT_EQ(dates[0].localTime, "2027-02-05T17:00:00");
  EXPECT_TRUE(dates[0].timeAssumed);
}

TEST(DatesTest, ReadsNumericDates) {
  const auto dates = findDates(ruleWith({"%d/%m/%Y %H:%M", "%d/%m/%Y"}), "Deadline 31/01/2027");
  ASSERT_EQ(dates.size(), 1u);
  EXPECT_EQ(dates[0].localTime, "2027-01-31T17:00:00");
  EXPECT_TRUE(dates[0].timeAssumed);
}

TEST(DatesTest, ReadsCatalanSpanishAndFrenchMonthNames) {
  EXPECT_EQ(findDates(ruleWith({"%d %B de %Y"}), "Termini: 14 d'octubre de 2024")[0].localTime,
            "2024-10-14T17:00:00");
  EXPECT_EQ(findDates(ruleWith({"%d de %B de %Y"}), "Plazo: 1 de marzo de 2025")[0].localTime,
            "2025-03-01T17:00:00");
  EXPECT_EQ(findDates(ruleWith({"%d de %B de %Y"}), "Fins a l'1 de març de 2025")[0].localTime,
            "2025-03-01T17:00:00");
  EXPECT_EQ(findDates(ruleWith({"%d %B %Y à %Hh%M"}), "Clôture le 3 février 2027 à 12h30")[0].localTime,
            "2027-02-03T12:30:00");
}

TEST(DatesTest, RefusesImpossibleCalendarDates) {
  EXPECT_TRUE(findDates(ruleWith(kEuiFormats), "closes on 31 February 2027").empty());
  EXPECT_TRUE(findDates(ruleWith({"%d/%m/%Y"}), "31/13/2027").empty());
}

TEST(DatesTest, FindsEveryStageInTextOrderWithoutDoubleCounting) {
  const auto dates = findDates(ruleWith(kEuiFormats, true),
                               "Step 1: 26 February 2027 at 13:00 CET. Step 2: 24 September 2027.");
  ASSERT_EQ(dates.size(), 2u);
  EXPECT_EQ(dates[0].localTime, "2027-02-26T13:00:00");
  EXPECT_FALSE(dates[0].timeAssumed);
  EXPECT_EQ(dates[1].localTime, "2027-09-24T17:00:00");
  EXPECT_TRUE(dates[1].timeAssumed);
}

TEST(DatesTest, IgnoresWordsThatAreNotMonths) {
  EXPECT_TRUE(findDates(ruleWith({"%d %B %Y"}), "up to 5 partners 2027").empty());
}

TEST(DatesTest, ExplainsUnusableFormats) {
  EXPECT_EQ(*dateFormatError("%d %Q %Y"), "unknown directive %Q (use %d %e %m %B %b %Y %y %H %M %S %Z)");
  EXPECT_EQ(*dateFormatError("%d %B"), "needs a year (%Y or %y)");
  EXPECT_EQ(*dateFormatError("%d%m%Y"), "needs a separator between %d and %m");
  EXPECT_FALSE(dateFormatError("%d %B %Y at %H.%M %Z").has_value());
}

TEST(DatesTest, KnowsCentralEuropeanAbbreviations) {
  EXPECT_EQ(*offsetOfAbbreviation("CET"), "+01:00");
  EXPECT_EQ(*offsetOfAbbreviation("cest"), "+02:00");
  EXPECT_FALSE(offsetOfAbbreviation("XYZ").has_value());
}

} // namespace
} // namespace declarative
