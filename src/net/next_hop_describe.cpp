// describe(NextHopPlan): the one log line saying where probes will go.
#include <set>

#include "zeroscan/net/next_hop_plan.h"

namespace zeroscan {

std::string describe(const NextHopPlan& plan) {
  std::string line = plan.interface.name + " " + plan.source.to_string() + " ->";
  std::set<std::string> hops;
  std::uint64_t on_link = 0;
  for (const NextHopSegment& segment : plan.segments) {
    switch (segment.kind) {
      case NextHopKind::Gateway:
        hops.insert("gateway " + segment.gateway.to_string() + " (" + segment.mac.to_string() + ")");
        break;
      case NextHopKind::Router: hops.insert("router " + segment.mac.to_string()); break;
      case NextHopKind::Loopback: hops.insert("loopback"); break;
      case NextHopKind::NoLinkLayer: hops.insert("IP layer (no link layer)"); break;
      case NextHopKind::OwnAddress: break;  // counted below
      case NextHopKind::OnLink: on_link += std::uint64_t(segment.last.value) - segment.first.value + 1; break;
    }
  }
  bool first = true;
  for (const std::string& hop : hops) {
    line += (first ? " " : ", ") + hop;
    first = false;
  }
  if (on_link > 0) {
    line += std::string(first ? " " : "; ") + std::to_string(plan.on_link_macs.size()) + " on-link hosts, " +
            std::to_string(plan.unreachable.size()) + " unreachable";
  }
  if (plan.own_address_count > 0) {
    line += "; " + std::to_string(plan.own_address_count) + " own address(es) skipped";
  }
  return line;
}

}  // namespace zeroscan
