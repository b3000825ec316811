// Modular exponentiation, Miller-Rabin, Pollard-Brent factorisation and the
// primitive-root test behind the scan permutation.
#include "zeroscan/targets/number_theory.h"

#include <algorithm>
#include <array>
#include <numeric>

namespace zeroscan {

namespace {

constexpr std::array<std::uint64_t, 12> kWitnessPrimes = {2,  3,  5,  7,  11, 13,
                                                          17, 19, 23, 29, 31, 37};

// Largest number removed by trial division before rho takes over: cheap,
// and it keeps rho away from the tiny factors it handles worst.
constexpr std::uint64_t kTrialDivisionLimit = 1000;

std::uint64_t add_mod(std::uint64_t a, std::uint64_t b, std::uint64_t m) {
  // a, b < m; written so a + b cannot wrap even when m is close to 2^64.
  return a >= m - b ? a - (m - b) : a + b;
}

std::uint64_t abs_difference(std::uint64_t a, std::uint64_t b) { return a > b ? a - b : b - a; }

bool passes_miller_rabin_round(std::uint64_t n, std::uint64_t witness, std::uint64_t odd_part,
                               int twos) {
  std::uint64_t x = pow_mod(witness, odd_part, n);
  if (x == 1 || x == n - 1) return true;
  for (int i = 1; i < twos; ++i) {
    x = mul_mod(x, x, n);
    if (x == n - 1) return true;
  }
  return false;
}

// One non-trivial divisor of the odd composite n, or n when this choice of
// the polynomial constant fails (the caller then tries another constant).
// Brent's variant: batches gcds over `batch` steps of the x^2 + c walk.
std::uint64_t pollard_brent_divisor(std::uint64_t n, std::uint64_t c) {
  const auto step = [n, c](std::uint64_t v) { return add_mod(mul_mod(v, v, n), c, n); };
  constexpr std::uint64_t batch = 128;
  std::uint64_t y = 2, x = 2, saved_y = 2;
  std::uint64_t product = 1, divisor = 1;
  for (std::uint64_t run = 1; divisor == 1; run *= 2) {
    x = y;
    for (std::uint64_t i = 0; i < run; ++i) y = step(y);
    for (std::uint64_t done = 0; done < run && divisor == 1; done += batch) {
      saved_y = y;
      const std::uint64_t steps = std::min(batch, run - done);
      for (std::uint64_t i = 0; i < steps; ++i) {
        y = step(y);
        product = mul_mod(product, abs_difference(x, y), n);
      }
      divisor = std::gcd(product, n);
    }
  }
  if (divisor == n) {
    // The batch overshot: replay it one step at a time from its start.
    do {
      saved_y = step(saved_y);
      divisor = std::gcd(abs_difference(x, saved_y), n);
    } while (divisor == 1);
  }
  return divisor;
}

void collect_prime_factors(std::uint64_t n, std::vector<std::uint64_t>& out) {
  if (n == 1) return;
  if (is_prime(n)) {
    out.push_back(n);
    return;
  }
  std::uint64_t divisor = n;
  for (std::uint64_t c = 1; divisor == n; ++c) divisor = pollard_brent_divisor(n, c);
  collect_prime_factors(divisor, out);
  collect_prime_factors(n / divisor, out);
}

}  // namespace

std::uint64_t pow_mod(std::uint64_t base, std::uint64_t exponent, std::uint64_t m) {
  std::uint64_t result = 1 % m;
  base %= m;
  while (exponent) {
    if (exponent & 1) result = mul_mod(result, base, m);
    base = mul_mod(base, base, m);
    exponent >>= 1;
  }
  return result;
}

bool is_prime(std::uint64_t n) {
  if (n < 2) return false;
  for (std::uint64_t p : kWitnessPrimes) {
    if (n % p == 0) return n == p;
  }
  std::uint64_t odd_part = n - 1;
  int twos = 0;
  while ((odd_part & 1) == 0) {
    odd_part >>= 1;
    ++twos;
  }
  for (std::uint64_t witness : kWitnessPrimes) {
    if (!passes_miller_rabin_round(n, witness, odd_part, twos)) return false;
  }
  return true;
}

std::uint64_t smallest_prime_above(std::uint64_t n) {
  std::uint64_t candidate = n + 1;
  while (!is_prime(candidate)) ++candidate;
  return candidate;
}

std::vector<std::uint64_t> distinct_prime_factors(std::uint64_t n) {
  std::vector<std::uint64_t> factors;
  for (std::uint64_t d = 2; d <= kTrialDivisionLimit && d * d <= n; d += (d == 2 ? 1 : 2)) {
    if (n % d) continue;
    factors.push_back(d);
    while (n % d == 0) n /= d;
  }
  if (n > 1) collect_prime_factors(n, factors);
  std::sort(factors.begin(), factors.end());
  factors.erase(std::unique(factors.begin(), factors.end()), factors.end());
  return factors;
}

bool is_primitive_root(std::uint64_t g, std::uint64_t p,
                       const std::vector<std::uint64_t>& factors_of_p_minus_1) {
  g %= p;
  if (g == 0) return false;
  for (std::uint64_t q : factors_of_p_minus_1) {
    if (pow_mod(g, (p - 1) / q, p) == 1) return false;
  }
  return true;
}

}  // namespace zeroscan
