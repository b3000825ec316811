// Root only: ARP against a real host in a namespace, and the whole next-hop
// plan as zeroscan computes it at start-up.
#include "namespace_fixture.h"
#include "zeroscan/core/errors.h"
#include "zeroscan/net/next_hop.h"
#include "zeroscan/net/next_hop_plan.h"

namespace zeroscan {
namespace {

class ArpTest : public NamespaceTest {
 protected:
  MacAddress target_mac() {
    EnterNamespace inside(lab_->target);
    return read_interface(VethPair::kTargetInterface).mac;
  }
};

TEST_F(ArpTest, FindsTheLiveHostAndGivesUpOnTheSilentOneInTime) {
  MacAddress expected = target_mac();
  EnterNamespace inside(lab_->scanner);
  InterfaceInfo iface = read_interface(VethPair::kScannerInterface);

  auto start = std::chrono::steady_clock::now();
  auto answers = arp_resolve(iface, {target_ip(), Ipv4::from_octets(198, 19, 250, 3)}, 2, 200);
  auto elapsed = std::chrono::steady_clock::now() - start;

  ASSERT_EQ(answers.size(), 1u);
  EXPECT_EQ(answers[0].first, target_ip());
  EXPECT_EQ(answers[0].second, expected);
  // Two rounds of 200 ms for the silent address, plus slack for a busy machine.
  EXPECT_GE(elapsed, std::chrono::milliseconds(390));
  EXPECT_LT(elapsed, std::chrono::milliseconds(1500));
}

TEST_F(ArpTest, ReturnsAtOnceWhenEveryoneAnswered) {
  EnterNamespace inside(lab_->scanner);
  InterfaceInfo iface = read_interface(VethPair::kScannerInterface);
  auto start = std::chrono::steady_clock::now();
  auto answers = arp_resolve(iface, {target_ip(), target_ip()}, 3, 2000);
  EXPECT_EQ(answers.size(), 1u);  // asked twice, answered once
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(1000));
}

TEST_F(ArpTest, RefusesInterfacesWithoutEthernet) {
  EnterNamespace inside(lab_->scanner);
  EXPECT_THROW(arp_resolve(read_interface("lo"), {Ipv4::from_octets(127, 0, 0, 1)}, 1, 10), SystemError);
}

TEST_F(ArpTest, PlanOnHostResolvesOnLinkTargetsAndMarksSilentOnes) {
  MacAddress expected = target_mac();
  EnterNamespace inside(lab_->scanner);
  auto plan = plan_next_hop_on_host({{target_ip(), Ipv4::from_octets(198, 19, 250, 4)}}, {}, ArpSettings{2, 150});
  EXPECT_EQ(plan.interface.name, VethPair::kScannerInterface);
  EXPECT_EQ(plan.source, scanner_ip());
  ASSERT_NE(plan.next_hop_mac(target_ip()), nullptr);
  EXPECT_EQ(*plan.next_hop_mac(target_ip()), expected);
  EXPECT_EQ(plan.unreachable, (std::vector<Ipv4>{Ipv4::from_octets(198, 19, 250, 3), Ipv4::from_octets(198, 19, 250, 4)}));
}

TEST_F(ArpTest, PlanOnHostSendsRemoteTargetsToTheGatewaysMac) {
  MacAddress expected = target_mac();
  lab_->scanner.ip("route add 198.19.251.0/24 via 198.19.250.2 dev zs0");
  EnterNamespace inside(lab_->scanner);
  auto plan = plan_next_hop_on_host({{Ipv4::from_octets(198, 19, 251, 0), Ipv4::from_octets(198, 19, 251, 255)}}, {},
                                    ArpSettings{2, 300});
  ASSERT_EQ(plan.segments.size(), 1u);
  EXPECT_EQ(plan.segments[0].kind, NextHopKind::Gateway);
  EXPECT_EQ(*plan.next_hop_mac(Ipv4::from_octets(198, 19, 251, 77)), expected);
}

}  // namespace
}  // namespace zeroscan
