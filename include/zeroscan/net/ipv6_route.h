// Ipv6Route and lookup_ipv6_route: Route and lookup_route's IPv6 twins
// (net/next_hop.h), the pure route decision over a table. Reading the table
// from netlink (RTM_GETROUTE, AF_INET6) is still to do: not wired into
// scans yet (see docs/architecture.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "zeroscan/core/ipv6.h"

namespace zeroscan {

struct Ipv6Route {
  Ipv6 destination;
  std::uint8_t prefix_length = 0;  // 0-128
  Ipv6 gateway;                    // :: when the destination is on-link
  std::string interface;
  std::uint32_t metric = 0;
  std::optional<Ipv6> preferred_source;
  bool is_local = false;   // "local" routes (our own addresses, AnyIP)
  bool is_reject = false;  // blackhole/unreachable/prohibit: no next hop
};

// Pure. Local routes first (the kernel consults its local table before
// main), then longest-prefix match, lowest metric among equals — as
// lookup_route. A prefix length above 128 covers nothing.
std::optional<Ipv6Route> lookup_ipv6_route(const std::vector<Ipv6Route>& table, Ipv6 destination);

}  // namespace zeroscan
