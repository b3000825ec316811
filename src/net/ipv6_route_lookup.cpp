// lookup_ipv6_route: the pure IPv6 route decision over a table.
#include "zeroscan/net/ipv6_route.h"

namespace zeroscan {

namespace {

std::uint64_t half_mask(int bits) {
  if (bits <= 0) return 0;
  if (bits >= 64) return ~std::uint64_t(0);
  return ~std::uint64_t(0) << (64 - bits);
}

bool covers(const Ipv6Route& route, Ipv6 address) {
  const int length = route.prefix_length;
  if (length > 128) return false;
  const std::uint64_t hi = half_mask(length), lo = half_mask(length - 64);
  return (address.hi & hi) == (route.destination.hi & hi) && (address.lo & lo) == (route.destination.lo & lo);
}

// True when `candidate` should replace `best` among routes of one table.
bool better(const Ipv6Route& candidate, const Ipv6Route* best) {
  if (best == nullptr) return true;
  if (candidate.prefix_length != best->prefix_length) return candidate.prefix_length > best->prefix_length;
  return candidate.metric < best->metric;
}

}  // namespace

std::optional<Ipv6Route> lookup_ipv6_route(const std::vector<Ipv6Route>& table, Ipv6 destination) {
  const Ipv6Route* best_local = nullptr;
  const Ipv6Route* best_other = nullptr;
  for (const Ipv6Route& route : table) {
    if (!covers(route, destination)) continue;
    const Ipv6Route*& best = route.is_local ? best_local : best_other;
    if (better(route, best)) best = &route;
  }
  if (best_local != nullptr) return *best_local;
  if (best_other != nullptr) return *best_other;
  return std::nullopt;
}

}  // namespace zeroscan
