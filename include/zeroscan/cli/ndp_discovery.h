// -sn on the local link over IPv6, cli/arp_discovery's twin: the neighbour
// advertisements gathered while the IPv6 next hop was planned are the
// discovery of on-link hosts ("nd-response", nmap's name), and no further
// probe goes to any on-link target (those that stayed silent to NDP are
// down). Off-link targets get the discovery probes.
#pragma once

#include <vector>

#include "zeroscan/net/ipv6_next_hop.h"
#include "zeroscan/targets/ipv6_target_set.h"

namespace zeroscan {

// The targets that answered NDP, in address order.
std::vector<Ipv6> nd_responders(const Ipv6NextHopPlan& plan, const Ipv6TargetSet& targets);

// The plan the discovery probes use: `plan` with no on-link MAC, so the
// send path skips every on-link target (next_hop_mac is nullptr).
Ipv6NextHopPlan without_on_link_hosts(Ipv6NextHopPlan plan);

}  // namespace zeroscan
