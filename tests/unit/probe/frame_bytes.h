// Test support for the probe tests: big-endian reads from a frame and the
// plain RFC 1071 sum the checksums are verified with from scratch.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace zeroscan::test {

inline std::uint16_t be16(const std::vector<std::uint8_t>& b, std::size_t at) {
  return std::uint16_t((b[at] << 8) | b[at + 1]);
}

inline std::uint32_t be32(const std::vector<std::uint8_t>& b, std::size_t at) {
  return (std::uint32_t(be16(b, at)) << 16) | be16(b, at + 2);
}

// Plain RFC 1071 sum, folded; a header with a correct checksum sums to 0xffff.
inline std::uint32_t ones_sum(const std::uint8_t* p, std::size_t n, std::uint32_t sum = 0) {
  for (std::size_t i = 0; i + 1 < n; i += 2) sum += std::uint32_t((p[i] << 8) | p[i + 1]);
  if (n % 2) sum += std::uint32_t(p[n - 1] << 8);
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return sum;
}

}  // namespace zeroscan::test
