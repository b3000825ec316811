// NextHopPlan: everything the sender needs to address frames for a scan —
// the interface, our source address, and per target the destination MAC
// (the gateway's, the on-link host's own, or zeros on loopback).
//
// plan_next_hop is the pure decision over injected kernel tables and an
// injected MAC resolver (unit-tested without a network);
// plan_next_hop_on_host reads this machine's tables and ARPs for real.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "zeroscan/core/ipv4.h"
#include "zeroscan/core/mac_address.h"
#include "zeroscan/net/mac_table.h"
#include "zeroscan/net/next_hop.h"

namespace zeroscan {

struct AddressRange {
  Ipv4 first;
  Ipv4 last;  // inclusive
};

// Command-line overrides; each empty one means "ask the routing table".
struct NextHopOverrides {
  std::string interface;                 // -e IFACE: only routes through it count
  std::optional<Ipv4> source_ip;         // --source-ip
  std::optional<MacAddress> router_mac;  // --router-mac: every non-loopback target goes to it, no ARP
};

// A snapshot of the kernel state the decision depends on.
struct NetworkTables {
  std::vector<Route> routes;
  std::vector<InterfaceInfo> interfaces;
  std::vector<Neighbour> neighbours;
};

// Answers "which of these on-link addresses are alive, at which MAC".
// Production: arp_resolve. Tests: a lookup in a fixed table.
using MacResolver =
    std::function<std::vector<std::pair<Ipv4, MacAddress>>(const InterfaceInfo&, const std::vector<Ipv4>&)>;

struct PlanLimits {
  // On-link targets are ARPed one by one before the scan; beyond this many
  // the user is asked to narrow the scan or give --router-mac.
  std::uint64_t max_on_link_targets = 65536;
};

enum class NextHopKind : std::uint8_t {
  Gateway,      // through a router: its MAC for every target in the segment
  Router,       // --router-mac given: that MAC, nothing resolved
  OnLink,       // same link: each target's own MAC (ARP)
  Loopback,     // lo or one of our own addresses: zero MACs
  NoLinkLayer,  // tun/ppp/...: frames start at the IP header, no MAC at all
  OwnAddress,   // one of our own addresses inside a scan that leaves through
                // another interface (e.g. our IP in the /24 we sweep): the
                // kernel would answer it only through lo, so it is not probed
};

// A run of consecutive target addresses that share one route decision.
struct NextHopSegment {
  Ipv4 first;
  Ipv4 last;  // inclusive
  NextHopKind kind = NextHopKind::Gateway;
  Ipv4 gateway;    // Gateway only
  MacAddress mac;  // Gateway/Router: the next hop; zero otherwise
};

struct NextHopPlan {
  InterfaceInfo interface;  // send and capture here
  Ipv4 source;              // our address in every probe
  bool link_layer = true;   // false: IP-layer sink and templates without Ethernet
  std::vector<NextHopSegment> segments;  // sorted, disjoint, covering every target
  MacTable on_link_macs;                 // OnLink targets that answered ARP
  std::vector<Ipv4> unreachable;         // OnLink targets that did not: never probed
  std::uint64_t own_address_count = 0;   // targets in OwnAddress segments: never probed

  // The destination MAC for a probe to `target`; nullptr when the target
  // must not be probed (did not answer ARP, is our own address on another
  // interface, or is not a planned target).
  // Send-path safe: never throws, no allocation, O(log segments) + O(1).
  const MacAddress* next_hop_mac(Ipv4 target) const noexcept;
};

// Pure decision. `targets` need not be sorted or disjoint. Throws
// UsageError (no targets; targets need more than one interface; too many
// on-link targets) or SystemError (no such -e interface; no route; reject
// route; interface down or without IPv4 address and no --source-ip; a
// gateway that does not answer ARP).
NextHopPlan plan_next_hop(const std::vector<AddressRange>& targets, const NextHopOverrides& overrides,
                          const NetworkTables& tables, const MacResolver& resolve, const PlanLimits& limits = {});

// The kernel's routes, interfaces and neighbours, read over netlink.
NetworkTables read_network_tables();

struct ArpSettings {
  int attempts = 3;
  int timeout_ms = 500;  // per attempt
};

// plan_next_hop over read_network_tables(), resolving with arp_resolve.
// Also throws SystemError when a loopback plan would be dropped by the
// kernel (see loopback_injection.h).
NextHopPlan plan_next_hop_on_host(const std::vector<AddressRange>& targets, const NextHopOverrides& overrides,
                                  const ArpSettings& arp = {}, const PlanLimits& limits = {});

// One line for the log, e.g.
// "eth0 192.0.2.2 -> gateway 192.0.2.1 (02:00:00:00:00:01); 3 on-link hosts, 1 unreachable".
std::string describe(const NextHopPlan& plan);

}  // namespace zeroscan
