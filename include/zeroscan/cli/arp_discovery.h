// -sn on the local link: as nmap does, the ARP answers gathered while the
// route was planned are the discovery of on-link hosts ("arp-response"),
// and no further probe goes to any on-link target (those that stayed
// silent to ARP are down). Off-link targets get the discovery probes.
#pragma once

#include <vector>

#include "zeroscan/net/next_hop_plan.h"
#include "zeroscan/targets/target_set.h"

namespace zeroscan {

// The targets in on-link segments that answered ARP, in address order.
std::vector<Ipv4> arp_responders(const NextHopPlan& plan, const TargetSet& targets);

// The plan the discovery probes use: `plan` with no on-link MAC, so the
// send path skips every on-link target (TargetMacs::reachable is false).
NextHopPlan without_on_link_hosts(NextHopPlan plan);

}  // namespace zeroscan
