// The feed date readers on their own.
#include "feed_dates.h"

#include <gtest/gtest.h>

namespace feeds {
namespace {

TEST(Rfc822, ReadsNamedEuropeanAndUsZones) {
  EXPECT_EQ(rfc822ToRfc3339("Tue, 10 Nov 2026 16:00:00 CET"), "2026-11-10T16:00:00+01:00");
  EXPECT_EQ(rfc822ToRfc3339("Mon, 29 Jun 2026 09:30:00 CEST"), "2026-06-29T09:30:00+02:00");
  EXPECT_EQ(rfc822ToRfc3339("Fri, 20 Nov 2026 08:15:00 GMT"), "2026-11-20T08:15:00+00:00");
  EXPECT_EQ(rfc822ToRfc3339("Wed, 14 Oct 2026 10:00:00 UTC"), "2026-10-14T10:00:00+00:00");
  EXPECT_EQ(rfc822ToRfc3339("Wed, 14 Oct 2026 10:00:00 EDT"), "2026-10-14T10:00:00-04:00");
  EXPECT_EQ(rfc822ToRfc3339("Wed, 14 Oct 2026 10:00:00 west"), "2026-10-14T10:00:00+01:00");
}

TEST(Rfc822, ReadsNumericZonesAndTheOptionalParts) {
  EXPECT_EQ(rfc822ToRfc3339("Mon, 02 Nov 2026 12:00:00 +0100"), "2026-11-02T12:00:00+01:00");
  EXPECT_EQ(rfc822ToRfc3339("Fri, 12 Jun 2026 11:00:00 -0330"), "2026-06-12T11:00:00-03:30");
  EXPECT_EQ(rfc822ToRfc3339("2 Nov 2026 12:00:00 +0100"), "2026-11-02T12:00:00+01:00");
  EXPECT_EQ(rfc822ToRfc3339("Mon, 02 Nov 2026 12:00 CET"), "2026-11-02T12:00:00+01:00");
  EXPECT_EQ(rfc822ToRfc3339("Mon, 02 Nov 26 12:00:00 GMT"), "2026-11-02T12:00:00+00:00");
}

TEST(Rfc822, RefusesUnknownZonesAndNonsense) {
  EXPECT_FALSE(rfc822ToRfc3339("Tue, 10 Nov 2026 16:00:00 IST")); // ambiguous: never read as UTC
  EXPECT_FALSE(rfc822ToRfc3339("Tue, 10 Nov 2026 16:00:00 XYZ"));
  EXPECT_FALSE(rfc822ToRfc3339("next Tuesday"));
  EXPECT_FALSE(rfc822ToRfc3339(""));
}

TEST(Rfc3339, NormalisesFractionsAndRequiresAnOffset) {
  EXPECT_EQ(normaliseRfc3339("2026-10-21T11:00:00.250+02:00"), "2026-10-21T11:00:00+02:00");
  EXPECT_EQ(normaliseRfc3339("2026-07-15T14:00:00Z"), "2026-07-15T14:00:00+00:00");
  EXPECT_FALSE(normaliseRfc3339("2026-07-15T14:00:00"));
  EXPECT_FALSE(normaliseRfc3339("2026-07-15"));
  EXPECT_FALSE(normaliseRfc3339("15/07/2026 14:00"));
}

} // namespace
} // namespace feeds
