// Permutation: every index exactly once across shards, seeds matter,
// resume continues exactly, limits are enforced.
#include "zeroscan/targets/permutation.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "zeroscan/core/errors.h"
#include "zeroscan/targets/number_theory.h"

namespace zeroscan {
namespace {

std::vector<std::uint64_t> drain(Permutation::Cursor cursor) {
  std::vector<std::uint64_t> values;
  while (const auto value = cursor.next()) values.push_back(*value);
  return values;
}

std::vector<std::uint64_t> whole_order(std::uint64_t size, std::uint64_t seed, ShardSpec shard = {}) {
  const Permutation permutation(size, seed, shard);
  return drain(permutation.cursor());
}

constexpr std::uint64_t kSeeds[] = {0, 1, 2, 0xdeadbeefcafef00dull, 977};

TEST(PermutationTest, EveryIndexExactlyOnceAcrossShardsForSmallSpaces) {
  for (std::uint64_t size = 1; size <= 300; ++size) {
    for (std::uint64_t seed : kSeeds) {
      for (std::uint32_t count = 1; count <= 7; ++count) {
        std::vector<int> seen(size, 0);
        std::vector<int> shard_of(size, -1);
        for (std::uint32_t index = 0; index < count; ++index) {
          const Permutation permutation(size, seed, {index, count});
          auto cursor = permutation.cursor();
          while (const auto value = cursor.next()) {
            ASSERT_LT(*value, size);
            ++seen[*value];
            shard_of[*value] = int(index);
          }
          ASSERT_EQ(cursor.position(), permutation.positions());
        }
        for (std::uint64_t v = 0; v < size; ++v) {
          ASSERT_EQ(seen[v], 1) << "size " << size << " seed " << seed << " shards " << count
                                << " value " << v;
        }
      }
    }
  }
}

TEST(PermutationTest, ShardOwnsEveryNthCyclePosition) {
  // size = p - 1 leaves nothing to skip, so the unsharded order lists every
  // cycle position: shard i of n must yield exactly positions i, i+n, ...
  for (std::uint64_t size : {100u, 106u, 1008u}) {
    ASSERT_TRUE(is_prime(size + 1));
    for (std::uint64_t seed : kSeeds) {
      const auto whole = whole_order(size, seed);
      ASSERT_EQ(whole.size(), size);
      for (std::uint32_t count = 1; count <= 9; ++count) {
        for (std::uint32_t index = 0; index < count; ++index) {
          std::vector<std::uint64_t> expected;
          for (std::uint64_t pos = index; pos < whole.size(); pos += count) expected.push_back(whole[pos]);
          EXPECT_EQ(whole_order(size, seed, {index, count}), expected)
              << "size " << size << " shard " << index << "/" << count;
        }
      }
    }
  }
}

TEST(PermutationTest, ShardPositionCountsFollowTheCeilingFormula) {
  // size 10: p = 11, cycle positions 0..9. Three shards own {0,3,6,9},
  // {1,4,7} and {2,5,8}.
  EXPECT_EQ(Permutation(10, 1, {0, 3}).positions(), 4u);
  EXPECT_EQ(Permutation(10, 1, {1, 3}).positions(), 3u);
  EXPECT_EQ(Permutation(10, 1, {2, 3}).positions(), 3u);
  // More shards than cycle positions: the extra shards are empty, not errors.
  EXPECT_EQ(Permutation(1, 1, {0, 3}).positions(), 1u);
  EXPECT_EQ(Permutation(1, 1, {2, 3}).positions(), 0u);
  EXPECT_FALSE(Permutation(1, 1, {2, 3}).cursor().next().has_value());
  for (std::uint64_t size : {1000u, 65536u, 1u << 20}) {
    const std::uint64_t cycle = smallest_prime_above(size) - 1;
    for (std::uint32_t count : {1u, 2u, 7u, 64u}) {
      std::uint64_t total = 0;
      for (std::uint32_t index = 0; index < count; ++index) {
        const Permutation permutation(size, 42, {index, count});
        EXPECT_EQ(permutation.positions(), (cycle - index + count - 1) / count);
        total += permutation.positions();
      }
      EXPECT_EQ(total, cycle);
    }
  }
}

TEST(PermutationTest, PrimeIsSmallestAboveSize) {
  for (std::uint64_t size : std::vector<std::uint64_t>{0, 1, 2, 300, 1ull << 24, 1ull << 40, Permutation::kMaxSize}) {
    const Permutation permutation(size, 1);
    EXPECT_EQ(permutation.prime(), smallest_prime_above(size)) << size;
    EXPECT_TRUE(is_primitive_root(permutation.generator(), permutation.prime(),
                                  distinct_prime_factors(permutation.prime() - 1)));
  }
}

TEST(PermutationTest, SameSeedSameOrder) {
  EXPECT_EQ(whole_order(5000, 123), whole_order(5000, 123));
  EXPECT_EQ(whole_order(5000, 123, {1, 3}), whole_order(5000, 123, {1, 3}));
}

TEST(PermutationTest, DifferentSeedsGiveDifferentOrders) {
  std::vector<std::vector<std::uint64_t>> orders;
  for (std::uint64_t seed = 0; seed < 20; ++seed) orders.push_back(whole_order(1000, seed));
  for (std::size_t a = 0; a < orders.size(); ++a) {
    for (std::size_t b = a + 1; b < orders.size(); ++b) {
      EXPECT_NE(orders[a], orders[b]) << "seeds " << a << " and " << b;
      // Not just rotations of one order: the first elements differ too.
      EXPECT_NE(std::vector<std::uint64_t>(orders[a].begin(), orders[a].begin() + 8),
                std::vector<std::uint64_t>(orders[b].begin(), orders[b].begin() + 8));
    }
  }
}

TEST(PermutationTest, DifferentSeedsPickDifferentGeneratorsOnLargeSpaces) {
  const Permutation a(1ull << 32, 1), b(1ull << 32, 2);
  EXPECT_NE(a.generator(), b.generator());
  auto ca = a.cursor(), cb = b.cursor();
  int same = 0;
  for (int i = 0; i < 1000; ++i) same += *ca.next() == *cb.next();
  EXPECT_LT(same, 5);
}

TEST(PermutationTest, OrderIsNotTheIdentity) {
  const auto order = whole_order(10000, 7);
  std::size_t in_place = 0;
  for (std::size_t i = 0; i < order.size(); ++i) in_place += order[i] == i;
  EXPECT_LT(in_place, 50u);
  EXPECT_FALSE(std::is_sorted(order.begin(), order.end()));
}

TEST(PermutationTest, ResumeAtEveryPositionReproducesTheTail) {
  for (std::uint64_t size : {1u, 2u, 97u, 250u}) {
    for (std::uint32_t count : {1u, 3u}) {
      for (std::uint32_t index = 0; index < count; ++index) {
        const Permutation permutation(size, 31337, {index, count});
        // Where each emitted value sits: it was read at position_after - 1.
        std::vector<std::uint64_t> values, position_after;
        auto cursor = permutation.cursor();
        while (const auto value = cursor.next()) {
          values.push_back(*value);
          position_after.push_back(cursor.position());
        }
        for (std::uint64_t resume = 0; resume <= permutation.positions(); ++resume) {
          std::vector<std::uint64_t> expected_tail;
          for (std::size_t j = 0; j < values.size(); ++j) {
            if (position_after[j] > resume) expected_tail.push_back(values[j]);
          }
          ASSERT_EQ(drain(permutation.cursor(resume)), expected_tail)
              << "size " << size << " shard " << index << "/" << count << " resume " << resume;
        }
      }
    }
  }
}

TEST(PermutationTest, ResumeFromSavedPositionContinuesExactly) {
  const Permutation permutation(1ull << 40, 5, {2, 5});
  auto original = permutation.cursor();
  for (int i = 0; i < 12345; ++i) ASSERT_TRUE(original.next());
  auto resumed = permutation.cursor(original.position());
  EXPECT_EQ(resumed.position(), original.position());
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(resumed.next(), original.next());
}

TEST(PermutationTest, FarJumpAgreesWithStepping) {
  const Permutation permutation(1ull << 48, 99, {1, 4});
  const std::uint64_t far = 987654321012ull;
  auto stepped = permutation.cursor(far - 64);
  while (stepped.position() < far) ASSERT_TRUE(stepped.next());
  ASSERT_EQ(stepped.position(), far);  // nothing skipped in a 2^48 space here
  auto jumped = permutation.cursor(far);
  for (int i = 0; i < 100; ++i) ASSERT_EQ(jumped.next(), stepped.next());
}

TEST(PermutationTest, ResumePastTheEndIsAUsageError) {
  const Permutation permutation(100, 1, {0, 2});
  EXPECT_FALSE(permutation.cursor(permutation.positions()).next().has_value());
  EXPECT_THROW(permutation.cursor(permutation.positions() + 1), UsageError);
}

// Tallies a walk over [0, size) with a bitmap. Counting instead of asserting
// per element keeps 2^24 steps fast in Debug builds.
struct Coverage {
  explicit Coverage(std::uint64_t size) : seen(size, 0) {}
  void add(std::uint64_t value) {
    if (value >= seen.size()) {
      ++out_of_range;
    } else if (seen[value]++) {
      ++repeats;
    }
    ++emitted;
  }
  std::uint64_t missing() const { return std::uint64_t(std::count(seen.begin(), seen.end(), 0)); }
  std::vector<std::uint8_t> seen;
  std::uint64_t emitted = 0, out_of_range = 0, repeats = 0;
};

TEST(PermutationTest, CoversASlashEightTimesOnePortSpaceExactlyOnce) {
  const std::uint64_t size = 1u << 24;
  const Permutation permutation(size, 0x5eed);
  Coverage coverage(size);
  auto cursor = permutation.cursor();
  while (const auto value = cursor.next()) coverage.add(*value);
  EXPECT_EQ(coverage.out_of_range, 0u);
  EXPECT_EQ(coverage.repeats, 0u);
  EXPECT_EQ(coverage.missing(), 0u);
  EXPECT_EQ(coverage.emitted, size);
}

TEST(PermutationTest, TwoShardsOfASlashEightCoverItExactlyOnce) {
  const std::uint64_t size = 1u << 24;
  Coverage coverage(size);
  std::uint64_t per_shard[2] = {0, 0};
  for (std::uint32_t index = 0; index < 2; ++index) {
    const Permutation permutation(size, 0xabcdef, {index, 2});
    auto cursor = permutation.cursor();
    const std::uint64_t before = coverage.emitted;
    while (const auto value = cursor.next()) coverage.add(*value);
    per_shard[index] = coverage.emitted - before;
  }
  EXPECT_EQ(coverage.out_of_range, 0u);
  EXPECT_EQ(coverage.repeats, 0u) << "the shards overlap";
  EXPECT_EQ(coverage.missing(), 0u) << "the shards leave a gap";
  EXPECT_EQ(per_shard[0] + per_shard[1], size);
  // Halves of one cycle: within a few of each other.
  EXPECT_LT(per_shard[0] > per_shard[1] ? per_shard[0] - per_shard[1] : per_shard[1] - per_shard[0],
            100u);
}

TEST(PermutationTest, EmptySpaceGivesAnEmptyCursor) {
  const Permutation permutation(0, 1);
  EXPECT_EQ(permutation.size(), 0u);
  auto cursor = permutation.cursor();
  EXPECT_FALSE(cursor.next().has_value());
  EXPECT_FALSE(cursor.next().has_value());
  EXPECT_FALSE(Permutation(0, 1, {3, 4}).cursor().next().has_value());
  EXPECT_FALSE(Permutation::Cursor().next().has_value());
}

TEST(PermutationTest, RejectsBadShardsAndOversizedSpaces) {
  EXPECT_THROW(Permutation(100, 1, {0, 0}), UsageError);
  EXPECT_THROW(Permutation(100, 1, {2, 2}), UsageError);
  EXPECT_THROW(Permutation(100, 1, {7, 3}), UsageError);
  EXPECT_THROW(Permutation(Permutation::kMaxSize + 1, 1), UsageError);
  EXPECT_NO_THROW(Permutation(100, 1, {1, 2}));
  try {
    Permutation(100, 1, {5, 4});
    FAIL() << "expected UsageError";
  } catch (const UsageError& error) {
    EXPECT_STREQ(error.what(), "bad shard 5 of 4: shard index must be 0-3");
  }
}

TEST(PermutationTest, MaximumSizeSpaceYieldsDistinctInRangeIndices) {
  const Permutation permutation(Permutation::kMaxSize, 2024, {3, 8});
  auto cursor = permutation.cursor();
  std::vector<std::uint64_t> first;
  for (int i = 0; i < 10000; ++i) {
    const auto value = cursor.next();
    ASSERT_TRUE(value.has_value());
    ASSERT_LT(*value, Permutation::kMaxSize);
    first.push_back(*value);
  }
  std::sort(first.begin(), first.end());
  EXPECT_EQ(std::adjacent_find(first.begin(), first.end()), first.end());
}

}  // namespace
}  // namespace zeroscan
