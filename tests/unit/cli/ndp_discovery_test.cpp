// -sn on the local link over IPv6 (cli/ndp_discovery): the NDP answers of
// the next-hop plan are the on-link hosts up, only targets among them, in
// address order, each reported as nd-response; the discovery plan keeps
// routed targets reachable and sends to no on-link target.
#include "zeroscan/cli/ndp_discovery.h"

#include "zeroscan/cli/link_responders.h"

#include <gtest/gtest.h>

namespace zeroscan {
namespace {

Ipv6 a(const char* text) { return *Ipv6::parse(text); }

class Recorded : public ResultSink {
 public:
  void port(const PortRecord&) override {}
  void host_up(const HostUpRecord& r) override { up.push_back(r); }
  void finish(const ScanSummary&) override {}
  std::string error() const override { return {}; }
  std::vector<HostUpRecord> up;
};

Ipv6NextHopPlan plan() {
  Ipv6NextHopPlan p;
  p.gateway_mac = *MacAddress::parse("02:00:00:00:00:fe");
  p.on_link = {Ipv6Range{a("2001:2:0:1901::"), a("2001:2:0:1901::ff")}};
  p.on_link_macs = {{a("2001:2:0:1901::10"), *MacAddress::parse("02:00:00:00:00:10")},
                    {a("2001:2:0:1901::11"), *MacAddress::parse("02:00:00:00:00:11")},
                    {a("2001:2:0:1901::20"), *MacAddress::parse("02:00:00:00:00:20")}};
  return p;
}

TEST(NdpDiscoveryTest, TheTargetsThatAnsweredNdpAreUpInAddressOrder) {
  // ::11 answered but is excluded (not a target); ::30 is a target nobody holds.
  const Ipv6TargetSet targets({Ipv6Range{a("2001:2:0:1901::10"), a("2001:2:0:1901::10")},
                               Ipv6Range{a("2001:2:0:1901::20"), a("2001:2:0:1901::30")},
                               Ipv6Range{a("2001:2:0:1800::1"), a("2001:2:0:1800::1")}},
                              {});
  const std::vector<Ipv6> up = nd_responders(plan(), targets);
  EXPECT_EQ(up, (std::vector<Ipv6>{a("2001:2:0:1901::10"), a("2001:2:0:1901::20")}));

  Recorded recorded;
  report_link_responders(up, StateReason::NdResponse, recorded);
  ASSERT_EQ(recorded.up.size(), 2u);
  for (const HostUpRecord& r : recorded.up) {
    EXPECT_EQ(r.reason, StateReason::NdResponse);
    EXPECT_FALSE(r.answered) << "no probe was answered: NDP was";
  }
  EXPECT_EQ(recorded.up[1].ip, IpAddress(a("2001:2:0:1901::20")));
}

TEST(NdpDiscoveryTest, TheDiscoveryPlanSendsToRoutedTargetsOnly) {
  const Ipv6NextHopPlan full = plan();
  const Ipv6NextHopPlan discovery = without_on_link_hosts(full);
  ASSERT_NE(full.next_hop_mac(a("2001:2:0:1901::10")), nullptr);
  EXPECT_EQ(discovery.next_hop_mac(a("2001:2:0:1901::10")), nullptr) << "NDP decided: no probe";
  EXPECT_EQ(discovery.next_hop_mac(a("2001:2:0:1901::30")), nullptr);
  const MacAddress* routed = discovery.next_hop_mac(a("2001:2:0:1800::1"));
  ASSERT_NE(routed, nullptr);
  EXPECT_EQ(*routed, *full.gateway_mac);
}

}  // namespace
}  // namespace zeroscan
