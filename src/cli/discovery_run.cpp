// --discover: from the hosts found up to the port scan's targets.
#include "zeroscan/cli/discovery_run.h"

namespace zeroscan {

TargetSet live_targets(const std::vector<Ipv4>& up) {
  std::vector<Ipv4Range> ranges;
  ranges.reserve(up.size());
  for (Ipv4 ip : up) ranges.push_back(Ipv4Range{ip, ip});
  return TargetSet(std::move(ranges), {});
}

ScanSpace same_probes_for(const TargetSet& targets, const ScanSpace& scan) {
  // Slots already among ports x kinds are skipped, so passing them all as
  // extra keeps the order and adds only -sZ's.
  return ScanSpace(targets, scan.ports(), scan.kinds(), scan.slots());
}

}  // namespace zeroscan
