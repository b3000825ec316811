// siphash24_words: the word-array path the IPv6 cookie uses equals the
// byte-buffer SipHash for every word count it may see.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

#include "zeroscan/cookie/siphash.h"

namespace zeroscan {
namespace {

std::vector<std::uint8_t> little_endian(const std::vector<std::uint64_t>& words) {
  std::vector<std::uint8_t> bytes;
  for (std::uint64_t w : words)
    for (int i = 0; i < 8; ++i) bytes.push_back(std::uint8_t(w >> (8 * i)));
  return bytes;
}

TEST(SipHashWords, EqualsTheByteBufferHashForZeroToSixWords) {
  std::mt19937_64 random(5);
  for (std::size_t count = 0; count <= 6; ++count) {
    for (int i = 0; i < 300; ++i) {
      const SipKey key{random(), random()};
      std::vector<std::uint64_t> words(count);
      for (auto& w : words) w = random();
      const auto bytes = little_endian(words);
      ASSERT_EQ(siphash24_words(key, words.data(), count), siphash24(key, bytes.data(), bytes.size()))
          << count << " words";
    }
  }
}

TEST(SipHashWords, APrefixStateGivesTheWholeMessagesHash) {
  std::mt19937_64 random(8);
  for (std::size_t prefix = 0; prefix <= 3; ++prefix) {
    for (std::size_t rest = 0; rest <= 4; ++rest) {
      const SipKey key{random(), random()};
      std::vector<std::uint64_t> words(prefix + rest);
      for (auto& w : words) w = random();
      const SipHashPrefix midstate(key, words.data(), prefix);
      ASSERT_EQ(midstate.hash(words.data() + prefix, rest), siphash24_words(key, words.data(), words.size()))
          << prefix << " + " << rest << " words";
      // The prefix state is reused, not consumed.
      ASSERT_EQ(midstate.hash(words.data() + prefix, rest), siphash24_words(key, words.data(), words.size()));
    }
  }
}

TEST(SipHashWords, MatchesThePublishedSixteenByteVector) {
  const SipKey key{0x0706050403020100ull, 0x0f0e0d0c0b0a0908ull};
  const std::uint64_t words[] = {0x0706050403020100ull, 0x0f0e0d0c0b0a0908ull};
  EXPECT_EQ(siphash24_words(key, words, 2), 0x3f2acc7f57c29bdbull);
}

}  // namespace
}  // namespace zeroscan
