// --os-rto's nftables table: one drop rule for our outgoing RSTs per
// family the scan uses, from that family's source address and our source
// ports only (the table is `inet`, so one table covers both).
#include "zeroscan/net/rst_guard.h"

#include <gtest/gtest.h>

namespace zeroscan {
namespace {

constexpr const char* kV4Rule =
    "    ip saddr 198.18.0.1 tcp sport 40000-40999 tcp flags & rst == rst drop\n";
constexpr const char* kV6Rule =
    "    ip6 saddr 2001:2::1 tcp sport 40000-40999 tcp flags & rst == rst drop\n";

std::string ruleset(const RstGuardSources& sources) { return rst_guard_ruleset("zeroscan_rto_7", sources, 40000, 40999); }

TEST(RstGuardRuleset, OneRulePerFamilyTheScanUses) {
  const Ipv4 v4 = *Ipv4::parse("198.18.0.1");
  const Ipv6 v6 = *Ipv6::parse("2001:2::1");
  const std::string head =
      "table inet zeroscan_rto_7 {\n"
      "  chain output {\n"
      "    type filter hook output priority 0; policy accept;\n";
  const std::string tail = "  }\n}\n";
  EXPECT_EQ(ruleset({v4, std::nullopt}), head + kV4Rule + tail);
  EXPECT_EQ(ruleset({std::nullopt, v6}), head + kV6Rule + tail);
  EXPECT_EQ(ruleset({v4, v6}), head + kV4Rule + kV6Rule + tail);
}

}  // namespace
}  // namespace zeroscan
