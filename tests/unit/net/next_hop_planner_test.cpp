// plan_next_hop over injected kernel tables and an injected MAC resolver:
// which interface, which source, which MAC per target, and every refusal.
#include <gtest/gtest.h>

#include <map>

#include "zeroscan/core/errors.h"
#include "zeroscan/net/next_hop_plan.h"

namespace zeroscan {
namespace {

Ipv4 ip(const char* text) { return *Ipv4::parse(text); }
MacAddress mac(const char* text) { return *MacAddress::parse(text); }

InterfaceInfo interface(const char* name, int index, const char* address, std::uint8_t prefix, const char* hw) {
  InterfaceInfo info;
  info.name = name;
  info.index = index;
  info.address = ip(address);
  info.prefix_length = prefix;
  info.mac = mac(hw);
  info.is_up = true;
  return info;
}

Route route(const char* destination, std::uint8_t prefix, const char* gateway, const char* iface) {
  Route r;
  r.destination = ip(destination);
  r.prefix_length = prefix;
  r.gateway = ip(gateway);
  r.interface = iface;
  return r;
}

AddressRange range(const char* first, const char* last) { return AddressRange{ip(first), ip(last)}; }
AddressRange single(const char* address) { return range(address, address); }

// A host with eth0 198.19.250.1/24 (gateway .254), lo, and tun0 for 198.19.240.0/24.
NetworkTables host_tables() {
  NetworkTables tables;
  InterfaceInfo lo = interface("lo", 1, "127.0.0.1", 8, "00:00:00:00:00:00");
  lo.is_loopback = true;
  InterfaceInfo tun = interface("tun0", 3, "198.19.240.1", 24, "00:00:00:00:00:00");
  tun.has_link_layer = false;
  tables.interfaces = {lo, interface("eth0", 2, "198.19.250.1", 24, "02:00:00:00:00:01"), tun};

  Route local_lo = route("127.0.0.0", 8, "0.0.0.0", "lo");
  local_lo.is_local = true;
  local_lo.preferred_source = ip("127.0.0.1");
  Route local_own = route("198.19.250.1", 32, "0.0.0.0", "eth0");
  local_own.is_local = true;
  local_own.preferred_source = ip("198.19.250.1");
  Route on_link = route("198.19.250.0", 24, "0.0.0.0", "eth0");
  on_link.preferred_source = ip("198.19.250.1");
  tables.routes = {route("0.0.0.0", 0, "198.19.250.254", "eth0"), on_link, local_lo, local_own,
                   route("198.19.240.0", 24, "0.0.0.0", "tun0")};
  return tables;
}

// A resolver that answers from a fixed table and remembers every question.
struct FakeArp {
  std::map<std::uint32_t, MacAddress> hosts;
  std::vector<std::vector<Ipv4>> questions;

  MacResolver resolver() {
    return [this](const InterfaceInfo&, const std::vector<Ipv4>& addresses) {
      questions.push_back(addresses);
      std::vector<std::pair<Ipv4, MacAddress>> answers;
      for (Ipv4 address : addresses) {
        auto found = hosts.find(address.value);
        if (found != hosts.end()) answers.emplace_back(address, found->second);
      }
      return answers;
    };
  }
};

TEST(NextHopPlannerTest, RemoteTargetsGoToTheGatewayResolvedByArp) {
  FakeArp arp;
  arp.hosts[ip("198.19.250.254").value] = mac("02:00:00:00:00:fe");
  auto plan = plan_next_hop({range("8.8.8.0", "8.8.8.255")}, {}, host_tables(), arp.resolver());

  EXPECT_EQ(plan.interface.name, "eth0");
  EXPECT_EQ(plan.source, ip("198.19.250.1"));
  EXPECT_TRUE(plan.link_layer);
  ASSERT_EQ(arp.questions.size(), 1u);
  EXPECT_EQ(arp.questions[0], std::vector<Ipv4>{ip("198.19.250.254")});
  ASSERT_NE(plan.next_hop_mac(ip("8.8.8.77")), nullptr);
  EXPECT_EQ(*plan.next_hop_mac(ip("8.8.8.77")), mac("02:00:00:00:00:fe"));
  EXPECT_EQ(plan.next_hop_mac(ip("8.8.9.1")), nullptr);  // not a planned target
  EXPECT_EQ(describe(plan), "eth0 198.19.250.1 -> gateway 198.19.250.254 (02:00:00:00:00:fe)");
}

TEST(NextHopPlannerTest, GatewayFromTheNeighbourTableNeedsNoArp) {
  NetworkTables tables = host_tables();
  tables.neighbours = {{"eth0", ip("198.19.250.254"), mac("02:00:00:00:00:aa")}};
  FakeArp arp;
  auto plan = plan_next_hop({single("8.8.8.8")}, {}, tables, arp.resolver());
  EXPECT_TRUE(arp.questions.empty());
  EXPECT_EQ(*plan.next_hop_mac(ip("8.8.8.8")), mac("02:00:00:00:00:aa"));
}

TEST(NextHopPlannerTest, SilentGatewayIsAStartupError) {
  FakeArp arp;
  try {
    plan_next_hop({single("8.8.8.8")}, {}, host_tables(), arp.resolver());
    FAIL() << "expected SystemError";
  } catch (const SystemError& error) {
    EXPECT_NE(std::string(error.what()).find("gateway 198.19.250.254 on eth0 did not answer ARP"), std::string::npos)
        << error.what();
  }
}

TEST(NextHopPlannerTest, OnLinkTargetsGetTheirOwnMacsAndSilentOnesAreUnreachable) {
  NetworkTables tables = host_tables();
  tables.neighbours = {{"eth0", ip("198.19.250.10"), mac("02:00:00:00:00:10")},
                       {"eth1", ip("198.19.250.11"), mac("02:00:00:00:00:99")}};  // other link: ignored
  FakeArp arp;
  arp.hosts[ip("198.19.250.11").value] = mac("02:00:00:00:00:11");
  arp.hosts[ip("198.19.250.12").value] = mac("02:00:00:00:00:12");
  auto plan = plan_next_hop({range("198.19.250.10", "198.19.250.13")}, {}, tables, arp.resolver());

  ASSERT_EQ(arp.questions.size(), 1u);  // .10 came from the neighbour table
  EXPECT_EQ(arp.questions[0], (std::vector<Ipv4>{ip("198.19.250.11"), ip("198.19.250.12"), ip("198.19.250.13")}));
  EXPECT_EQ(*plan.next_hop_mac(ip("198.19.250.10")), mac("02:00:00:00:00:10"));
  EXPECT_EQ(*plan.next_hop_mac(ip("198.19.250.11")), mac("02:00:00:00:00:11"));
  EXPECT_EQ(*plan.next_hop_mac(ip("198.19.250.12")), mac("02:00:00:00:00:12"));
  EXPECT_EQ(plan.next_hop_mac(ip("198.19.250.13")), nullptr);
  EXPECT_EQ(plan.unreachable, std::vector<Ipv4>{ip("198.19.250.13")});
  EXPECT_EQ(describe(plan), "eth0 198.19.250.1 -> 3 on-link hosts, 1 unreachable");
}

TEST(NextHopPlannerTest, RangeSpanningRoutesIsSplitIntoSegments) {
  // 198.19.249.250 .. 198.19.251.5 crosses the on-link /24 both ways, and
  // contains our own address 198.19.250.1.
  FakeArp arp;
  arp.hosts[ip("198.19.250.254").value] = mac("02:00:00:00:00:fe");
  arp.hosts[ip("198.19.250.3").value] = mac("02:00:00:00:00:03");
  auto plan = plan_next_hop({range("198.19.249.250", "198.19.251.5")}, {}, host_tables(), arp.resolver());

  ASSERT_EQ(plan.segments.size(), 5u);
  EXPECT_EQ(plan.segments[0].kind, NextHopKind::Gateway);
  EXPECT_EQ(plan.segments[1].kind, NextHopKind::OnLink);  // .0
  EXPECT_EQ(plan.segments[2].kind, NextHopKind::OwnAddress);
  EXPECT_EQ(plan.segments[3].kind, NextHopKind::OnLink);  // .2 - .255
  EXPECT_EQ(plan.segments[4].kind, NextHopKind::Gateway);
  EXPECT_EQ(plan.interface.name, "eth0");
  EXPECT_EQ(*plan.next_hop_mac(ip("198.19.249.250")), mac("02:00:00:00:00:fe"));
  EXPECT_EQ(*plan.next_hop_mac(ip("198.19.250.3")), mac("02:00:00:00:00:03"));
  EXPECT_EQ(plan.next_hop_mac(ip("198.19.250.4")), nullptr);
  EXPECT_EQ(plan.next_hop_mac(ip("198.19.250.1")), nullptr);
  EXPECT_EQ(*plan.next_hop_mac(ip("198.19.251.5")), mac("02:00:00:00:00:fe"));
  EXPECT_EQ(plan.own_address_count, 1u);
  EXPECT_EQ(plan.segments[2].first, ip("198.19.250.1"));
  EXPECT_EQ(plan.segments[2].last, ip("198.19.250.1"));
  EXPECT_EQ(describe(plan),
            "eth0 198.19.250.1 -> gateway 198.19.250.254 (02:00:00:00:00:fe); 2 on-link hosts, 253 unreachable; "
            "1 own address(es) skipped");
  // 256 on-link addresses minus .1 (ours), .3 and .254 (answered ARP).
  EXPECT_EQ(plan.unreachable.size(), 253u);
  // The gateway is ARPed once, the on-link hosts in one batch.
  ASSERT_EQ(arp.questions.size(), 2u);
  EXPECT_EQ(arp.questions[1].size(), 255u);
}

TEST(NextHopPlannerTest, LoopbackTargetsUseZeroMacsAndTheLoopbackSource) {
  FakeArp arp;
  auto plan = plan_next_hop({range("127.0.0.1", "127.0.0.3")}, {}, host_tables(), arp.resolver());
  EXPECT_EQ(plan.interface.name, "lo");
  EXPECT_EQ(plan.source, ip("127.0.0.1"));
  EXPECT_TRUE(arp.questions.empty());
  ASSERT_NE(plan.next_hop_mac(ip("127.0.0.2")), nullptr);
  EXPECT_TRUE(plan.next_hop_mac(ip("127.0.0.2"))->is_zero());
}

TEST(NextHopPlannerTest, OurOwnAddressIsReachedThroughLoopback) {
  FakeArp arp;
  auto plan = plan_next_hop({single("198.19.250.1")}, {}, host_tables(), arp.resolver());
  EXPECT_EQ(plan.interface.name, "lo");
  EXPECT_EQ(plan.source, ip("198.19.250.1"));
  EXPECT_TRUE(plan.next_hop_mac(ip("198.19.250.1"))->is_zero());
}

TEST(NextHopPlannerTest, TargetsNeedingTwoInterfacesAreRefused) {
  FakeArp arp;
  arp.hosts[ip("198.19.250.254").value] = mac("02:00:00:00:00:fe");
  try {
    plan_next_hop({single("127.0.0.1"), single("8.8.8.8")}, {}, host_tables(), arp.resolver());
    FAIL() << "expected UsageError";
  } catch (const UsageError& error) {
    EXPECT_NE(std::string(error.what()).find("two interfaces (eth0 for 8.8.8.8, lo for 127.0.0.1)"), std::string::npos)
        << error.what();
  }
}

TEST(NextHopPlannerTest, InterfaceWithoutLinkLayerNeedsNoMacs) {
  FakeArp arp;
  auto plan = plan_next_hop({range("198.19.240.5", "198.19.240.9")}, {}, host_tables(), arp.resolver());
  EXPECT_EQ(plan.interface.name, "tun0");
  EXPECT_FALSE(plan.link_layer);
  EXPECT_TRUE(arp.questions.empty());
  EXPECT_NE(plan.next_hop_mac(ip("198.19.240.7")), nullptr);
}

TEST(NextHopPlannerTest, RouterMacOverrideSkipsAllArp) {
  FakeArp arp;
  NextHopOverrides overrides;
  overrides.router_mac = mac("02:00:00:00:00:77");
  auto plan = plan_next_hop({range("198.19.250.10", "198.19.250.20"), single("8.8.8.8")}, overrides, host_tables(),
                            arp.resolver());
  EXPECT_TRUE(arp.questions.empty());
  EXPECT_EQ(*plan.next_hop_mac(ip("198.19.250.15")), mac("02:00:00:00:00:77"));
  EXPECT_EQ(*plan.next_hop_mac(ip("8.8.8.8")), mac("02:00:00:00:00:77"));
  EXPECT_TRUE(plan.unreachable.empty());
}

TEST(NextHopPlannerTest, SourceIpOverrideWins) {
  FakeArp arp;
  arp.hosts[ip("198.19.250.254").value] = mac("02:00:00:00:00:fe");
  NextHopOverrides overrides;
  overrides.source_ip = ip("198.19.250.99");
  auto plan = plan_next_hop({single("8.8.8.8")}, overrides, host_tables(), arp.resolver());
  EXPECT_EQ(plan.source, ip("198.19.250.99"));
}

TEST(NextHopPlannerTest, ForcedInterfaceOnlyUsesItsRoutes) {
  NetworkTables tables = host_tables();
  InterfaceInfo eth1 = interface("eth1", 4, "198.19.251.1", 24, "02:00:00:00:01:01");
  tables.interfaces.push_back(eth1);
  tables.routes.push_back(route("198.19.251.0", 24, "0.0.0.0", "eth1"));
  FakeArp arp;
  arp.hosts[ip("198.19.250.254").value] = mac("02:00:00:00:00:fe");
  NextHopOverrides overrides;
  overrides.interface = "eth1";

  // 8.8.8.8 has a route only through eth0: refused on eth1...
  EXPECT_THROW(plan_next_hop({single("8.8.8.8")}, overrides, tables, arp.resolver()), SystemError);
  // ...unless a router MAC says where to send it.
  overrides.router_mac = mac("02:00:00:00:01:fe");
  auto plan = plan_next_hop({single("8.8.8.8")}, overrides, tables, arp.resolver());
  EXPECT_EQ(plan.interface.name, "eth1");
  EXPECT_EQ(plan.source, ip("198.19.251.1"));
  EXPECT_EQ(*plan.next_hop_mac(ip("8.8.8.8")), mac("02:00:00:00:01:fe"));
}

TEST(NextHopPlannerTest, ForcedLoopbackTakesAnyTarget) {
  FakeArp arp;
  NextHopOverrides overrides;
  overrides.interface = "lo";
  auto plan = plan_next_hop({single("198.19.250.50")}, overrides, host_tables(), arp.resolver());
  EXPECT_EQ(plan.interface.name, "lo");
  EXPECT_EQ(plan.source, ip("127.0.0.1"));
  EXPECT_TRUE(plan.next_hop_mac(ip("198.19.250.50"))->is_zero());
}

TEST(NextHopPlannerTest, RefusalsAreTypedAndNamed) {
  FakeArp arp;
  NextHopOverrides missing;
  missing.interface = "wlan9";
  EXPECT_THROW(plan_next_hop({single("8.8.8.8")}, missing, host_tables(), arp.resolver()), SystemError);
  EXPECT_THROW(plan_next_hop({}, {}, host_tables(), arp.resolver()), UsageError);

  NetworkTables no_default = host_tables();
  no_default.routes.erase(no_default.routes.begin());
  EXPECT_THROW(plan_next_hop({single("8.8.8.8")}, {}, no_default, arp.resolver()), SystemError);

  NetworkTables blackhole = host_tables();
  Route reject = route("8.8.8.0", 24, "0.0.0.0", "");
  reject.is_reject = true;
  blackhole.routes.push_back(reject);
  EXPECT_THROW(plan_next_hop({single("8.8.8.8")}, {}, blackhole, arp.resolver()), SystemError);

  NetworkTables down = host_tables();
  down.interfaces[1].is_up = false;
  EXPECT_THROW(plan_next_hop({single("198.19.250.5")}, {}, down, arp.resolver()), SystemError);

  NetworkTables no_address = host_tables();
  no_address.interfaces[1].address = Ipv4();
  no_address.routes[1].preferred_source.reset();
  EXPECT_THROW(plan_next_hop({single("198.19.250.5")}, {}, no_address, arp.resolver()), SystemError);
}

TEST(NextHopPlannerTest, TooManyOnLinkTargetsAreRefusedBeforeAnyArp) {
  FakeArp arp;
  PlanLimits limits;
  limits.max_on_link_targets = 100;
  EXPECT_THROW(plan_next_hop({range("198.19.250.2", "198.19.250.200")}, {}, host_tables(), arp.resolver(), limits),
               UsageError);
  EXPECT_TRUE(arp.questions.empty());
}

TEST(NextHopPlannerTest, OverlappingTargetsAreAskedOnce) {
  FakeArp arp;
  auto plan = plan_next_hop({range("198.19.250.20", "198.19.250.22"), range("198.19.250.21", "198.19.250.23")}, {},
                            host_tables(), arp.resolver());
  ASSERT_EQ(arp.questions.size(), 1u);
  EXPECT_EQ(arp.questions[0].size(), 4u);
  EXPECT_EQ(plan.unreachable.size(), 4u);
}

}  // namespace
}  // namespace zeroscan
