// How to reach a target from this machine: which interface, our source
// address there, and whose MAC goes in the Ethernet header. Read from the
// kernel's routing and neighbour tables (longest-prefix match), ARPing where
// the neighbour table has no entry.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "zeroscan/core/ipv4.h"
#include "zeroscan/core/mac_address.h"

namespace zeroscan {

struct InterfaceInfo {
  std::string name;
  int index = 0;
  MacAddress mac;
  Ipv4 address;              // primary IPv4 address (0 if none)
  std::uint8_t prefix_length = 0;
  std::uint32_t mtu = 1500;
  bool has_link_layer = true;  // false for tun/ppp/ipip: send IP packets
  bool is_loopback = false;
  bool is_up = false;
};

struct Route {
  Ipv4 destination;
  std::uint8_t prefix_length = 0;
  Ipv4 gateway;              // 0.0.0.0 when the destination is on-link
  std::string interface;
  std::uint32_t metric = 0;
  std::optional<Ipv4> preferred_source;
  bool is_local = false;     // "local" routes (our own addresses, AnyIP)
  bool is_reject = false;    // blackhole/unreachable/prohibit: no next hop
};

// One neighbour-table (ARP cache) entry that holds a usable MAC.
struct Neighbour {
  std::string interface;
  Ipv4 address;
  MacAddress mac;
};

// Pure. Local routes first (the kernel consults its local table before
// main), then longest-prefix match, lowest metric among equals.
std::optional<Route> lookup_route(const std::vector<Route>& table, Ipv4 destination);

// Reads the main + local routing tables over netlink. Throws SystemError.
std::vector<Route> read_routes();
// Throws SystemError naming the interface when it does not exist.
InterfaceInfo read_interface(const std::string& name);
std::vector<InterfaceInfo> read_interfaces();

// The neighbour table (ip neigh) entry for `address` on `interface`, if
// REACHABLE/STALE/PERMANENT/DELAY.
std::optional<MacAddress> neighbour_mac(const std::string& interface, Ipv4 address);
// Every such entry, all interfaces (one netlink dump). Throws SystemError.
std::vector<Neighbour> read_neighbours();

// Sends ARP requests for `addresses` from `iface` (bounded: `attempts`
// rounds, waiting `timeout_ms` each) and returns the answers seen. Used for
// the gateway and for on-link targets. Asks only for addresses still
// unanswered in later rounds; returns within about attempts * timeout_ms.
// Throws SystemError when the ARP socket cannot be opened (no privilege,
// interface without ARP).
std::vector<std::pair<Ipv4, MacAddress>> arp_resolve(const InterfaceInfo& iface,
                                                     const std::vector<Ipv4>& addresses,
                                                     int attempts, int timeout_ms);

}  // namespace zeroscan
