// Ipv6TargetSet: normalisation, excludes, and the index <-> address
// mapping, at the edges of the 128-bit space and across the 64-bit halves.
#include "zeroscan/targets/ipv6_target_set.h"

#include <gtest/gtest.h>

#include <random>
#include <stdexcept>

#include "zeroscan/core/errors.h"

namespace zeroscan {
namespace {

Ipv6 a(const char* text) { return *Ipv6::parse(text); }
Ipv6Range r(const char* first, const char* last) { return {a(first), a(last)}; }
const Ipv6 kLast(~0ull, ~0ull);

TEST(Ipv6TargetSet, MergesOverlappingAndAdjacentRanges) {
  const Ipv6TargetSet set({r("2001:2::10", "2001:2::1f"), r("2001:2::", "2001:2::f"),
                           r("2001:2::18", "2001:2::30"), r("2001:2::40", "2001:2::40")},
                          {});
  ASSERT_EQ(set.ranges().size(), 2u);
  EXPECT_EQ(set.ranges()[0], r("2001:2::", "2001:2::30"));
  EXPECT_EQ(set.ranges()[1], r("2001:2::40", "2001:2::40"));
  EXPECT_EQ(set.size(), 0x31u + 1);
}

TEST(Ipv6TargetSet, MergesAcrossTheHalvesAndAtTheEnds) {
  const Ipv6TargetSet across({r("2001:2::ffff:ffff:ffff:fff0", "2001:2::ffff:ffff:ffff:ffff"),
                              r("2001:2:0:1::", "2001:2:0:1::f")},
                             {});
  ASSERT_EQ(across.ranges().size(), 1u);
  EXPECT_EQ(across.size(), 32u);
  EXPECT_EQ(across.at(16), a("2001:2:0:1::"));
  const Ipv6TargetSet ends({{Ipv6(), Ipv6(0, 3)}, {Ipv6(0, 0), Ipv6(0, 1)}, {Ipv6(~0ull, ~0ull - 1), kLast}}, {});
  EXPECT_EQ(ends.size(), 6u);
  EXPECT_EQ(ends.at(5), kLast);
  EXPECT_EQ(ends.position_of(kLast), 5u);
}

TEST(Ipv6TargetSet, SubtractsExcludes) {
  const Ipv6TargetSet set({r("2001:2::", "2001:2::ff")},
                          {r("2001:2::10", "2001:2::1f"), r("2001:2::f0", "2001:2::1:0"), r("2001:1::", "2001:2::")});
  ASSERT_EQ(set.ranges().size(), 2u);
  EXPECT_EQ(set.ranges()[0], r("2001:2::1", "2001:2::f"));
  EXPECT_EQ(set.ranges()[1], r("2001:2::20", "2001:2::ef"));
  EXPECT_FALSE(set.contains(a("2001:2::15")));
  EXPECT_FALSE(set.contains(a("2001:2::")));
  EXPECT_TRUE(set.contains(a("2001:2::20")));
  // Excluding up to the very last address does not wrap round to ::.
  const Ipv6TargetSet top({{Ipv6(~0ull, ~0ull - 9), kLast}}, {{Ipv6(~0ull, ~0ull - 4), kLast}});
  EXPECT_EQ(top.size(), 5u);
  EXPECT_EQ(top.ranges().back().last, Ipv6(~0ull, ~0ull - 5));
  EXPECT_TRUE(Ipv6TargetSet({r("::1", "::5")}, {r("::", "::ffff")}).empty());
}

TEST(Ipv6TargetSet, IndexAndAddressRoundTrip) {
  std::mt19937_64 random(6);
  std::vector<Ipv6Range> include;
  for (int i = 0; i < 200; ++i) {
    // Every fourth range starts just below a 64-bit boundary and crosses it.
    const std::uint64_t low = i % 4 == 0 ? ~0ull - random() % 500 : random();
    const Ipv6 first(0x2001000200000000ull | (random() & 0xffff), low);
    const std::uint64_t length = random() % 1000;
    const Ipv6 last(first.hi + (first.lo + length < first.lo ? 1 : 0), first.lo + length);
    include.push_back({first, last});
  }
  const Ipv6TargetSet set(include, {});
  ASSERT_GT(set.size(), 0u);
  for (int i = 0; i < 20000; ++i) {
    const std::uint64_t index = random() % set.size();
    ASSERT_EQ(set.position_of(set.at(index)), index);
  }
  EXPECT_FALSE(set.position_of(a("2001:3::")));
}

TEST(Ipv6TargetSet, RefusesWhatAnIndexCannotName) {
  EXPECT_THROW(Ipv6TargetSet({{Ipv6(), kLast}}, {}), UsageError);
  EXPECT_THROW(Ipv6TargetSet({r("2001:db8::", "2001:db8::ffff:ffff:ffff:ffff")}, {}), UsageError);
  EXPECT_THROW(Ipv6TargetSet({r("2001:db8::", "2001:db8::ffff:ffff:ffff:fffe"), r("2001:db9::", "2001:db9::")}, {}),
               UsageError);
  const Ipv6TargetSet just_fits({r("2001:db8::1", "2001:db8::ffff:ffff:ffff:ffff")}, {});
  EXPECT_EQ(just_fits.size(), ~0ull);
  EXPECT_THROW(Ipv6TargetSet({r("2001:2::9", "2001:2::1")}, {}), std::invalid_argument);
}

}  // namespace
}  // namespace zeroscan
