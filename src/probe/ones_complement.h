// One's-complement 16-bit arithmetic for the Internet checksum (RFC 1071)
// and its incremental update (RFC 1624). Private to src/probe.
#pragma once

#include <cstddef>
#include <cstdint>

namespace zeroscan::ones_complement {

// Folds a 32-bit accumulator of 16-bit words into 16 bits with end-around
// carry. A non-zero accumulator never folds to 0, so the result matches a
// from-scratch sum, which is never 0 for a header holding a non-zero word:
// that is why updates cannot drift between +0 (0x0000) and -0 (0xffff).
inline std::uint32_t fold(std::uint32_t sum) {
  sum = (sum & 0xffff) + (sum >> 16);
  sum = (sum & 0xffff) + (sum >> 16);
  return sum;
}

inline std::uint16_t load_be16(const std::uint8_t* p) {
  return std::uint16_t((p[0] << 8) | p[1]);
}

// Σ ~m over the 16-bit big-endian words in [p, p + length); length is even.
inline std::uint32_t sum_complemented_words(const std::uint8_t* p, std::size_t length) {
  std::uint32_t sum = 0;
  for (std::size_t i = 0; i + 1 < length; i += 2) sum += std::uint16_t(~load_be16(p + i));
  return sum;
}

}  // namespace zeroscan::ones_complement
