// RateLimiter: due times follow the rate exactly; a short lag is caught
// up, a long one is forgiven beyond the allowance, never repaid whole.
#include "zeroscan/engine/rate_limiter.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

namespace zeroscan {
namespace {

TEST(RateLimiterTest, DueTimesFollowTheRate) {
  RateLimiter limiter(100000, 1'000'000'000);
  EXPECT_EQ(limiter.due_ns(0), 1'000'000'000);
  EXPECT_EQ(limiter.due_ns(1), 1'000'010'000);
  EXPECT_EQ(limiter.due_ns(100000), 2'000'000'000);
}

TEST(RateLimiterTest, LagWithinTheAllowanceIsCaughtUpOnlyTheExcessIsForgiven) {
  RateLimiter limiter(1000, 0);  // 1 ms per packet
  // 2 ms late: within the allowance, the schedule stands.
  limiter.forgive_lag(10, 12'000'000);
  EXPECT_EQ(limiter.due_ns(10), 10'000'000);
  // 70 ms late (descheduled): the baseline moves so that exactly the
  // allowance is still owed: a burst of at most that many packets.
  limiter.forgive_lag(20, 90'000'000);
  EXPECT_EQ(limiter.due_ns(20), 90'000'000 - RateLimiter::kMaxLagNs);
  EXPECT_EQ(limiter.due_ns(21), 90'000'000 - RateLimiter::kMaxLagNs + 1'000'000);
}

// A sender on a busy machine: it always sends as soon as its batch is due,
// but every 100 ms the scheduler keeps it off the CPU for 12 ms (a sleep
// that ends late). Returns the send time of every batch.
std::vector<std::int64_t> starved_sender(double rate, unsigned batch, std::int64_t seconds) {
  constexpr std::int64_t kPeriod = 100'000'000, kOffCpu = 12'000'000;
  RateLimiter limiter(rate, 0);
  std::vector<std::int64_t> sent_at;
  std::int64_t now = 0;
  for (std::uint64_t sent = 0; now < seconds * 1'000'000'000; sent += batch) {
    limiter.forgive_lag(sent, now);
    now = std::max(now, limiter.due_ns(sent));
    if (now % kPeriod < kOffCpu) now += kOffCpu - now % kPeriod;  // woke up late
    sent_at.push_back(now);
  }
  return sent_at;
}

TEST(RateLimiterTest, ASenderKeptOffTheCpuNowAndThenStillKeepsTheRate) {
  const double rate = 200000;
  const unsigned batch = RateLimiter::batch_size(rate, 256);
  const auto sent_at = starved_sender(rate, batch, 10);
  // Over the run, the rate asked for (it lost 12% of its time off the CPU).
  std::uint64_t in_run = 0;
  for (std::int64_t t : sent_at)
    if (t < 10'000'000'000) in_run += batch;
  EXPECT_GE(double(in_run), rate * 10 * 0.99);
  // And no second holds more than the rate plus the catch-up allowance.
  for (std::int64_t start = 0; start + 1'000'000'000 <= 10'000'000'000; start += 50'000'000) {
    std::uint64_t in_window = 0;
    for (std::int64_t t : sent_at)
      if (t >= start && t < start + 1'000'000'000) in_window += batch;
    EXPECT_LE(double(in_window), rate * (1 + double(RateLimiter::kMaxLagNs) / 1e9) + batch) << "second at " << start;
  }
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
