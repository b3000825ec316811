// ARP answers as host discovery (-sn on the local link).
#include "zeroscan/cli/arp_discovery.h"

namespace zeroscan {

std::vector<Ipv4> arp_responders(const NextHopPlan& plan, const TargetSet& targets) {
  std::vector<Ipv4> up;
  for (const NextHopSegment& segment : plan.segments) {
    if (segment.kind != NextHopKind::OnLink) continue;
    // On-link segments are bounded by PlanLimits::max_on_link_targets.
    for (std::uint64_t ip = segment.first.value; ip <= segment.last.value; ++ip)
      if (targets.contains(Ipv4(std::uint32_t(ip))) && plan.on_link_macs.find(Ipv4(std::uint32_t(ip))))
        up.push_back(Ipv4(std::uint32_t(ip)));
  }
  return up;
}

NextHopPlan without_on_link_hosts(NextHopPlan plan) {
  plan.on_link_macs = MacTable();
  return plan;
}

}  // namespace zeroscan
