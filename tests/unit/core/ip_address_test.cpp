// IpAddress: either family in one value; v4 before v6; text in and out.
#include "zeroscan/core/ip_address.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <type_traits>
#include <unordered_set>
#include <vector>

namespace zeroscan {
namespace {

IpAddress ip(const char* text) {
  const auto parsed = IpAddress::parse(text);
  EXPECT_TRUE(parsed) << text;
  return parsed.value_or(IpAddress());
}

TEST(IpAddress, IsAPlainSixteenByteValue) {
  // Spooled as bytes by the writers' tables, and small there.
  EXPECT_TRUE(std::is_trivially_copyable<IpAddress>::value);
  EXPECT_EQ(sizeof(IpAddress), 16u);
  EXPECT_EQ(alignof(IpAddress), 4u);
}

TEST(IpAddress, ConvertsFromEitherFamily) {
  const IpAddress v4 = Ipv4::from_octets(198, 18, 0, 1);
  EXPECT_FALSE(v4.is_v6());
  EXPECT_TRUE(v4.is_v4());
  EXPECT_EQ(v4.v4(), Ipv4::from_octets(198, 18, 0, 1));
  EXPECT_EQ(v4.v6(), *Ipv6::parse("::ffff:198.18.0.1"));

  const IpAddress v6 = *Ipv6::parse("2001:2::1");
  EXPECT_TRUE(v6.is_v6());
  EXPECT_EQ(v6.v6(), *Ipv6::parse("2001:2::1"));

  EXPECT_EQ(IpAddress(), IpAddress(Ipv4()));  // 0.0.0.0, like Ipv4's default
  EXPECT_FALSE(IpAddress().is_v6());
  // ::1 and :: are IPv6, not IPv4 0.0.0.1 / 0.0.0.0.
  EXPECT_TRUE(ip("::1").is_v6());
  EXPECT_TRUE(ip("::").is_v6());
  EXPECT_NE(ip("::"), IpAddress());
}

TEST(IpAddress, AnIpv4MappedIpv6AddressIsTheIpv4Address) {
  const IpAddress mapped = *Ipv6::parse("::ffff:198.18.0.1");
  EXPECT_FALSE(mapped.is_v6());
  EXPECT_EQ(mapped, IpAddress(Ipv4::from_octets(198, 18, 0, 1)));
  EXPECT_EQ(mapped.to_string(), "198.18.0.1");
  EXPECT_EQ(ip("::ffff:198.18.0.1"), ip("198.18.0.1"));
}

TEST(IpAddress, PrintsADottedQuadOrRfc5952) {
  EXPECT_EQ(ip("198.18.0.1").to_string(), "198.18.0.1");
  EXPECT_EQ(ip("0.0.0.0").to_string(), "0.0.0.0");
  EXPECT_EQ(ip("255.255.255.255").to_string(), "255.255.255.255");
  EXPECT_EQ(ip("2001:0002:0000:0000:0000:0000:0000:0001").to_string(), "2001:2::1");
  EXPECT_EQ(ip("2001:DB8:0:0:1:0:0:1").to_string(), "2001:db8::1:0:0:1");
  EXPECT_EQ(ip("::1").to_string(), "::1");
  EXPECT_EQ(ip("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff").to_string(),
            "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
}

TEST(IpAddress, ParsesEitherFamilyAndNothingElse) {
  for (const char* bad : {"", "198.18.0", "198.18.0.256", "2001:2::1/64", "[::1]", "host", " ::1"})
    EXPECT_FALSE(IpAddress::parse(bad)) << bad;
}

TEST(IpAddress, OrdersEveryIpv4BeforeEveryIpv6ThenNumerically) {
  std::vector<IpAddress> addresses = {ip("2001:2::10"), ip("255.255.255.255"), ip("::1"), ip("10.0.0.2"),
                                      ip("2001:2::9"),  ip("0.0.0.0"),         ip("::"),  ip("10.0.0.1")};
  std::sort(addresses.begin(), addresses.end());
  std::vector<std::string> texts;
  for (IpAddress a : addresses) texts.push_back(a.to_string());
  EXPECT_EQ(texts, (std::vector<std::string>{"0.0.0.0", "10.0.0.1", "10.0.0.2", "255.255.255.255", "::", "::1",
                                             "2001:2::9", "2001:2::10"}));
  EXPECT_LT(ip("255.255.255.255"), ip("::"));
  EXPECT_FALSE(ip("::") < ip("255.255.255.255"));
  EXPECT_FALSE(ip("::1") < ip("::1"));
  EXPECT_LE(ip("::1"), ip("::1"));
  EXPECT_GT(ip("::1"), ip("::"));
}

TEST(IpAddress, HashesTellFamiliesApart) {
  std::unordered_set<IpAddress> set = {ip("0.0.0.1"), ip("::1"), ip("::ffff:0.0.0.1")};
  EXPECT_EQ(set.size(), 2u);  // the mapped form is the IPv4 address
  EXPECT_TRUE(set.count(ip("::1")));
}

// The allocation-free formatter agrees with glibc's inet_ntop (which
// follows RFC 5952 outside ::/96, where it prints a dotted quad).
TEST(Ipv6WriteText, MatchesInetNtop) {
  std::mt19937_64 random(11);
  for (int i = 0; i < 20000; ++i) {
    std::uint64_t halves[2] = {random(), random()};
    const std::uint64_t zero_mask = random();
    for (int g = 0; g < 8; ++g)
      if (zero_mask >> g & 1) halves[g / 4] &= ~(std::uint64_t(0xffff) << (48 - 16 * (g % 4)));
    if (halves[0] == 0 && (halves[1] >> 32) == 0) continue;  // glibc's ::a.b.c.d
    const Ipv6 address(halves[0], halves[1]);
    std::uint8_t bytes[16];
    address.to_bytes(bytes);
    char expected[INET6_ADDRSTRLEN];
    ASSERT_TRUE(inet_ntop(AF_INET6, bytes, expected, sizeof expected));
    char text[Ipv6::kMaxTextLength];
    const std::string written(text, address.write_text(text));
    ASSERT_EQ(written, expected);
    ASSERT_EQ(address.to_string(), expected);
  }
}

}  // namespace
}  // namespace zeroscan
