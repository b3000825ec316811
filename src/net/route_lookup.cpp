// lookup_route / lookup_ipv6_route: the pure route decision over a table
// already read from the kernel (or injected by a test). One rule for both
// families; only "does this prefix cover the address" differs.
#include "zeroscan/net/ipv6_route.h"
#include "zeroscan/net/next_hop.h"

namespace zeroscan {

namespace {

bool covers(const Route& route, Ipv4 address) {
  if (route.prefix_length == 0) return true;
  std::uint32_t mask = route.prefix_length >= 32 ? 0xFFFFFFFFu : ~(0xFFFFFFFFu >> route.prefix_length);
  return (address.value & mask) == (route.destination.value & mask);
}

// A prefix length above 128 covers nothing.
bool covers(const Ipv6Route& route, Ipv6 address) {
  if (route.prefix_length > 128) return false;
  const Ipv6 mask = Ipv6::mask(route.prefix_length);
  return (address & mask) == (route.destination & mask);
}

// True when `candidate` should replace `best` among routes of one table.
template <typename RouteType>
bool better(const RouteType& candidate, const RouteType* best) {
  if (best == nullptr) return true;
  if (candidate.prefix_length != best->prefix_length) return candidate.prefix_length > best->prefix_length;
  return candidate.metric < best->metric;
}

template <typename RouteType, typename Address>
std::optional<RouteType> lookup(const std::vector<RouteType>& table, Address destination) {
  const RouteType* best_local = nullptr;
  const RouteType* best_other = nullptr;
  for (const RouteType& route : table) {
    if (!covers(route, destination)) continue;
    const RouteType*& best = route.is_local ? best_local : best_other;
    if (better(route, best)) best = &route;
  }
  if (best_local != nullptr) return *best_local;
  if (best_other != nullptr) return *best_other;
  return std::nullopt;
}

}  // namespace

std::optional<Route> lookup_route(const std::vector<Route>& table, Ipv4 destination) {
  return lookup(table, destination);
}

std::optional<Ipv6Route> lookup_ipv6_route(const std::vector<Ipv6Route>& table, Ipv6 destination) {
  return lookup(table, destination);
}

}  // namespace zeroscan
