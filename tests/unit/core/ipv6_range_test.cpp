// Ipv6Range: sizes where they fit 64 bits, and comparisons where not.
#include "zeroscan/core/ipv6_range.h"

#include <gtest/gtest.h>

namespace zeroscan {
namespace {

TEST(Ipv6Range, SizeAndLargerThanAtTheEdges) {
  const Ipv6Range two_to_64{Ipv6(1, 0), Ipv6(1, ~0ull)};
  EXPECT_FALSE(two_to_64.size());
  EXPECT_TRUE(two_to_64.larger_than(~0ull));
  const Ipv6Range below{Ipv6(1, 1), Ipv6(1, ~0ull)};  // 2^64 - 1
  EXPECT_EQ(below.size(), ~0ull);
  EXPECT_FALSE(below.larger_than(~0ull));
  EXPECT_TRUE(below.larger_than(~0ull - 1));
  const Ipv6Range straddle{Ipv6(0, ~0ull), Ipv6(1, 0)};
  EXPECT_EQ(straddle.size(), 2u);
}

TEST(Ipv6Range, SpanIsTheSizeLessOne) {
  EXPECT_EQ(range_span({Ipv6(0, 5), Ipv6(0, 5)}), Ipv6(0, 0));
  EXPECT_EQ(range_span({Ipv6(), Ipv6(~0ull, ~0ull)}), Ipv6(~0ull, ~0ull));
  EXPECT_EQ(range_span({Ipv6(0, ~0ull), Ipv6(1, 0)}), Ipv6(0, 1));
}

}  // namespace
}  // namespace zeroscan
