// The benchmarking block 198.18.0.0/15 (RFC 2544) is never routed on the
// Internet: a target there that this machine would send through its default
// route means a test network is missing (a lab namespace torn down under a
// running scan), and the probes would leak to whatever is upstream. zeroscan
// refuses such a scan instead.
#pragma once

#include <vector>

#include "zeroscan/net/next_hop.h"
#include "zeroscan/net/next_hop_plan.h"

namespace zeroscan {

// Throws SystemError naming the first target range in 198.18.0.0/15 whose
// route (checked at both ends of its overlap with the block) is a default
// route (prefix length 0). Pure over the given routing table.
void refuse_benchmark_range_via_default_route(const std::vector<Route>& routes,
                                              const std::vector<AddressRange>& targets);

}  // namespace zeroscan
