// MacAddress: parsing both separator styles, formatting, zero test.
#include "zeroscan/core/mac_address.h"

#include <gtest/gtest.h>

#include <string>

namespace zeroscan {
namespace {

TEST(MacAddressTest, ParsesColonSeparated) {
  const auto mac = MacAddress::parse("00:1a:2B:3c:4D:ff");
  ASSERT_TRUE(mac.has_value());
  const std::array<std::uint8_t, 6> expected{0x00, 0x1a, 0x2b, 0x3c, 0x4d, 0xff};
  EXPECT_EQ(mac->bytes, expected);
}

TEST(MacAddressTest, ParsesDashSeparated) {
  const auto mac = MacAddress::parse("AA-BB-CC-01-02-03");
  ASSERT_TRUE(mac.has_value());
  const std::array<std::uint8_t, 6> expected{0xaa, 0xbb, 0xcc, 0x01, 0x02, 0x03};
  EXPECT_EQ(mac->bytes, expected);
}

TEST(MacAddressTest, FormatsLowerCaseWithColons) {
  MacAddress mac;
  mac.bytes = {0xDE, 0xAD, 0xBE, 0xEF, 0x00, 0x0A};
  EXPECT_EQ(mac.to_string(), "de:ad:be:ef:00:0a");
}

TEST(MacAddressTest, RoundTripsThroughText) {
  MacAddress mac;
  for (int start = 0; start < 256; start += 37) {
    for (int i = 0; i < 6; ++i) mac.bytes[i] = std::uint8_t(start + 41 * i);
    const auto parsed = MacAddress::parse(mac.to_string());
    ASSERT_TRUE(parsed.has_value()) << mac.to_string();
    EXPECT_EQ(*parsed, mac);
  }
}

TEST(MacAddressTest, IsZeroOnlyForAllZeroBytes) {
  MacAddress mac;
  EXPECT_TRUE(mac.is_zero());
  for (int i = 0; i < 6; ++i) {
    MacAddress one_bit;
    one_bit.bytes[i] = 0x01;
    EXPECT_FALSE(one_bit.is_zero()) << "byte " << i;
  }
}

TEST(MacAddressTest, EqualityComparesAllBytes) {
  const auto a = MacAddress::parse("02:00:00:00:00:01");
  const auto b = MacAddress::parse("02:00:00:00:00:02");
  ASSERT_TRUE(a && b);
  EXPECT_NE(*a, *b);
  EXPECT_EQ(*a, *MacAddress::parse("02-00-00-00-00-01"));
}

class MacAddressRejects : public ::testing::TestWithParam<std::string> {};

TEST_P(MacAddressRejects, ReturnsNullopt) {
  EXPECT_FALSE(MacAddress::parse(GetParam()).has_value()) << "'" << GetParam() << "'";
}

INSTANTIATE_TEST_SUITE_P(Invalid, MacAddressRejects,
                         ::testing::Values("", "00:11:22:33:44", "00:11:22:33:44:55:66",
                                           "00:11:22:33:44:5", "00:11:22:33:44:555",
                                           "00:11-22:33:44:55",  // mixed separators
                                           "00.11.22.33.44.55", "0g:11:22:33:44:55",
                                           "00:11:22:33:44:55 ", " 00:11:22:33:44:55",
                                           "001122334455", "00:11:22:33:44:zz"));

}  // namespace
}  // namespace zeroscan
