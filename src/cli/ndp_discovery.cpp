// NDP answers as host discovery (-sn on the local link, IPv6).
#include "zeroscan/cli/ndp_discovery.h"

namespace zeroscan {

std::vector<Ipv6> nd_responders(const Ipv6NextHopPlan& plan, const Ipv6TargetSet& targets) {
  // on_link_macs is sorted and bounded by kMaxOnLinkIpv6Targets.
  std::vector<Ipv6> up;
  for (const auto& [ip, mac] : plan.on_link_macs)
    if (targets.contains(ip)) up.push_back(ip);
  return up;
}

Ipv6NextHopPlan without_on_link_hosts(Ipv6NextHopPlan plan) {
  plan.on_link_macs.clear();
  return plan;
}

}  // namespace zeroscan
