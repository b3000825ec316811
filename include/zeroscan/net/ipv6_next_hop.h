// The IPv6 next hop: where each IPv6 target's probes go — the route's
// interface, our source address there, and the destination MAC: the
// gateway's (--router-mac, the neighbour table, or NDP) for routed targets,
// each target's own (neighbour table or NDP) for on-link ones. The IPv4
// planner's (net/next_hop_plan) rules, simplified for IPv6, where targets
// come from lists rather than sweeps: each target range is decided at its
// two ends and must not straddle routes; one interface and at most one
// gateway per scan. ::1 does not come here (net/raw_ip_sink).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "zeroscan/core/ipv6.h"
#include "zeroscan/core/ipv6_range.h"
#include "zeroscan/core/mac_address.h"
#include "zeroscan/net/ipv6_neighbour.h"
#include "zeroscan/net/ipv6_route.h"
#include "zeroscan/net/next_hop.h"

namespace zeroscan {

struct Ipv6NextHopOverrides {
  std::string interface;                 // -e: only routes through it count
  std::optional<Ipv6> source_ip;         // -S with an IPv6 address
  std::optional<MacAddress> router_mac;  // --router-mac: every target goes to it, no NDP
};

struct Ipv6NetworkTables {
  std::vector<Ipv6Route> routes;
  std::vector<InterfaceInfo> interfaces;
  std::vector<Ipv6Neighbour> neighbours;
};

// Asks the link for these addresses' MACs (NDP); returns those that answered.
using Ipv6MacResolver =
    std::function<std::vector<std::pair<Ipv6, MacAddress>>(const InterfaceInfo&, Ipv6 source, const std::vector<Ipv6>&)>;
// The source address the kernel would use towards `target` (nullopt: none).
using Ipv6SourceChooser = std::function<std::optional<Ipv6>(Ipv6 target)>;

struct Ipv6NextHopPlan {
  InterfaceInfo interface;
  Ipv6 source;
  std::optional<MacAddress> gateway_mac;             // routed targets (all of them with --router-mac)
  std::vector<Ipv6Range> on_link;                    // sorted: targets on the link itself
  std::vector<std::pair<Ipv6, MacAddress>> on_link_macs;  // sorted: those that answered NDP
  std::uint64_t unreachable = 0;                     // on-link targets that did not: never probed

  // The destination MAC for a probe to `target`; nullptr when it must not
  // be probed (an on-link target without an NDP answer, or not planned).
  // Send-path safe: never throws, no allocation, O(log n).
  const MacAddress* next_hop_mac(Ipv6 target) const noexcept;
};

// Beyond this many on-link targets, soliciting each is refused (as ARP is).
inline constexpr std::uint64_t kMaxOnLinkIpv6Targets = 65536;

// Pure decision over the given tables. Throws UsageError (no targets, a
// range straddling routes, several interfaces or gateways, this machine's
// own addresses, an interface without Ethernet, too many on-link targets)
// or SystemError (no route, a reject route, no such -e interface, the
// interface down, no source address, a gateway that does not answer NDP).
Ipv6NextHopPlan plan_ipv6_next_hop(const std::vector<Ipv6Range>& targets, const Ipv6NextHopOverrides& overrides,
                                   const Ipv6NetworkTables& tables, const Ipv6MacResolver& resolve,
                                   const Ipv6SourceChooser& choose_source);

// The same over this machine: netlink tables, NDP on the wire, the kernel's
// source address choice (a connected UDP socket's name: nothing is sent).
Ipv6NextHopPlan plan_ipv6_next_hop_on_host(const std::vector<Ipv6Range>& targets,
                                           const Ipv6NextHopOverrides& overrides);

// Neighbour solicitations (net/ndp_frame) for each address, `attempts`
// rounds of `timeout_ms` at most; the answers in the caller's order.
// Throws SystemError when the packet socket cannot be opened.
std::vector<std::pair<Ipv6, MacAddress>> ndp_resolve(const InterfaceInfo& iface, Ipv6 source,
                                                     const std::vector<Ipv6>& addresses, int attempts, int timeout_ms);

}  // namespace zeroscan
