// Backoff bounds and Retry-After parsing.
#include "retry_policy.h"

#include <algorithm>
#include <gtest/gtest.h>

namespace convoca::http::detail {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

TEST(RetryPolicy, RetriesOnlyTheTryLaterStatuses) {
  for (int status : {429, 500, 502, 503, 504}) EXPECT_TRUE(isRetryableStatus(status)) << status;
  for (int status : {200, 301, 304, 400, 401, 403, 404, 410, 501, 505})
    EXPECT_FALSE(isRetryableStatus(status)) << status;
}

TEST(RetryPolicy, BackoffCeilingDoublesUpToTheMaximum) {
  EXPECT_EQ(backoffCeiling(0, 20, 1000), milliseconds(20));
  EXPECT_EQ(backoffCeiling(1, 20, 1000), milliseconds(40));
  EXPECT_EQ(backoffCeiling(3, 20, 1000), milliseconds(160));
  EXPECT_EQ(backoffCeiling(6, 20, 1000), milliseconds(1000));
  EXPECT_EQ(backoffCeiling(500, 20, 1000), milliseconds(1000)); // no overflow
}

TEST(RetryPolicy, BackoffDrawsWithinTheCeilingAndGrowsWithEachRetry) {
  std::mt19937_64 random(42);
  long long previousLargest = -1;
  for (int retry = 0; retry < 5; ++retry) {
    long long largest = 0;
    for (int draw = 0; draw < 300; ++draw) {
      const auto delay = backoffDelay(retry, 20, 10000, random);
      ASSERT_GE(delay.count(), 0);
      ASSERT_LE(delay, backoffCeiling(retry, 20, 10000));
      largest = std::max<long long>(largest, delay.count());
    }
    // Full jitter spreads draws over the whole range: the largest of 300 is near the ceiling.
    EXPECT_GT(largest, backoffCeiling(retry, 20, 10000).count() * 9 / 10) << "retry " << retry;
    EXPECT_GT(largest, previousLargest);
    previousLargest = largest;
  }
}

TEST(RetryPolicy, RetryAfterInSeconds) {
  const auto now = std::chrono::system_clock::now();
  EXPECT_EQ(parseRetryAfter("120", now), seconds(120));
  EXPECT_EQ(parseRetryAfter(" 0 ", now), seconds(0));
}

TEST(RetryPolicy, RetryAfterAsHttpDateInAllThreeForms) {
  // 1994-11-06 08:49:37 UTC, RFC 9110's example date, seen 30 s earlier.
  const auto now = std::chrono::system_clock::time_point(seconds(784111777 - 30));
  EXPECT_EQ(parseRetryAfter("Sun, 06 Nov 1994 08:49:37 GMT", now), seconds(30));
  EXPECT_EQ(parseRetryAfter("Sunday, 06-Nov-94 08:49:37 GMT", now), seconds(30));
  EXPECT_EQ(parseRetryAfter("Sun Nov  6 08:49:37 1994", now), seconds(30));
}

TEST(RetryPolicy, RetryAfterInThePastMeansNow) {
  const auto now = std::chrono::system_clock::time_point(seconds(784111777 + 3600));
  EXPECT_EQ(parseRetryAfter("Sun, 06 Nov 1994 08:49:37 GMT", now), seconds(0));
}

TEST(RetryPolicy, UnreadableRetryAfterIsIgnored) {
  const auto now = std::chrono::system_clock::now();
  EXPECT_FALSE(parseRetryAfter("", now));
  EXPECT_FALSE(parseRetryAfter("soon", now));
  EXPECT_FALSE(parseRetryAfter("-5", now));
}

} // namespace
} // namespace convoca::http::detail
