// IPv6 target specs: addresses, prefixes, ranges, their errors, and the
// refusal of sweeps larger than 2^32 addresses unless insisted on.
#include "zeroscan/targets/ipv6_target_spec.h"

#include <gtest/gtest.h>

#include <string>

#include "zeroscan/core/errors.h"

namespace zeroscan {
namespace {

Ipv6 a(const char* text) { return *Ipv6::parse(text); }

std::string error_of(const std::string& spec, HugeIpv6Sweep huge = HugeIpv6Sweep::Refuse) {
  try {
    parse_ipv6_target_spec(spec, huge);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "(accepted)";
}

TEST(Ipv6TargetSpec, SingleAddress) {
  EXPECT_EQ(parse_ipv6_target_spec("2001:2::7"), (Ipv6Range{a("2001:2::7"), a("2001:2::7")}));
  EXPECT_EQ(parse_ipv6_target_spec("::1").size(), 1u);
}

TEST(Ipv6TargetSpec, PrefixesMaskOffHostBits) {
  EXPECT_EQ(parse_ipv6_target_spec("2001:2::7/120"), (Ipv6Range{a("2001:2::"), a("2001:2::ff")}));
  EXPECT_EQ(parse_ipv6_target_spec("2001:2::1:7/112"), (Ipv6Range{a("2001:2::1:0"), a("2001:2::1:ffff")}));
  EXPECT_EQ(parse_ipv6_target_spec("2001:2::7/128"), (Ipv6Range{a("2001:2::7"), a("2001:2::7")}));
  // A prefix crossing the middle of the address: both halves are masked.
  const Ipv6Range wide = parse_ipv6_target_spec("2001:2:0:1:8000::5/65", HugeIpv6Sweep::Allow);
  EXPECT_EQ(wide, (Ipv6Range{a("2001:2:0:1:8000::"), a("2001:2:0:1:ffff:ffff:ffff:ffff")}));
  EXPECT_EQ(parse_ipv6_target_spec("2001:2::/96").size(), std::uint64_t(1) << 32);
}

TEST(Ipv6TargetSpec, Ranges) {
  EXPECT_EQ(parse_ipv6_target_spec("2001:2::1-2001:2::ff"), (Ipv6Range{a("2001:2::1"), a("2001:2::ff")}));
  // Across the 64-bit halves.
  const Ipv6Range across = parse_ipv6_target_spec("2001:2:0:0:ffff:ffff:ffff:fff0-2001:2:0:1::f");
  EXPECT_EQ(across.size(), 32u);
  EXPECT_EQ(parse_ipv6_target_spec("::5-::5").size(), 1u);
}

TEST(Ipv6TargetSpec, BadSpecsGetOneClearLine) {
  EXPECT_EQ(error_of("2001:2::/129"), "bad target '2001:2::/129': prefix length must be 0-128");
  EXPECT_EQ(error_of("2001:2::/"), "bad target '2001:2::/': prefix length must be 0-128");
  EXPECT_EQ(error_of("2001:2::/1x"), "bad target '2001:2::/1x': prefix length must be 0-128");
  EXPECT_EQ(error_of("2001:2::/-1"), "bad target '2001:2::/-1': a prefix or a range, not both");
  EXPECT_EQ(error_of("2001:2::9-2001:2::1"), "bad target '2001:2::9-2001:2::1': range ends before it starts");
  EXPECT_EQ(error_of("2001:2::1-ff"), "bad target '2001:2::1-ff': 'ff' is not an IPv6 address");
  EXPECT_EQ(error_of("2001:2::g"), "bad target '2001:2::g': '2001:2::g' is not an IPv6 address");
  EXPECT_EQ(error_of("fe80::1%eth0"), "bad target 'fe80::1%eth0': 'fe80::1%eth0' is not an IPv6 address");
  EXPECT_EQ(error_of(""), "bad target '': empty target");
  const std::string long_spec = "2001:2::" + std::string(500, '1');
  EXPECT_LT(error_of(long_spec).size(), 250u);  // quoted, not echoed whole
}

TEST(Ipv6TargetSpec, RefusesToSweepMoreThanTwoToThe32Addresses) {
  EXPECT_EQ(error_of("2001:db8::/64"),
            "bad target '2001:db8::/64': a /64 cannot be swept: it holds 2^64 addresses, 58454 years "
            "at 10 million probes a second. IPv6 hosts are found from lists, not by sweeping; give at "
            "most 2^32 addresses (a /96) per spec");
  EXPECT_EQ(error_of("2001:2::/95"),
            "bad target '2001:2::/95': a /95 holds 2^33 addresses (15 minutes at 10 million probes "
            "a second), more than the 2^32 (a /96) a spec may hold unless you insist");
  EXPECT_NE(error_of("2001:2::/80").find("a /80 holds 2^48 addresses (326 days at"), std::string::npos);
  EXPECT_NE(error_of("::/0").find("a /0 cannot be swept: it holds 2^128 addresses, 1.1e+24 years"),
            std::string::npos);
  EXPECT_NE(error_of("2001:2::-2001:2::1:0:0").find("this range holds at least 2^32 addresses"),
            std::string::npos);
  EXPECT_NE(error_of("2001:2::-2001:2::1:0:0:0:0").find("this range cannot be swept: it holds at least 2^64"),
            std::string::npos);
  EXPECT_EQ(error_of("2001:2::-2001:2::ffff:ffff"), "(accepted)");  // exactly 2^32
}

TEST(Ipv6TargetSpec, AHugeSweepPassesWhenInsistedOn) {
  const Ipv6Range all = parse_ipv6_target_spec("2001:db8::/64", HugeIpv6Sweep::Allow);
  EXPECT_EQ(all.first, a("2001:db8::"));
  EXPECT_EQ(all.last, a("2001:db8::ffff:ffff:ffff:ffff"));
  EXPECT_FALSE(all.size());
  EXPECT_TRUE(all.larger_than(~std::uint64_t(0)));
  EXPECT_EQ(parse_ipv6_target_spec("::/0", HugeIpv6Sweep::Allow), (Ipv6Range{Ipv6(), Ipv6(~0ull, ~0ull)}));
}

TEST(Ipv6TargetSpec, TellsIpv6SpecsFromOthers) {
  EXPECT_TRUE(is_ipv6_target_spec("2001:2::/48"));
  EXPECT_TRUE(is_ipv6_target_spec("::1"));
  EXPECT_FALSE(is_ipv6_target_spec("198.18.0.0/15"));
  EXPECT_FALSE(is_ipv6_target_spec("scanme.example"));
}

TEST(Ipv6TargetSpec, NeverValidBlocksAreTheUnspecifiedMappedAndMulticastOnes) {
  auto never_valid = [](const char* text) {
    const Ipv6 address = a(text);
    for (const Ipv6Range& block : never_valid_ipv6_targets())
      if (!(address < block.first) && !(block.last < address)) return true;
    return false;
  };
  EXPECT_TRUE(never_valid("::"));
  EXPECT_TRUE(never_valid("::ffff:198.18.0.1"));
  EXPECT_TRUE(never_valid("ff02::1"));
  EXPECT_TRUE(never_valid("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
  EXPECT_FALSE(never_valid("::1"));  // loopback is scannable
  EXPECT_FALSE(never_valid("fe80::1"));
  EXPECT_FALSE(never_valid("2001:2::1"));
  EXPECT_FALSE(never_valid("::fffe:0:0"));
  EXPECT_FALSE(never_valid("feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
}

}  // namespace
}  // namespace zeroscan
