// SipHash-2-4 (Aumasson & Bernstein), 64-bit output, over a byte buffer.
// Pure function of key and message; verified against the reference vectors.
#pragma once

#include <cstddef>
#include <cstdint>

namespace zeroscan {

struct SipKey {
  std::uint64_t k0 = 0;
  std::uint64_t k1 = 0;
};

std::uint64_t siphash24(const SipKey& key, const void* data, std::size_t length);

}  // namespace zeroscan
