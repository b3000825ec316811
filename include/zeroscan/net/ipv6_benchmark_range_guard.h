// The IPv6 benchmarking block 2001:2::/48 (RFC 5180) is never routed on
// the Internet: a target there that this machine would send through its
// default route means the lab network is missing, and the probes would
// leak upstream — net/benchmark_range_guard's rule for 198.18.0.0/15, for
// IPv6. run_scan calls it where it calls the IPv4 guard.
#pragma once

#include <vector>

#include "zeroscan/core/ipv6_range.h"
#include "zeroscan/net/ipv6_route.h"

namespace zeroscan {

// Throws SystemError naming the first target in 2001:2::/48 whose route
// (checked at both ends of each range's overlap with the block, as the
// IPv4 guard does) is a default route (prefix length 0) that is not a
// reject route. Pure over the given routing table.
void refuse_ipv6_benchmark_range_via_default_route(const std::vector<Ipv6Route>& routes,
                                                   const std::vector<Ipv6Range>& targets);

}  // namespace zeroscan
