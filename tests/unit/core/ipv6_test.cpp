// Ipv6: text forms in and out, byte order, ordering.
#include "zeroscan/core/ipv6.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>

namespace zeroscan {
namespace {

TEST(Ipv6, ParsesTheRfc4291TextForms) {
  EXPECT_EQ(Ipv6::parse("2001:db8::1"), Ipv6(0x20010db800000000, 1));
  EXPECT_EQ(Ipv6::parse("::1"), Ipv6(0, 1));
  EXPECT_EQ(Ipv6::parse("::"), Ipv6(0, 0));
  EXPECT_EQ(Ipv6::parse("2001:0DB8:0000:0000:0000:0000:0000:0001"), Ipv6(0x20010db800000000, 1));
  EXPECT_EQ(Ipv6::parse("::ffff:198.18.0.1"), Ipv6(0, 0xffffc6120001));
  EXPECT_EQ(Ipv6::parse("2001:2::"), Ipv6(0x2001000200000000, 0));
}

TEST(Ipv6, RejectsEverythingElse) {
  for (const char* bad : {"", ":", ":::", "1::2::3", "12345::", "g::1", "::1 ", " ::1", "[::1]",
                          "fe80::1%eth0", "1:2:3:4:5:6:7:8:9", "2001:db8::/64", "198.18.0.1",
                          "::1.2.3", "1:2:3:4:5:6:7"}) {
    EXPECT_FALSE(Ipv6::parse(bad)) << bad;
  }
  EXPECT_FALSE(Ipv6::parse(std::string(100, '1')));
  // The text ends where the view ends, even when the bytes after it would
  // make a valid address.
  const std::string_view cut = std::string_view("::12345").substr(0, 5);
  EXPECT_EQ(Ipv6::parse(cut), Ipv6(0, 0x123));
}

TEST(Ipv6, FormatsTheRfc5952CanonicalForm) {
  EXPECT_EQ(Ipv6(0x20010db800000000, 1).to_string(), "2001:db8::1");
  EXPECT_EQ(Ipv6(0, 1).to_string(), "::1");
  EXPECT_EQ(Ipv6().to_string(), "::");
  EXPECT_EQ(Ipv6(0x2001000200000000, 0).to_string(), "2001:2::");
  // One zero group is not compressed; the first of two equal runs is.
  EXPECT_EQ(Ipv6::parse("2001:db8:0:1:1:1:1:1")->to_string(), "2001:db8:0:1:1:1:1:1");
  EXPECT_EQ(Ipv6::parse("2001:0:0:1:0:0:1:1")->to_string(), "2001::1:0:0:1:1");
  // The longest run wins over an earlier shorter one.
  EXPECT_EQ(Ipv6::parse("2001:0:0:1:0:0:0:1")->to_string(), "2001:0:0:1::1");
  EXPECT_EQ(Ipv6::parse("2001:DB8::ABCD")->to_string(), "2001:db8::abcd");
  EXPECT_EQ(Ipv6::parse("::ffff:198.18.0.1")->to_string(), "::ffff:198.18.0.1");
}

TEST(Ipv6, TextRoundTripsForRandomAddresses) {
  std::mt19937_64 random(11);
  for (int i = 0; i < 2000; ++i) {
    // Zero some groups so "::" runs of every length and place come up.
    std::uint64_t halves[2] = {random(), random()};
    const std::uint64_t zero_mask = random();
    for (int g = 0; g < 8; ++g)
      if (zero_mask >> g & 1) halves[g / 4] &= ~(std::uint64_t(0xffff) << (48 - 16 * (g % 4)));
    const Ipv6 address(halves[0], halves[1]);
    EXPECT_EQ(Ipv6::parse(address.to_string()), address) << address.to_string();
  }
}

TEST(Ipv6, BytesAreNetworkOrder) {
  const Ipv6 address = *Ipv6::parse("2001:db8:1:2:3:4:5:6");
  std::uint8_t bytes[16];
  address.to_bytes(bytes);
  const std::uint8_t expected[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6};
  for (int i = 0; i < 16; ++i) EXPECT_EQ(bytes[i], expected[i]) << i;
  EXPECT_EQ(Ipv6::from_bytes(expected), address);
  EXPECT_EQ(address.group(0), 0x2001);
  EXPECT_EQ(address.group(7), 6);
}

TEST(Ipv6, PrefixMasksAndBitwiseOperators) {
  EXPECT_EQ(Ipv6::mask(0), Ipv6(0, 0));
  EXPECT_EQ(Ipv6::mask(1), Ipv6(0x8000000000000000ull, 0));
  EXPECT_EQ(Ipv6::mask(64), Ipv6(~0ull, 0));
  EXPECT_EQ(Ipv6::mask(65), Ipv6(~0ull, 0x8000000000000000ull));
  EXPECT_EQ(Ipv6::mask(128), Ipv6(~0ull, ~0ull));
  EXPECT_EQ(*Ipv6::parse("2001:2::1:7") & Ipv6::mask(112), *Ipv6::parse("2001:2::1:0"));
  EXPECT_EQ(*Ipv6::parse("2001:2::") | ~Ipv6::mask(120), *Ipv6::parse("2001:2::ff"));
}

TEST(Ipv6, OrdersAsTheUnsigned128BitNumber) {
  EXPECT_LT(Ipv6(0, ~0ull), Ipv6(1, 0));
  EXPECT_LT(Ipv6(1, 0), Ipv6(1, 1));
  EXPECT_FALSE(Ipv6(1, 1) < Ipv6(1, 1));
  EXPECT_NE(Ipv6(1, 0), Ipv6(0, 1));
}

}  // namespace
}  // namespace zeroscan
