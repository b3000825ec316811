// Number theory for the scan permutation: modular arithmetic on 64-bit
// integers, deterministic primality, factorisation and primitive roots.
// Pure functions; exposed so tests can check them on their own.
#pragma once

#include <cstdint>
#include <vector>

namespace zeroscan {

// GCC/Clang's 128-bit integer; __extension__ keeps -Wpedantic quiet.
__extension__ typedef unsigned __int128 UInt128;

// (a * b) mod m without overflow, for any 64-bit a, b and m > 0.
inline std::uint64_t mul_mod(std::uint64_t a, std::uint64_t b, std::uint64_t m) {
  return static_cast<std::uint64_t>(static_cast<UInt128>(a) * b % m);
}

// base^exponent mod m (m > 0), by square-and-multiply: O(log exponent).
std::uint64_t pow_mod(std::uint64_t base, std::uint64_t exponent, std::uint64_t m);

// Deterministic for every 64-bit n (Miller-Rabin with the first twelve
// prime bases, proven sufficient below 3.3e24).
bool is_prime(std::uint64_t n);

// The smallest prime strictly greater than n. Precondition: n < 2^63.
std::uint64_t smallest_prime_above(std::uint64_t n);

// The distinct prime factors of n (n >= 1), ascending. Small factors by
// trial division, the rest by Pollard-Brent rho, so 64-bit inputs take
// milliseconds rather than the seconds plain trial division would.
std::vector<std::uint64_t> distinct_prime_factors(std::uint64_t n);

// True when g generates the whole multiplicative group mod the prime p:
// g^((p-1)/q) != 1 for every prime q dividing p-1.
// `factors_of_p_minus_1` must be distinct_prime_factors(p - 1).
bool is_primitive_root(std::uint64_t g, std::uint64_t p,
                       const std::vector<std::uint64_t>& factors_of_p_minus_1);

}  // namespace zeroscan
