// lookup_route: the pure route decision over a table already read from the
// kernel (or injected by a test).
#include "zeroscan/net/next_hop.h"

namespace zeroscan {

namespace {

bool covers(const Route& route, Ipv4 address) {
  if (route.prefix_length == 0) return true;
  std::uint32_t mask = route.prefix_length >= 32 ? 0xFFFFFFFFu : ~(0xFFFFFFFFu >> route.prefix_length);
  return (address.value & mask) == (route.destination.value & mask);
}

// True when `candidate` should replace `best` among routes of one table.
bool better(const Route& candidate, const Route* best) {
  if (best == nullptr) return true;
  if (candidate.prefix_length != best->prefix_length) return candidate.prefix_length > best->prefix_length;
  return candidate.metric < best->metric;
}

}  // namespace

std::optional<Route> lookup_route(const std::vector<Route>& table, Ipv4 destination) {
  const Route* best_local = nullptr;
  const Route* best_other = nullptr;
  for (const Route& route : table) {
    if (!covers(route, destination)) continue;
    const Route*& best = route.is_local ? best_local : best_other;
    if (better(route, best)) best = &route;
  }
  if (best_local != nullptr) return *best_local;
  if (best_other != nullptr) return *best_other;
  return std::nullopt;
}

}  // namespace zeroscan
