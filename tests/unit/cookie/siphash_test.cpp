// SipHash-2-4 against the reference vectors (key 00..0f, message 00..len-1)
// published with the paper and in the reference implementation's vectors.h.
#include "zeroscan/cookie/siphash.h"

#include <gtest/gtest.h>

#include <array>
#include <cstring>
#include <random>
#include <vector>

namespace zeroscan {
namespace {

SipKey reference_key() {
  // Bytes 00 01 .. 0f read as two little-endian words.
  return SipKey{0x0706050403020100ull, 0x0f0e0d0c0b0a0908ull};
}

std::vector<unsigned char> reference_message(std::size_t length) {
  std::vector<unsigned char> message(length);
  for (std::size_t i = 0; i < length; ++i) message[i] = static_cast<unsigned char>(i);
  return message;
}

std::uint64_t hash_of_reference_message(std::size_t length) {
  const auto message = reference_message(length);
  return siphash24(reference_key(), message.data(), message.size());
}

TEST(SipHashTest, EmptyMessageMatchesReference) {
  EXPECT_EQ(hash_of_reference_message(0), 0x726fdb47dd0e0e31ull);
}

TEST(SipHashTest, PaperAppendixExampleFifteenBytes) {
  // The worked example in the paper's Appendix A.
  EXPECT_EQ(hash_of_reference_message(15), 0xa129ca6149be45e5ull);
}

struct Vector {
  std::size_t length;
  std::array<unsigned char, 8> output;  // as published: the hash, little-endian
};

class SipHashReferenceVectors : public ::testing::TestWithParam<Vector> {};

TEST_P(SipHashReferenceVectors, MatchesPublishedOutput) {
  const std::uint64_t hash = hash_of_reference_message(GetParam().length);
  std::array<unsigned char, 8> bytes{};
  for (int i = 0; i < 8; ++i) bytes[i] = static_cast<unsigned char>(hash >> (8 * i));
  EXPECT_EQ(bytes, GetParam().output) << "message length " << GetParam().length;
}

// Lengths chosen to cover each tail size 0-7 and whole-word boundaries.
INSTANTIATE_TEST_SUITE_P(
    Published, SipHashReferenceVectors,
    ::testing::Values(
        Vector{0, {0x31, 0x0e, 0x0e, 0xdd, 0x47, 0xdb, 0x6f, 0x72}},
        Vector{1, {0xfd, 0x67, 0xdc, 0x93, 0xc5, 0x39, 0xf8, 0x74}},
        Vector{2, {0x5a, 0x4f, 0xa9, 0xd9, 0x09, 0x80, 0x6c, 0x0d}},
        Vector{3, {0x2d, 0x7e, 0xfb, 0xd7, 0x96, 0x66, 0x67, 0x85}},
        Vector{4, {0xb7, 0x87, 0x71, 0x27, 0xe0, 0x94, 0x27, 0xcf}},
        Vector{5, {0x8d, 0xa6, 0x99, 0xcd, 0x64, 0x55, 0x76, 0x18}},
        Vector{6, {0xce, 0xe3, 0xfe, 0x58, 0x6e, 0x46, 0xc9, 0xcb}},
        Vector{7, {0x37, 0xd1, 0x01, 0x8b, 0xf5, 0x00, 0x02, 0xab}},
        Vector{8, {0x62, 0x24, 0x93, 0x9a, 0x79, 0xf5, 0xf5, 0x93}},
        Vector{9, {0xb0, 0xe4, 0xa9, 0x0b, 0xdf, 0x82, 0x00, 0x9e}},
        Vector{15, {0xe5, 0x45, 0xbe, 0x49, 0x61, 0xca, 0x29, 0xa1}},
        Vector{16, {0xdb, 0x9b, 0xc2, 0x57, 0x7f, 0xcc, 0x2a, 0x3f}},
        Vector{17, {0x94, 0x47, 0xbe, 0x2c, 0xf5, 0xe9, 0x9a, 0x69}},
        Vector{31, {0x42, 0xc3, 0x41, 0xd8, 0xfa, 0x92, 0xd8, 0x32}},
        Vector{32, {0xce, 0x7c, 0xf2, 0x72, 0x2f, 0x51, 0x27, 0x71}},
        Vector{63, {0x72, 0x45, 0x06, 0xeb, 0x4c, 0x32, 0x8a, 0x95}}));

std::array<unsigned char, 16> little_endian_bytes(std::uint64_t a, std::uint64_t b) {
  std::array<unsigned char, 16> bytes{};
  for (int i = 0; i < 8; ++i) {
    bytes[i] = static_cast<unsigned char>(a >> (8 * i));
    bytes[8 + i] = static_cast<unsigned char>(b >> (8 * i));
  }
  return bytes;
}

TEST(SipHashTest, OneWordFastPathEqualsByteBufferHash) {
  std::mt19937_64 random(1);
  for (int i = 0; i < 1000; ++i) {
    const SipKey key{random(), random()};
    const std::uint64_t word = random();
    const auto bytes = little_endian_bytes(word, 0);
    EXPECT_EQ(siphash24(key, word), siphash24(key, bytes.data(), 8));
  }
}

TEST(SipHashTest, TwoWordFastPathEqualsByteBufferHash) {
  std::mt19937_64 random(2);
  for (int i = 0; i < 1000; ++i) {
    const SipKey key{random(), random()};
    const std::uint64_t a = random(), b = random();
    const auto bytes = little_endian_bytes(a, b);
    EXPECT_EQ(siphash24(key, a, b), siphash24(key, bytes.data(), 16));
  }
}

TEST(SipHashTest, FastPathMatchesReferenceVectorForSixteenBytes) {
  // Bytes 00..0f as two little-endian words: the published 16-byte vector.
  EXPECT_EQ(siphash24(reference_key(), 0x0706050403020100ull, 0x0f0e0d0c0b0a0908ull),
            0x3f2acc7f57c29bdbull);
  EXPECT_EQ(siphash24(reference_key(), 0x0706050403020100ull), 0x93f5f5799a932462ull);
}

TEST(SipHashTest, EveryKeyBitChangesTheHash) {
  const auto message = reference_message(13);
  const std::uint64_t base = siphash24(reference_key(), message.data(), message.size());
  for (int bit = 0; bit < 128; ++bit) {
    SipKey key = reference_key();
    (bit < 64 ? key.k0 : key.k1) ^= std::uint64_t(1) << (bit % 64);
    EXPECT_NE(siphash24(key, message.data(), message.size()), base) << "key bit " << bit;
  }
}

TEST(SipHashTest, RandomKeysDifferBetweenCalls) {
  const SipKey a = random_sip_key();
  const SipKey b = random_sip_key();
  // 2^-128 chance of a false failure.
  EXPECT_FALSE(a.k0 == b.k0 && a.k1 == b.k1);
}

}  // namespace
}  // namespace zeroscan
