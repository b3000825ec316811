// The capture -> output hand-over: order, wrap-around, a full ring refusing
// (never overwriting), and one producer and one consumer thread moving
// millions of values without loss, duplication or reordering.
#include "zeroscan/engine/spsc_queue.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "zeroscan/engine/capture_sizing.h"
#include "zeroscan/engine/result_queue.h"

namespace zeroscan {
namespace {

TEST(SpscQueueTest, CapacityRoundsUpToAPowerOfTwo) {
  EXPECT_EQ(SpscQueue<int>(5).capacity(), 8u);
  EXPECT_EQ(SpscQueue<int>(8).capacity(), 8u);
  EXPECT_EQ(SpscQueue<int>(0).capacity(), 2u);
}

TEST(SpscQueueTest, FullRingRefusesAndKeepsWhatItHas) {
  SpscQueue<int> q(4);
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(q.try_push(i));
  EXPECT_FALSE(q.try_push(99));
  int out[8];
  ASSERT_EQ(q.pop(out, 8), 4u);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(out[i], i);
  EXPECT_TRUE(q.empty());
  EXPECT_EQ(q.pop(out, 8), 0u);
}

TEST(SpscQueueTest, WrapsAroundManyTimesInOrder) {
  SpscQueue<int> q(8);
  int next_in = 0, next_out = 0;
  int out[8];
  // Uneven push/pop sizes walk the positions across the end of the ring.
  for (int round = 0; round < 1000; ++round) {
    for (int i = 0; i < 5; ++i) ASSERT_TRUE(q.try_push(next_in++));
    const std::size_t n = q.pop(out, 3 + round % 3);
    for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(out[i], next_out++);
    while (const std::size_t m = q.pop(out, 8))
      for (std::size_t i = 0; i < m; ++i) ASSERT_EQ(out[i], next_out++);
  }
  EXPECT_EQ(next_in, next_out);
}

TEST(SpscQueueTest, OneProducerOneConsumerLoseNothing) {
  SpscQueue<std::uint64_t> q(1024);
  constexpr std::uint64_t kCount = 2'000'000;
  std::uint64_t refused = 0;
  std::thread producer([&] {
    for (std::uint64_t i = 0; i < kCount; ++i)
      while (!q.try_push(i)) ++refused;  // full: the consumer catches up
  });
  std::uint64_t expected = 0;
  bool in_order = true;
  std::uint64_t buffer[256];
  while (expected < kCount) {
    const std::size_t n = q.pop(buffer, 256);
    for (std::size_t i = 0; i < n; ++i) in_order &= buffer[i] == expected++;
  }
  producer.join();
  EXPECT_TRUE(in_order);
  EXPECT_EQ(expected, kCount);
  EXPECT_TRUE(q.empty());
}

TEST(ResultQueueTest, CapacityFollowsTheRateWithinBounds) {
  EXPECT_EQ(ResultQueue(result_queue_capacity(10)).capacity(), 4096u);
  EXPECT_EQ(ResultQueue(result_queue_capacity(1e6)).capacity(), 131072u);
  EXPECT_EQ(ResultQueue(result_queue_capacity(1e9)).capacity(), 524288u);
}

TEST(CaptureSizingTest, RingFollowsRateAndWaitWithinBounds) {
  EXPECT_EQ(capture_buffer_bytes(1000, 2), 4 << 20);             // floor
  EXPECT_EQ(capture_buffer_bytes(1e6, 2), int(1e6 * 0.25 * 128));  // 32 MB at 1 M pps
  EXPECT_EQ(capture_buffer_bytes(1e6, 0.1), int(1e6 * 0.1 * 128)); // a short --wait
  EXPECT_EQ(capture_buffer_bytes(1e8, 2), 64 << 20);             // ceiling
}

}  // namespace
}  // namespace zeroscan
