// SipHash-2-4 (Aumasson & Bernstein), 64-bit output, over a byte buffer.
// Pure function of key and message; verified against the reference vectors.
#pragma once

#include <cstddef>
#include <cstdint>

namespace zeroscan {

struct SipKey {
  std::uint64_t k0 = 0;  // key bytes 0-7, little-endian
  std::uint64_t k1 = 0;  // key bytes 8-15, little-endian
};

std::uint64_t siphash24(const SipKey& key, const void* data, std::size_t length);

// Fixed-size fast paths for the per-packet cookie: the same value as
// siphash24 over the 8 (16) bytes of the words' little-endian encoding,
// without the byte-buffer handling.
std::uint64_t siphash24(const SipKey& key, std::uint64_t word);
std::uint64_t siphash24(const SipKey& key, std::uint64_t word0, std::uint64_t word1);
// Any number of words (the IPv6 cookie hashes 3 and 5): the same value as
// siphash24 over their 8·count little-endian bytes.
std::uint64_t siphash24_words(const SipKey& key, const std::uint64_t* words, std::size_t count);

// SipHash-2-4 of messages that all begin with the same words (the IPv6
// cookie's H2 starts with the scan's source address): the state after
// those words is computed once, and each hash absorbs only the rest. The
// same value as siphash24_words over prefix + rest.
class SipHashPrefix {
 public:
  SipHashPrefix(const SipKey& key, const std::uint64_t* prefix, std::size_t count);
  std::uint64_t hash(const std::uint64_t* rest, std::size_t count) const;

 private:
  std::uint64_t v_[4];
  std::size_t prefix_words_;
};

// A fresh key from the kernel's CSPRNG (getrandom). Throws SystemError when
// the kernel cannot supply one.
SipKey random_sip_key();

}  // namespace zeroscan
