// TargetSet: normalisation (sort, merge, subtract) and index <-> address
// mapping, checked against a brute-force model.
#include "zeroscan/targets/target_set.h"

#include <gtest/gtest.h>

#include <random>
#include <stdexcept>
#include <vector>

#include "test_printers.h"

namespace zeroscan {
namespace {

Ipv4 ip(const char* text) { return *Ipv4::parse(text); }
Ipv4Range range(const char* first, const char* last) { return {ip(first), ip(last)}; }

TEST(TargetSetTest, EmptyByDefault) {
  const TargetSet set;
  EXPECT_TRUE(set.empty());
  EXPECT_EQ(set.size(), 0u);
  EXPECT_FALSE(set.contains(ip("1.2.3.4")));
}

TEST(TargetSetTest, SortsAndMergesOverlappingAndAdjacentRanges) {
  const TargetSet set({range("198.18.0.10", "198.18.0.20"), range("198.18.0.0", "198.18.0.9"),
                       range("198.18.0.15", "198.18.0.30"), range("198.18.1.0", "198.18.1.0"),
                       range("198.18.0.12", "198.18.0.13")},
                      {});
  EXPECT_EQ(set.ranges(), (std::vector<Ipv4Range>{range("198.18.0.0", "198.18.0.30"),
                                                  range("198.18.1.0", "198.18.1.0")}));
  EXPECT_EQ(set.size(), 32u);
}

TEST(TargetSetTest, DuplicatesCountOnce) {
  const TargetSet set({range("192.0.2.1", "192.0.2.1"), range("192.0.2.1", "192.0.2.1")}, {});
  EXPECT_EQ(set.size(), 1u);
}

TEST(TargetSetTest, IndexMapsInAscendingAddressOrder) {
  const TargetSet set({range("198.18.5.0", "198.18.5.1"), range("10.0.0.7", "10.0.0.9")}, {});
  ASSERT_EQ(set.size(), 5u);
  const std::vector<Ipv4> expected{ip("10.0.0.7"), ip("10.0.0.8"), ip("10.0.0.9"),
                                   ip("198.18.5.0"), ip("198.18.5.1")};
  for (std::uint64_t i = 0; i < set.size(); ++i) {
    EXPECT_EQ(set.at(i), expected[i]);
    EXPECT_EQ(set.position_of(expected[i]), i);
  }
}

TEST(TargetSetTest, ExcludeSplitsTrimsAndRemoves) {
  const TargetSet set({range("198.18.0.0", "198.18.0.255"), range("198.18.2.0", "198.18.2.9"),
                       range("198.18.3.0", "198.18.3.3")},
                      {range("198.18.0.10", "198.18.0.19"),   // hole in the middle
                       range("198.18.0.250", "198.18.2.4"),   // tail of one, head of next
                       range("198.18.3.0", "198.18.3.3"),     // all of a range
                       range("198.18.0.0", "198.18.0.0")});   // first address
  EXPECT_EQ(set.ranges(), (std::vector<Ipv4Range>{range("198.18.0.1", "198.18.0.9"),
                                                  range("198.18.0.20", "198.18.0.249"),
                                                  range("198.18.2.5", "198.18.2.9")}));
  EXPECT_EQ(set.size(), 9u + 230u + 5u);
  EXPECT_FALSE(set.contains(ip("198.18.0.15")));
  EXPECT_FALSE(set.contains(ip("198.18.3.1")));
  EXPECT_TRUE(set.contains(ip("198.18.0.20")));
}

TEST(TargetSetTest, ExcludingEverythingLeavesAnEmptySet) {
  const TargetSet set({range("198.18.0.0", "198.18.0.255")}, {range("198.0.0.0", "198.255.255.255")});
  EXPECT_TRUE(set.empty());
  EXPECT_TRUE(set.ranges().empty());
}

TEST(TargetSetTest, ExcludesOutsideTheTargetsChangeNothing) {
  const TargetSet set({range("198.18.0.0", "198.18.0.255")},
                      {range("10.0.0.0", "10.255.255.255"), range("203.0.113.0", "203.0.113.255")});
  EXPECT_EQ(set.ranges(), std::vector<Ipv4Range>{range("198.18.0.0", "198.18.0.255")});
}

TEST(TargetSetTest, WholeAddressSpaceWithoutWrapping) {
  const TargetSet all({range("0.0.0.0", "255.255.255.255")}, {});
  EXPECT_EQ(all.size(), 1ull << 32);
  EXPECT_EQ(all.at(0), ip("0.0.0.0"));
  EXPECT_EQ(all.at((1ull << 32) - 1), ip("255.255.255.255"));
  EXPECT_EQ(all.position_of(ip("255.255.255.255")), (1ull << 32) - 1);

  const TargetSet top({range("255.255.255.0", "255.255.255.255"), range("255.255.255.255", "255.255.255.255"),
                       range("0.0.0.0", "0.0.0.0")},
                      {});
  EXPECT_EQ(top.ranges().size(), 2u) << "255.255.255.255 + 1 must not merge with 0.0.0.0";
  EXPECT_EQ(top.size(), 257u);
}

TEST(TargetSetTest, WholeAddressSpaceMinusNeverValidBlocks) {
  const TargetSet set({range("0.0.0.0", "255.255.255.255")}, never_valid_targets());
  EXPECT_EQ(set.ranges(), std::vector<Ipv4Range>{range("1.0.0.0", "223.255.255.255")});
  EXPECT_EQ(set.size(), (1ull << 32) - (1ull << 24) - (1ull << 29));
  EXPECT_EQ(set.at(0), ip("1.0.0.0"));
  EXPECT_FALSE(set.contains(ip("224.0.0.1")));
  EXPECT_FALSE(set.contains(ip("0.1.2.3")));
}

TEST(TargetSetTest, ExcludeTouchingTheTopAddress) {
  const TargetSet set({range("255.255.255.250", "255.255.255.255")},
                      {range("255.255.255.255", "255.255.255.255")});
  EXPECT_EQ(set.ranges(), std::vector<Ipv4Range>{range("255.255.255.250", "255.255.255.254")});
}

TEST(TargetSetTest, InvertedRangeIsRejected) {
  EXPECT_THROW(TargetSet({range("198.18.0.9", "198.18.0.1")}, {}), std::invalid_argument);
  EXPECT_THROW(TargetSet({}, {range("198.18.0.9", "198.18.0.1")}), std::invalid_argument);
}

TEST(TargetSetTest, MatchesBruteForceModelOnRandomRanges) {
  // A 1024-address universe, so the model can be a plain bitmap.
  const std::uint32_t base = ip("198.18.0.0").value;
  std::mt19937 random(17);
  for (int round = 0; round < 300; ++round) {
    std::vector<bool> model(1024, false);
    std::vector<Ipv4Range> include, exclude;
    const auto random_range = [&] {
      const std::uint32_t a = random() % 1024, length = random() % 64;
      const std::uint32_t b = std::min<std::uint32_t>(1023, a + length);
      return Ipv4Range{Ipv4(base + a), Ipv4(base + b)};
    };
    for (int i = int(random() % 8); i >= 0; --i) include.push_back(random_range());
    for (int i = int(random() % 6); i > 0; --i) exclude.push_back(random_range());
    for (const auto& r : include)
      for (auto v = r.first.value; v <= r.last.value; ++v) model[v - base] = true;
    for (const auto& r : exclude)
      for (auto v = r.first.value; v <= r.last.value; ++v) model[v - base] = false;

    const TargetSet set(include, exclude);
    std::vector<Ipv4> expected;
    for (std::uint32_t i = 0; i < 1024; ++i) {
      if (model[i]) expected.push_back(Ipv4(base + i));
      ASSERT_EQ(set.contains(Ipv4(base + i)), bool(model[i])) << "round " << round;
    }
    EXPECT_FALSE(set.contains(Ipv4(base - 1)));
    EXPECT_FALSE(set.contains(Ipv4(base + 1024)));
    ASSERT_EQ(set.size(), expected.size()) << "round " << round;
    for (std::uint64_t i = 0; i < expected.size(); ++i) {
      ASSERT_EQ(set.at(i), expected[i]);
      ASSERT_EQ(set.position_of(expected[i]), i);
    }
    // Normalised: sorted, disjoint and never touching.
    for (std::size_t k = 1; k < set.ranges().size(); ++k) {
      ASSERT_GT(set.ranges()[k].first.value, set.ranges()[k - 1].last.value + 1);
    }
  }
}

TEST(TargetSetTest, PositionOfInvertsAtAndMissesGapsAndEnds) {
  const TargetSet set({range("198.18.0.10", "198.18.0.19"), range("198.18.1.0", "198.18.1.4")}, {});
  for (std::uint64_t i = 0; i < set.size(); ++i) EXPECT_EQ(set.position_of(set.at(i)), i);
  EXPECT_EQ(set.position_of(ip("198.18.0.9")), std::nullopt);   // before the first range
  EXPECT_EQ(set.position_of(ip("198.18.0.20")), std::nullopt);  // the gap between ranges
  EXPECT_EQ(set.position_of(ip("198.18.1.5")), std::nullopt);   // after the last
}

}  // namespace
}  // namespace zeroscan
