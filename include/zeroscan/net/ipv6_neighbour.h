// The kernel's IPv6 neighbour (NDP) table: Neighbour / read_neighbours'
// twin (net/next_hop.h), read by the same netlink walk; net/ipv6_next_hop
// looks on-link targets and gateways up in it before soliciting.
#pragma once

#include <string>
#include <vector>

#include "zeroscan/core/ipv6.h"
#include "zeroscan/core/mac_address.h"

namespace zeroscan {

// One neighbour-table entry that holds a usable MAC.
struct Ipv6Neighbour {
  std::string interface;
  Ipv6 address;
  MacAddress mac;
};

// Every REACHABLE/STALE/PERMANENT/DELAY entry, all interfaces (one netlink
// dump). Throws SystemError.
std::vector<Ipv6Neighbour> read_ipv6_neighbours();

}  // namespace zeroscan
