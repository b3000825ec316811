// Refusing benchmark-range targets that would leave through the default route.
#include "zeroscan/net/benchmark_range_guard.h"

#include <algorithm>

#include "zeroscan/core/errors.h"

namespace zeroscan {

void refuse_benchmark_range_via_default_route(const std::vector<Route>& routes,
                                              const std::vector<AddressRange>& targets) {
  const Ipv4 block_first = Ipv4::from_octets(198, 18, 0, 0);
  const Ipv4 block_last = Ipv4::from_octets(198, 19, 255, 255);
  for (const AddressRange& range : targets) {
    const std::uint32_t first = std::max(range.first.value, block_first.value);
    const std::uint32_t last = std::min(range.last.value, block_last.value);
    if (first > last) continue;
    for (std::uint32_t probe : {first, last}) {
      const auto route = lookup_route(routes, Ipv4(probe));
      if (route && route->prefix_length == 0 && !route->is_reject)
        throw SystemError("refusing to scan " + Ipv4(probe).to_string() +
                          ": 198.18.0.0/15 is a benchmarking block, yet this machine would send it "
                          "through its default route (" + route->interface +
                          "); is the test network (scripts/lab up) missing?");
    }
  }
}

}  // namespace zeroscan
