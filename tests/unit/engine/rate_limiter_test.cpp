// RateLimiter: due times follow the rate exactly and lag is forgiven, not
// repaid as a burst.
#include "zeroscan/engine/rate_limiter.h"

#include <gtest/gtest.h>

namespace zeroscan {
namespace {

TEST(RateLimiterTest, DueTimesFollowTheRate) {
  RateLimiter limiter(100000, 1'000'000'000);
  EXPECT_EQ(limiter.due_ns(0), 1'000'000'000);
  EXPECT_EQ(limiter.due_ns(1), 1'000'010'000);
  EXPECT_EQ(limiter.due_ns(100000), 2'000'000'000);
}

TEST(RateLimiterTest, SmallLagIsCaughtUpLargeLagIsForgiven) {
  RateLimiter limiter(1000, 0);  // 1 ms per packet
  // 2 ms late: within the 5 ms allowance, the schedule stands.
  limiter.forgive_lag(10, 12'000'000);
  EXPECT_EQ(limiter.due_ns(10), 10'000'000);
  // 50 ms late (descheduled): the baseline moves, no burst of 50 packets.
  limiter.forgive_lag(20, 70'000'000);
  EXPECT_EQ(limiter.due_ns(20), 70'000'000);
  EXPECT_EQ(limiter.due_ns(21), 71'000'000);
}

TEST(RateLimiterTest, CountOverAnySecondStaysWithinTwoPercent) {
  // Simulate a sender that is always on time: packets due within [t, t+1s)
  // for several window offsets.
  const double rate = 123457;
  RateLimiter limiter(rate, 0);
  for (std::int64_t offset : {0LL, 333'333'333LL, 777'000'001LL}) {
    std::uint64_t count = 0;
    for (std::uint64_t n = 0; n < 400000; ++n) {
      const std::int64_t due = limiter.due_ns(n);
      if (due >= offset && due < offset + 1'000'000'000) ++count;
    }
    EXPECT_NEAR(double(count), rate, rate * 0.02) << "window at " << offset;
  }
}

TEST(RateLimiterTest, BatchSizeKeepsBatchesShort) {
  EXPECT_EQ(RateLimiter::batch_size(100, 64), 1u);
  EXPECT_EQ(RateLimiter::batch_size(10000, 64), 5u);
  EXPECT_EQ(RateLimiter::batch_size(100000, 64), 50u);
  EXPECT_EQ(RateLimiter::batch_size(2e6, 64), 64u);
}

}  // namespace
}  // namespace zeroscan
