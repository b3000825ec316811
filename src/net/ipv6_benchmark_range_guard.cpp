// Refusing 2001:2::/48 targets that would leave through the default route.
#include "zeroscan/net/ipv6_benchmark_range_guard.h"

#include <algorithm>

#include "zeroscan/core/errors.h"

namespace zeroscan {

void refuse_ipv6_benchmark_range_via_default_route(const std::vector<Ipv6Route>& routes,
                                                   const std::vector<Ipv6Range>& targets) {
  const Ipv6 block_first(0x2001000200000000ull, 0);
  const Ipv6 block_last(0x200100020000ffffull, ~0ull);
  for (const Ipv6Range& range : targets) {
    const Ipv6 first = std::max(range.first, block_first);
    const Ipv6 last = std::min(range.last, block_last);
    if (last < first) continue;
    for (Ipv6 probe : {first, last}) {
      const auto route = lookup_ipv6_route(routes, probe);
      if (route && route->prefix_length == 0 && !route->is_reject)
        throw SystemError("refusing to scan " + probe.to_string() +
                          ": 2001:2::/48 is a benchmarking block, yet this machine would send it "
                          "through its default route (" + route->interface +
                          "); is the test network (scripts/lab up) missing?");
    }
  }
}

}  // namespace zeroscan
