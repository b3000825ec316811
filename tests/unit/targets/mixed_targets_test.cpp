// Both families' specs behind one parser: IPv6 forms go to the IPv6
// parser, the rest to the IPv4 one; hostnames are A lookups, AAAA with -6;
// files and lists mix them, with bad lines named as file:line.
#include "zeroscan/targets/mixed_targets.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <map>

#include "zeroscan/core/errors.h"

namespace zeroscan {
namespace {

Ipv4 v4(const char* text) { return *Ipv4::parse(text); }
Ipv6 v6(const char* text) { return *Ipv6::parse(text); }

// A fake DNS: each name has A and AAAA records, and every lookup is logged.
struct FakeDns {
  std::map<std::string, std::vector<Ipv4>> a{{"dual.example", {v4("198.18.0.7")}}};
  std::map<std::string, std::vector<Ipv6>> aaaa{{"dual.example", {v6("2001:2::7"), v6("2001:2::8")}}};
  std::vector<std::string> asked;

  TargetParsing parsing(bool ipv6_names) {
    TargetParsing p;
    p.resolve = [this](const std::string& name) {
      asked.push_back("A " + name);
      return a.count(name) ? a.at(name) : std::vector<Ipv4>{};
    };
    p.resolve6 = [this](const std::string& name) {
      asked.push_back("AAAA " + name);
      return aaaa.count(name) ? aaaa.at(name) : std::vector<Ipv6>{};
    };
    p.ipv6_names = ipv6_names;
    return p;
  }
};

std::string usage_error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const UsageError& error) {
    return error.what();
  }
  return "(no UsageError)";
}

TEST(MixedTargets, EachSpecGoesToItsFamily) {
  FakeDns dns;
  const TargetParsing p = dns.parsing(false);
  const TargetRanges ranges = parse_mixed_target_list("198.18.0.0/30, 2001:2::/126,2001:2::10-2001:2::11,::1", p);
  ASSERT_EQ(ranges.v4.size(), 1u);
  EXPECT_EQ(ranges.v4[0].size(), 4u);
  ASSERT_EQ(ranges.v6.size(), 3u);
  EXPECT_EQ(ranges.v6[0], (Ipv6Range{v6("2001:2::"), v6("2001:2::3")}));
  EXPECT_EQ(ranges.v6[1], (Ipv6Range{v6("2001:2::10"), v6("2001:2::11")}));
  EXPECT_EQ(ranges.v6[2], (Ipv6Range{v6("::1"), v6("::1")}));
}

TEST(MixedTargets, HostnamesAreALookupsUnlessDashSixMakesThemAaaa) {
  FakeDns dns;
  const TargetRanges a = parse_mixed_target_spec("dual.example", dns.parsing(false));
  EXPECT_EQ(a.v4, (std::vector<Ipv4Range>{{v4("198.18.0.7"), v4("198.18.0.7")}}));
  EXPECT_TRUE(a.v6.empty());
  const TargetRanges aaaa = parse_mixed_target_spec("dual.example", dns.parsing(true));
  EXPECT_TRUE(aaaa.v4.empty());
  EXPECT_EQ(aaaa.v6, (std::vector<Ipv6Range>{{v6("2001:2::7"), v6("2001:2::7")}, {v6("2001:2::8"), v6("2001:2::8")}}));
  EXPECT_EQ(dns.asked, (std::vector<std::string>{"A dual.example", "AAAA dual.example"}));

  // A prefix on a name applies to each of its IPv6 addresses.
  const TargetRanges block = parse_mixed_target_spec("dual.example/127", dns.parsing(true));
  EXPECT_EQ(block.v6, (std::vector<Ipv6Range>{{v6("2001:2::6"), v6("2001:2::7")}, {v6("2001:2::8"), v6("2001:2::9")}}));
  // IPv4 literals stay IPv4 with -6: mixed lists keep working.
  EXPECT_EQ(parse_mixed_target_spec("198.18.0.1", dns.parsing(true)).v4.size(), 1u);
  EXPECT_NE(usage_error_of([&] { parse_mixed_target_spec("v4only.example", dns.parsing(true)); })
                .find("does not resolve to an IPv6 address"),
            std::string::npos);
}

TEST(MixedTargets, AHugeIpv6SpecIsRefusedWithTheReasonUnlessAllowed) {
  FakeDns dns;
  TargetParsing p = dns.parsing(false);
  const std::string error = usage_error_of([&] { parse_mixed_target_spec("2001:db8::/64", p); });
  EXPECT_NE(error.find("a /64 cannot be swept"), std::string::npos) << error;
  p.huge = HugeIpv6Sweep::Allow;
  EXPECT_EQ(parse_mixed_target_spec("2001:db8::/64", p).v6.size(), 1u);
}

TEST(MixedTargets, FilesMixFamiliesAndNameEveryBadLine) {
  FakeDns dns;
  const std::string path = ::testing::TempDir() + "zeroscan_mixed_targets_" + std::to_string(::getpid());
  std::ofstream(path) << "# both\n198.18.0.1 2001:2::1\ndual.example, 2001:2::/64\n2001:2::zz\n";
  const std::string error = usage_error_of([&] { parse_mixed_target_file(path, dns.parsing(false)); });
  EXPECT_NE(error.find(":3: bad target '2001:2::/64'"), std::string::npos) << error;
  EXPECT_NE(error.find(":4: bad target '2001:2::zz'"), std::string::npos) << error;

  std::ofstream(path) << "198.18.0.1 2001:2::1\ndual.example\n";
  const TargetRanges ranges = parse_mixed_target_file(path, dns.parsing(false));
  EXPECT_EQ(ranges.v4.size(), 2u);
  EXPECT_EQ(ranges.v6, (std::vector<Ipv6Range>{{v6("2001:2::1"), v6("2001:2::1")}}));
  std::remove(path.c_str());
}

TEST(MixedTargets, AnEmptyListEntryIsNamed) {
  FakeDns dns;
  EXPECT_NE(usage_error_of([&] { parse_mixed_target_list("::1,,198.18.0.1", dns.parsing(false)); })
                .find("entry 2 is empty"),
            std::string::npos);
}

}  // namespace
}  // namespace zeroscan
