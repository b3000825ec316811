// Number theory behind the permutation, checked against brute force.
#include "zeroscan/targets/number_theory.h"

#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <vector>

namespace zeroscan {
namespace {

bool is_prime_by_trial_division(std::uint64_t n) {
  if (n < 2) return false;
  for (std::uint64_t d = 2; d * d <= n; ++d) {
    if (n % d == 0) return false;
  }
  return true;
}

std::vector<std::uint64_t> factors_by_trial_division(std::uint64_t n) {
  std::vector<std::uint64_t> factors;
  for (std::uint64_t d = 2; d * d <= n; ++d) {
    if (n % d) continue;
    factors.push_back(d);
    while (n % d == 0) n /= d;
  }
  if (n > 1) factors.push_back(n);
  return factors;
}

TEST(NumberTheoryTest, IsPrimeMatchesTrialDivisionBelow100000) {
  for (std::uint64_t n = 0; n < 100000; ++n) {
    ASSERT_EQ(is_prime(n), is_prime_by_trial_division(n)) << n;
  }
}

TEST(NumberTheoryTest, IsPrimeOnLargeKnownValues) {
  EXPECT_TRUE(is_prime(4294967291ull));            // largest prime below 2^32
  EXPECT_TRUE(is_prime(4294967311ull));            // smallest prime above 2^32
  EXPECT_TRUE(is_prime(18446744073709551557ull));  // largest prime below 2^64
  EXPECT_TRUE(is_prime(2305843009213693951ull));   // Mersenne 2^61 - 1
  EXPECT_FALSE(is_prime(4294967297ull));           // Fermat F5 = 641 x 6700417
  EXPECT_FALSE(is_prime(3215031751ull));           // strong pseudoprime to bases 2, 3, 5, 7
  EXPECT_FALSE(is_prime(3825123056546413051ull));  // strong pseudoprime to bases 2..23
  EXPECT_FALSE(is_prime(18446744073709551615ull));
  EXPECT_FALSE(is_prime(4611686014132420609ull));  // (2^31 - 1)^2
}

TEST(NumberTheoryTest, IsPrimeRejectsCarmichaelNumbers) {
  for (std::uint64_t n : {561ull, 1105ull, 1729ull, 2465ull, 2821ull, 6601ull, 8911ull,
                          41041ull, 825265ull, 321197185ull}) {
    EXPECT_FALSE(is_prime(n)) << n;
  }
}

TEST(NumberTheoryTest, IsPrimeRejectsCarmichaelNumbersWithOnlyLargeFactors) {
  // Chernick numbers (6k+1)(12k+1)(18k+1): every factor is above the
  // witness primes, so trial division cannot catch them; only a correct
  // strong-probable-prime test does.
  EXPECT_FALSE(is_prime(211ull * 421 * 631));
  EXPECT_FALSE(is_prime(271ull * 541 * 811));
  EXPECT_FALSE(is_prime(727ull * 1453 * 2179));
  EXPECT_FALSE(is_prime(601747ull * 1203493 * 1805239));  // k = 100291, 61 bits
}

TEST(NumberTheoryTest, SmallestPrimeAboveIsStrictlyAbove) {
  EXPECT_EQ(smallest_prime_above(0), 2u);
  EXPECT_EQ(smallest_prime_above(1), 2u);
  EXPECT_EQ(smallest_prime_above(2), 3u);
  EXPECT_EQ(smallest_prime_above(7), 11u);
  EXPECT_EQ(smallest_prime_above(1u << 24), 16777259u);
  EXPECT_EQ(smallest_prime_above(1ull << 32), 4294967311ull);
  for (std::uint64_t n = 0; n < 5000; ++n) {
    const std::uint64_t p = smallest_prime_above(n);
    ASSERT_GT(p, n);
    ASSERT_TRUE(is_prime_by_trial_division(p)) << n;
    for (std::uint64_t between = n + 1; between < p; ++between) {
      ASSERT_FALSE(is_prime_by_trial_division(between)) << n;
    }
  }
}

TEST(NumberTheoryTest, PowModMatchesRepeatedMultiplication) {
  std::mt19937_64 random(3);
  for (int i = 0; i < 200; ++i) {
    const std::uint64_t m = (random() >> 10) | 1;
    const std::uint64_t base = random();
    std::uint64_t expected = 1 % m;
    for (std::uint64_t e = 0; e < 70; ++e) {
      ASSERT_EQ(pow_mod(base, e, m), expected) << base << "^" << e << " mod " << m;
      expected = mul_mod(expected, base % m, m);
    }
  }
  EXPECT_EQ(pow_mod(5, 0, 1), 0u);
}

TEST(NumberTheoryTest, MulModHandlesFullWidthOperands) {
  const std::uint64_t max = ~std::uint64_t(0);
  EXPECT_EQ(mul_mod(max, max, max - 1), 1u);  // (m+1)^2 = 1 mod m
  EXPECT_EQ(mul_mod(1ull << 63, 4, (1ull << 63) + 1), (1ull << 63) + 1 - 4);
}

TEST(NumberTheoryTest, FactorsMatchTrialDivisionForSmallNumbers) {
  for (std::uint64_t n = 1; n < 20000; ++n) {
    ASSERT_EQ(distinct_prime_factors(n), factors_by_trial_division(n)) << n;
  }
}

TEST(NumberTheoryTest, FactorsHardSemiprimesNearTwoToThe50) {
  // Products of two ~2^25 primes are the slow case for trial division.
  const std::uint64_t p = smallest_prime_above(1u << 25);
  const std::uint64_t q = smallest_prime_above(p + 1000);
  EXPECT_EQ(distinct_prime_factors(2 * p * q), (std::vector<std::uint64_t>{2, p, q}));
  EXPECT_EQ(distinct_prime_factors(p * p), (std::vector<std::uint64_t>{p}));
  const std::uint64_t big = 4294967291ull;  // 2^32 - 5
  const std::uint64_t small = 1000003;
  EXPECT_EQ(distinct_prime_factors(big * small), (std::vector<std::uint64_t>{small, big}));
}

TEST(NumberTheoryTest, FactorsMultiplyBackForRandomSixtyBitNumbers) {
  std::mt19937_64 random(5);
  for (int i = 0; i < 300; ++i) {
    const std::uint64_t n = (random() >> 4) | 1;
    const auto factors = distinct_prime_factors(n);
    std::uint64_t rest = n;
    for (std::size_t k = 0; k < factors.size(); ++k) {
      ASSERT_TRUE(is_prime(factors[k])) << n;
      if (k) {
        ASSERT_LT(factors[k - 1], factors[k]);
      }
      ASSERT_EQ(rest % factors[k], 0u) << n;
      while (rest % factors[k] == 0) rest /= factors[k];
    }
    ASSERT_EQ(rest, 1u) << n;
  }
}

TEST(NumberTheoryTest, PrimitiveRootMatchesMultiplicativeOrder) {
  for (std::uint64_t p : {2ull, 3ull, 5ull, 7ull, 11ull, 13ull, 101ull, 257ull, 1009ull}) {
    const auto factors = distinct_prime_factors(p - 1);
    for (std::uint64_t g = 1; g < p; ++g) {
      std::uint64_t order = 1;
      for (std::uint64_t x = g % p; x != 1; x = x * g % p) ++order;
      EXPECT_EQ(is_primitive_root(g, p, factors), order == p - 1) << g << " mod " << p;
    }
    EXPECT_FALSE(is_primitive_root(0, p, factors));
  }
}

TEST(NumberTheoryTest, KnownPrimitiveRoots) {
  const std::uint64_t p = 4294967311ull;
  const auto factors = distinct_prime_factors(p - 1);
  // p - 1 = 2 * 3 * 5 * 131 * 364289; 3 and 13 generate, 2 and 7 do not.
  EXPECT_EQ(factors, (std::vector<std::uint64_t>{2, 3, 5, 131, 364289}));
  EXPECT_TRUE(is_primitive_root(3, p, factors));
  EXPECT_TRUE(is_primitive_root(13, p, factors));
  EXPECT_FALSE(is_primitive_root(2, p, factors));
  EXPECT_FALSE(is_primitive_root(7, p, factors));
  EXPECT_FALSE(is_primitive_root(1, p, factors));
  EXPECT_FALSE(is_primitive_root(p - 1, p, factors));  // order 2
}

}  // namespace
}  // namespace zeroscan
