// --discover: from the hosts found up to the port scan's targets.
#include "zeroscan/cli/discovery_run.h"

namespace zeroscan {

LiveTargets live_targets(const std::vector<IpAddress>& up) {
  std::vector<Ipv4Range> ranges;
  std::vector<Ipv6Range> ranges6;
  for (const IpAddress& ip : up) {
    if (ip.is_v4()) ranges.push_back(Ipv4Range{ip.v4(), ip.v4()});
    else ranges6.push_back(Ipv6Range{ip.v6(), ip.v6()});
  }
  return LiveTargets{TargetSet(std::move(ranges), {}), Ipv6TargetSet(std::move(ranges6), {})};
}

ScanSpace same_probes_for(const LiveTargets& targets, const ScanSpace& scan) {
  // Slots already among ports x kinds are skipped, so passing them all as
  // extra keeps the order and adds only -sZ's.
  return ScanSpace(targets.v4, targets.v6, scan.ports(), scan.kinds(), scan.slots());
}

}  // namespace zeroscan
