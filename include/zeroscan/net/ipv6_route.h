// Ipv6Route, lookup_ipv6_route and read_ipv6_routes: Route, lookup_route
// and read_routes' IPv6 twins (net/next_hop.h); net/ipv6_next_hop plans
// IPv6 scans with them (see docs/architecture.md, IPv6).
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

// Reads the main + local IPv6 routing tables over netlink (the decoder
// read_routes uses). Throws SystemError.
std::vector<Ipv6Route> read_ipv6_routes();

}  // namespace zeroscan
