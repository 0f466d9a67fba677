// The token-bucket rate limiter, on injected time points: bursts, refills,
// Retry-After, separate clients and bounded memory.
#include "rate_limiter.h"

#include <atomic>
#include <gtest/gtest.h>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace convoca::web::testing {
namespace {

using Clock = RateLimiter::Clock;
using std::chrono::milliseconds;
using std::chrono::seconds;

const Clock::time_point kStart = Clock::time_point() + std::chrono::hours(1);

TEST(RateLimiter, AllowsABurstThenRefuses) {
  RateLimiter limiter(1, 3);
  EXPECT_TRUE(limiter.allow("10.0.0.1", kStart));
  EXPECT_TRUE(limiter.allow("10.0.0.1", kStart));
  EXPECT_TRUE(limiter.allow("10.0.0.1", kStart));
  EXPECT_FALSE(limiter.allow("10.0.0.1", kStart));
}

TEST(RateLimiter, RefillsAtTheSteadyRate) {
  RateLimiter limiter(2, 1);
  EXPECT_TRUE(limiter.allow("a", kStart));
  EXPECT_FALSE(limiter.allow("a", kStart + milliseconds(400)));
  EXPECT_TRUE(limiter.allow("a", kStart + milliseconds(500)));
  EXPECT_FALSE(limiter.allow("a", kStart + milliseconds(600)));
}

TEST(RateLimiter, NeverRefillsBeyondTheBurst) {
  RateLimiter limiter(1, 2);
  EXPECT_TRUE(limiter.allow("a", kStart));
  const Clock::time_point later = kStart + std::chrono::hours(1);
  EXPECT_TRUE(limiter.allow("a", later));
  EXPECT_TRUE(limiter.allow("a", later));
  EXPECT_FALSE(limiter.allow("a", later));
}

TEST(RateLimiter, CountsEachClientApart) {
  RateLimiter limiter(1, 1);
  EXPECT_TRUE(limiter.allow("a", kStart));
  EXPECT_FALSE(limiter.allow("a", kStart));
  EXPECT_TRUE(limiter.allow("b", kStart));
}

TEST(RateLimiter, TellsHowLongToWait) {
  RateLimiter limiter(0.2, 1); // one request every five seconds
  EXPECT_EQ(limiter.retryAfter("a", kStart), seconds(0));
  EXPECT_TRUE(limiter.allow("a", kStart));
  EXPECT_EQ(limiter.retryAfter("a", kStart), seconds(5));
  EXPECT_EQ(limiter.retryAfter("a", kStart + milliseconds(1500)), seconds(4));
  EXPECT_EQ(limiter.retryAfter("a", kStart + seconds(5)), seconds(0));
}

TEST(RateLimiter, RefillsNothingWhenTimeGoesBack) {
  RateLimiter limiter(1, 1);
  EXPECT_TRUE(limiter.allow("a", kStart + seconds(10)));
  EXPECT_FALSE(limiter.allow("a", kStart));
  EXPECT_FALSE(limiter.allow("a", kStart + seconds(10)));
  EXPECT_TRUE(limiter.allow("a", kStart + seconds(11)));
}

TEST(RateLimiter, ForgetsIdleClients) {
  RateLimiter limiter(1, 2);
  for (int i = 0; i < 50; ++i) limiter.allow("client-" + std::to_string(i), kStart);
  EXPECT_EQ(limiter.trackedKeys(), 50u);
  limiter.allow("newcomer", kStart + seconds(5)); // every earlier bucket is full again
  EXPECT_EQ(limiter.trackedKeys(), 1u);
}

TEST(RateLimiter, TracksAtMostItsCapOfClients) {
  RateLimiter limiter(1, 1, 100);
  for (int i = 0; i < 1000; ++i) EXPECT_TRUE(limiter.allow("client-" + std::to_string(i), kStart));
  EXPECT_EQ(limiter.trackedKeys(), 100u);
  // The most recent clients are still remembered; the oldest start afresh.
  EXPECT_FALSE(limiter.allow("client-999", kStart));
  EXPECT_TRUE(limiter.allow("client-0", kStart));
}

TEST(RateLimiter, KeepsABusyClientWhileForgettingIdleOnes) {
  RateLimiter limiter(1, 1, 3);
  EXPECT_TRUE(limiter.allow("busy", kStart));
  EXPECT_TRUE(limiter.allow("idle-1", kStart));
  EXPECT_TRUE(limiter.allow("idle-2", kStart));
  EXPECT_FALSE(limiter.allow("busy", kStart)); // now the most recent
  EXPECT_TRUE(limiter.allow("idle-3", kStart));
  EXPECT_FALSE(limiter.allow("busy", kStart));
}

TEST(RateLimiter, RefusesALimitThatCouldNeverAllow) {
  EXPECT_THROW(RateLimiter(0, 1), std::invalid_argument);
  EXPECT_THROW(RateLimiter(1, 0.5), std::invalid_argument);
  EXPECT_THROW(RateLimiter(1, 1, 0), std::invalid_argument);
}

TEST(RateLimiter, GrantsExactlyTheBurstToConcurrentCallers) {
  RateLimiter limiter(1, 1000);
  std::atomic<int> granted{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 500; ++i)
        if (limiter.allow("shared", kStart)) ++granted;
    });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(granted.load(), 1000);
}

} // namespace
} // namespace convoca::web::testing
