// SipHash-2-4: two compression rounds per 8-byte word, four finalisation
// rounds, as specified in Aumasson & Bernstein, "SipHash: a fast short-input
// PRF" (2012), section 2.
#include "zeroscan/cookie/siphash.h"

namespace zeroscan {

namespace {

constexpr std::uint64_t rotate_left(std::uint64_t x, int bits) {
  return (x << bits) | (x >> (64 - bits));
}

class SipState {
 public:
  // The four initialisation constants spell "somepseudorandomlygeneratedbytes".
  explicit SipState(const SipKey& key)
      : v0_(key.k0 ^ 0x736f6d6570736575ull),
        v1_(key.k1 ^ 0x646f72616e646f6dull),
        v2_(key.k0 ^ 0x6c7967656e657261ull),
        v3_(key.k1 ^ 0x7465646279746573ull) {}

  void absorb(std::uint64_t word) {
    v3_ ^= word;
    round();
    round();
    v0_ ^= word;
  }

  // The running state, to resume from later (SipHashPrefix).
  explicit SipState(const std::uint64_t (&v)[4]) : v0_(v[0]), v1_(v[1]), v2_(v[2]), v3_(v[3]) {}
  void save(std::uint64_t (&v)[4]) const {
    v[0] = v0_;
    v[1] = v1_;
    v[2] = v2_;
    v[3] = v3_;
  }

  std::uint64_t finish() {
    v2_ ^= 0xff;
    round();
    round();
    round();
    round();
    return v0_ ^ v1_ ^ v2_ ^ v3_;
  }

 private:
  void round() {
    v0_ += v1_;
    v1_ = rotate_left(v1_, 13);
    v1_ ^= v0_;
    v0_ = rotate_left(v0_, 32);
    v2_ += v3_;
    v3_ = rotate_left(v3_, 16);
    v3_ ^= v2_;
    v0_ += v3_;
    v3_ = rotate_left(v3_, 21);
    v3_ ^= v0_;
    v2_ += v1_;
    v1_ = rotate_left(v1_, 17);
    v1_ ^= v2_;
    v2_ = rotate_left(v2_, 32);
  }

  std::uint64_t v0_, v1_, v2_, v3_;
};

// Little-endian load of up to 8 bytes, independent of host byte order.
std::uint64_t load_little_endian(const unsigned char* bytes, std::size_t count) {
  std::uint64_t word = 0;
  for (std::size_t i = 0; i < count; ++i) word |= std::uint64_t(bytes[i]) << (8 * i);
  return word;
}

}  // namespace

std::uint64_t siphash24(const SipKey& key, const void* data, std::size_t length) {
  const auto* bytes = static_cast<const unsigned char*>(data);
  SipState state(key);
  const std::size_t whole_words = length / 8;
  for (std::size_t i = 0; i < whole_words; ++i) state.absorb(load_little_endian(bytes + 8 * i, 8));
  // The last word carries the 0-7 leftover bytes and, in its top byte, the
  // message length mod 256.
  const std::uint64_t tail = load_little_endian(bytes + 8 * whole_words, length % 8);
  state.absorb(tail | (std::uint64_t(length & 0xff) << 56));
  return state.finish();
}

std::uint64_t siphash24(const SipKey& key, std::uint64_t word) {
  SipState state(key);
  state.absorb(word);
  state.absorb(std::uint64_t(8) << 56);
  return state.finish();
}

std::uint64_t siphash24(const SipKey& key, std::uint64_t word0, std::uint64_t word1) {
  SipState state(key);
  state.absorb(word0);
  state.absorb(word1);
  state.absorb(std::uint64_t(16) << 56);
  return state.finish();
}

std::uint64_t siphash24_words(const SipKey& key, const std::uint64_t* words, std::size_t count) {
  SipState state(key);
  for (std::size_t i = 0; i < count; ++i) state.absorb(words[i]);
  state.absorb(std::uint64_t((8 * count) & 0xff) << 56);
  return state.finish();
}

SipHashPrefix::SipHashPrefix(const SipKey& key, const std::uint64_t* prefix, std::size_t count)
    : prefix_words_(count) {
  SipState state(key);
  for (std::size_t i = 0; i < count; ++i) state.absorb(prefix[i]);
  state.save(v_);
}

std::uint64_t SipHashPrefix::hash(const std::uint64_t* rest, std::size_t count) const {
  SipState state(v_);
  for (std::size_t i = 0; i < count; ++i) state.absorb(rest[i]);
  state.absorb(std::uint64_t((8 * (prefix_words_ + count)) & 0xff) << 56);
  return state.finish();
}

}  // namespace zeroscan
