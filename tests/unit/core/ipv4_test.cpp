// Ipv4: strict dotted-quad parsing and formatting.
#include "zeroscan/core/ipv4.h"

#include <gtest/gtest.h>

#include <string>

namespace zeroscan {
namespace {

struct ParseCase {
  std::string text;
  std::uint32_t value;
};

class Ipv4ParseAccepts : public ::testing::TestWithParam<ParseCase> {};

TEST_P(Ipv4ParseAccepts, ParsesToHostOrderValue) {
  const auto parsed = Ipv4::parse(GetParam().text);
  ASSERT_TRUE(parsed.has_value()) << GetParam().text;
  EXPECT_EQ(parsed->value, GetParam().value);
}

INSTANTIATE_TEST_SUITE_P(Valid, Ipv4ParseAccepts,
                         ::testing::Values(ParseCase{"0.0.0.0", 0x00000000u},
                                           ParseCase{"255.255.255.255", 0xFFFFFFFFu},
                                           ParseCase{"198.18.0.1", 0xC6120001u},
                                           ParseCase{"10.0.0.255", 0x0A0000FFu},
                                           ParseCase{"1.2.3.4", 0x01020304u},
                                           ParseCase{"127.0.0.1", 0x7F000001u}));

class Ipv4ParseRejects : public ::testing::TestWithParam<std::string> {};

TEST_P(Ipv4ParseRejects, ReturnsNullopt) {
  EXPECT_FALSE(Ipv4::parse(GetParam()).has_value()) << "'" << GetParam() << "'";
}

INSTANTIATE_TEST_SUITE_P(Invalid, Ipv4ParseRejects,
                         ::testing::Values("", "1.2.3", "256.1.1.1", "1.2.3.4 ", " 1.2.3.4",
                                           "01234.1.1.1", "1.2.3.4.5", "1.2.3.", ".1.2.3",
                                           "1..2.3", "1.2.3.256", "+1.2.3.4", "1.2.3.-4",
                                           "a.b.c.d", "1.2.3.4/32", "1.2.3.4\n",
                                           "4294967295", "0x1.2.3.4", "1,2,3,4",
                                           std::string("1.2.3.4\0", 8)));

TEST(Ipv4Test, FormatsDottedQuad) {
  EXPECT_EQ(Ipv4(0xC6120001u).to_string(), "198.18.0.1");
  EXPECT_EQ(Ipv4(0).to_string(), "0.0.0.0");
  EXPECT_EQ(Ipv4(0xFFFFFFFFu).to_string(), "255.255.255.255");
  EXPECT_EQ(Ipv4::from_octets(10, 20, 30, 40).to_string(), "10.20.30.40");
}

TEST(Ipv4Test, RoundTripsEveryOctetValueInEveryPosition) {
  for (std::uint32_t octet = 0; octet < 256; ++octet) {
    for (int shift = 0; shift < 32; shift += 8) {
      const Ipv4 address((octet << shift) | (0x01010101u & ~(0xFFu << shift)));
      const auto parsed = Ipv4::parse(address.to_string());
      ASSERT_TRUE(parsed.has_value()) << address.to_string();
      EXPECT_EQ(*parsed, address);
    }
  }
}

TEST(Ipv4Test, FromOctetsPutsFirstOctetHighest) {
  EXPECT_EQ(Ipv4::from_octets(198, 18, 0, 1).value, 0xC6120001u);
  EXPECT_LT(Ipv4::from_octets(0, 255, 255, 255), Ipv4::from_octets(1, 0, 0, 0));
}

}  // namespace
}  // namespace zeroscan
