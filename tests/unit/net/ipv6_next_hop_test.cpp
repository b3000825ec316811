// The IPv6 next-hop plan over given tables (pure), and, root only, NDP on a
// veth pair inside test namespaces (2001:2::/48 addresses only): an on-link
// target's MAC by neighbour solicitation, a silent one left unreachable.
#include "zeroscan/net/ipv6_next_hop.h"

#include <gtest/gtest.h>

#include "namespace_fixture.h"
#include "support/test_namespace.h"
#include "zeroscan/core/errors.h"

namespace zeroscan {
namespace {

Ipv6 a(const char* text) { return *Ipv6::parse(text); }
Ipv6Range one(const char* text) { return {a(text), a(text)}; }
MacAddress mac(const char* text) { return *MacAddress::parse(text); }

Ipv6Route route(const char* destination, std::uint8_t prefix, const char* gateway, const char* dev = "eth0") {
  Ipv6Route r;
  r.destination = a(destination);
  r.prefix_length = prefix;
  r.gateway = a(gateway);
  r.interface = dev;
  return r;
}

struct Tables {
  Ipv6NetworkTables tables;
  std::vector<std::vector<Ipv6>> asked;  // every NDP call's addresses
  std::vector<std::pair<Ipv6, MacAddress>> answering{{a("2001:2:0:1::5"), mac("02:00:00:00:00:05")},
                                                     {a("2001:2:0:1::1"), mac("02:00:00:00:00:01")}};
  Tables() {
    tables.routes = {route("2001:2:0:1::", 64, "::"), route("::", 0, "2001:2:0:1::1"),
                     route("2001:2:0:2::", 64, "::", "eth1"), route("2001:2:0:1::80", 121, "::")};
    InterfaceInfo eth0;
    eth0.name = "eth0";
    eth0.index = 2;
    eth0.mac = mac("02:00:00:00:00:aa");
    eth0.is_up = true;
    InterfaceInfo eth1 = eth0;
    eth1.name = "eth1";
    eth1.index = 3;
    tables.interfaces = {eth0, eth1};
  }
  Ipv6MacResolver resolver() {
    return [this](const InterfaceInfo&, Ipv6, const std::vector<Ipv6>& addresses) {
      asked.push_back(addresses);
      std::vector<std::pair<Ipv6, MacAddress>> found;
      for (const auto& entry : answering)
        if (std::find(addresses.begin(), addresses.end(), entry.first) != addresses.end()) found.push_back(entry);
      return found;
    };
  }
  Ipv6NextHopPlan plan(const std::vector<Ipv6Range>& targets, Ipv6NextHopOverrides overrides = {}) {
    return plan_ipv6_next_hop(targets, overrides, tables, resolver(), [](Ipv6) { return a("2001:2:0:1::aa"); });
  }
};

TEST(Ipv6NextHopPlan, OnLinkTargetsGetTheirOwnMacAndRoutedOnesTheGateways) {
  Tables t;
  const Ipv6NextHopPlan plan = t.plan({{a("2001:2:0:1::4"), a("2001:2:0:1::6")}, one("2001:2:9::1")});
  EXPECT_EQ(plan.interface.name, "eth0");
  EXPECT_EQ(plan.source, a("2001:2:0:1::aa"));  // the kernel's choice
  ASSERT_TRUE(plan.gateway_mac);
  EXPECT_EQ(*plan.gateway_mac, mac("02:00:00:00:00:01"));
  ASSERT_NE(plan.next_hop_mac(a("2001:2:0:1::5")), nullptr);
  EXPECT_EQ(*plan.next_hop_mac(a("2001:2:0:1::5")), mac("02:00:00:00:00:05"));
  EXPECT_EQ(plan.next_hop_mac(a("2001:2:0:1::4")), nullptr);  // on-link, silent: never probed
  EXPECT_EQ(plan.unreachable, 2u);
  EXPECT_EQ(*plan.next_hop_mac(a("2001:2:9::1")), mac("02:00:00:00:00:01"));
  // One NDP call for the gateway, one for the three on-link targets.
  ASSERT_EQ(t.asked.size(), 2u);
  EXPECT_EQ(t.asked[0], std::vector<Ipv6>{a("2001:2:0:1::1")});
  EXPECT_EQ(t.asked[1].size(), 3u);
}

TEST(Ipv6NextHopPlan, TheNeighbourTableSparesSolicitationsAndRouterMacSkipsThemAll) {
  Tables t;
  t.tables.neighbours = {{"eth0", a("2001:2:0:1::1"), mac("02:00:00:00:00:99")}};
  const Ipv6NextHopPlan known = t.plan({one("2001:2:9::1")});
  EXPECT_EQ(*known.gateway_mac, mac("02:00:00:00:00:99"));
  EXPECT_TRUE(t.asked.empty());

  Ipv6NextHopOverrides overrides;
  overrides.router_mac = mac("02:00:00:00:00:77");
  overrides.source_ip = a("2001:2:0:1::bb");
  const Ipv6NextHopPlan forced = t.plan({one("2001:2:0:1::5"), one("2001:2:9::1")}, overrides);
  EXPECT_EQ(*forced.next_hop_mac(a("2001:2:0:1::5")), mac("02:00:00:00:00:77"));
  EXPECT_EQ(forced.source, a("2001:2:0:1::bb"));
  EXPECT_TRUE(t.asked.empty());
}

TEST(Ipv6NextHopPlan, WhatItCannotPlanIsRefusedWithTheReason) {
  Tables t;
  EXPECT_THROW(t.plan({one("2001:2:0:1::5"), one("2001:2:0:2::5")}), UsageError);  // two interfaces
  EXPECT_THROW(t.plan({{a("2001:2:0:1::70"), a("2001:2:0:1::90")}}), UsageError);  // straddles the /121
  Tables silent;
  silent.answering.clear();
  EXPECT_THROW(silent.plan({one("2001:2:9::1")}), SystemError);  // the gateway never answers
  Tables reject;
  Ipv6Route unreachable = route("2001:2:9::", 48, "::");
  unreachable.is_reject = true;
  reject.tables.routes.push_back(unreachable);
  EXPECT_THROW(reject.plan({one("2001:2:9::1")}), SystemError);
  Tables huge;
  EXPECT_THROW(huge.plan({{a("2001:2:0:1::1:0"), a("2001:2:0:1::2:0")}}), UsageError);  // 65537 on-link
  EXPECT_TRUE(huge.asked.empty());
}

// ---- NDP on the wire, inside test namespaces --------------------------------

class NdpNamespaceTest : public NamespaceTest {};

TEST_F(NdpNamespaceTest, AnOnLinkTargetAnswersNeighbourSolicitationASilentOneDoesNot) {
  // nodad: the addresses are usable at once, no duplicate detection wait.
  lab_->scanner.ip("-6 addr add 2001:2:ff::1/64 dev zs0 nodad");
  lab_->target.ip("-6 addr add 2001:2:ff::2/64 dev zs1 nodad");
  std::vector<std::pair<Ipv6, MacAddress>> answers;
  InterfaceInfo zs0;
  {
    EnterNamespace inside(lab_->scanner);
    zs0 = read_interface(VethPair::kScannerInterface);
    answers = ndp_resolve(zs0, a("2001:2:ff::1"), {a("2001:2:ff::2"), a("2001:2:ff::3")}, 3, 300);
  }
  ASSERT_EQ(answers.size(), 1u);
  EXPECT_EQ(answers[0].first, a("2001:2:ff::2"));
  InterfaceInfo zs1;
  {
    EnterNamespace inside(lab_->target);
    zs1 = read_interface(VethPair::kTargetInterface);
  }
  EXPECT_EQ(answers[0].second, zs1.mac);
}

}  // namespace
}  // namespace zeroscan
