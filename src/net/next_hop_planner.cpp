// plan_next_hop: the pure next-hop decision. Splits the targets wherever
// the route answer can change, decides each piece (gateway, on-link,
// loopback, no link layer, our own address), checks they share one
// interface, then fills in MACs from the neighbour table first and the
// injected resolver second.
#include <algorithm>
#include <cstdint>
#include <unordered_map>

#include "zeroscan/core/errors.h"
#include "zeroscan/net/next_hop_plan.h"

namespace zeroscan {

namespace {

std::uint32_t prefix_mask(std::uint8_t prefix_length) {
  return prefix_length == 0 ? 0 : prefix_length >= 32 ? 0xFFFFFFFFu : ~(0xFFFFFFFFu >> prefix_length);
}

std::string route_text(const Route& route) {
  return route.destination.to_string() + "/" + std::to_string(route.prefix_length);
}

// Sorted, with overlapping and adjacent ranges merged.
std::vector<AddressRange> normalise(std::vector<AddressRange> ranges) {
  for (AddressRange& range : ranges) {
    if (range.last < range.first) std::swap(range.first, range.last);
  }
  std::sort(ranges.begin(), ranges.end(), [](const AddressRange& a, const AddressRange& b) { return a.first < b.first; });
  std::vector<AddressRange> merged;
  for (const AddressRange& range : ranges) {
    if (!merged.empty() && std::uint64_t(range.first.value) <= std::uint64_t(merged.back().last.value) + 1) {
      merged.back().last = std::max(merged.back().last, range.last);
    } else {
      merged.push_back(range);
    }
  }
  return merged;
}

const InterfaceInfo* find_interface(const NetworkTables& tables, const std::string& name) {
  auto it = std::find_if(tables.interfaces.begin(), tables.interfaces.end(),
                         [&](const InterfaceInfo& info) { return info.name == name; });
  return it == tables.interfaces.end() ? nullptr : &*it;
}

const InterfaceInfo* find_loopback(const NetworkTables& tables) {
  auto it = std::find_if(tables.interfaces.begin(), tables.interfaces.end(),
                         [](const InterfaceInfo& info) { return info.is_loopback; });
  return it == tables.interfaces.end() ? nullptr : &*it;
}

struct Decision {
  NextHopKind kind = NextHopKind::Gateway;
  const InterfaceInfo* interface = nullptr;
  Ipv4 gateway;
  std::optional<Ipv4> preferred_source;
  bool own_address = false;  // a local route on a non-loopback interface
};

struct Piece {
  Ipv4 first;
  Ipv4 last;
  Decision decision;
};

class Planner {
 public:
  Planner(const NextHopOverrides& overrides, const NetworkTables& tables) : overrides_(overrides), tables_(tables) {
    if (!overrides.interface.empty()) {
      forced_ = find_interface(tables, overrides.interface);
      if (forced_ == nullptr) {
        throw SystemError("no network interface named '" + overrides.interface + "' (see `ip link`)");
      }
    }
    // With -e only routes through that interface count; our own addresses
    // (local routes) would leave through lo instead, so they are out too.
    for (const Route& route : tables.routes) {
      if (forced_ == nullptr || (route.interface == forced_->name && !route.is_local)) routes_.push_back(route);
    }
    for (const Route& route : routes_) {
      std::uint32_t first = route.destination.value & prefix_mask(route.prefix_length);
      breakpoints_.push_back(first);
      breakpoints_.push_back(std::uint64_t(first | ~prefix_mask(route.prefix_length)) + 1);
    }
    std::sort(breakpoints_.begin(), breakpoints_.end());
    breakpoints_.erase(std::unique(breakpoints_.begin(), breakpoints_.end()), breakpoints_.end());
  }

  // Within a piece between two consecutive route boundaries, the set of
  // covering routes is constant, so one lookup decides the whole piece.
  void add_range(const AddressRange& range) {
    std::uint64_t start = range.first.value;
    const std::uint64_t end = std::uint64_t(range.last.value) + 1;
    auto next = std::upper_bound(breakpoints_.begin(), breakpoints_.end(), start);
    while (start < end) {
      std::uint64_t stop = (next != breakpoints_.end() && *next < end) ? *next : end;
      add_piece(Ipv4(static_cast<std::uint32_t>(start)), Ipv4(static_cast<std::uint32_t>(stop - 1)));
      start = stop;
      if (next != breakpoints_.end()) ++next;
    }
  }

  NextHopPlan finish(const MacResolver& resolve, const PlanLimits& limits) {
    set_aside_own_addresses();
    check_one_interface();
    NextHopPlan plan;
    plan.interface = *interface_;
    if (!plan.interface.is_up) {
      throw SystemError("interface '" + plan.interface.name + "' is down (ip link set " + plan.interface.name + " up)");
    }
    plan.link_layer = plan.interface.has_link_layer;
    plan.source = choose_source();
    plan.segments = merge_pieces();
    for (const NextHopSegment& segment : plan.segments) {
      // Counted, not listed: an AnyIP local route can cover a whole /8.
      if (segment.kind == NextHopKind::OwnAddress) {
        plan.own_address_count += std::uint64_t(segment.last.value) - segment.first.value + 1;
      }
    }
    resolve_gateways(plan, resolve);
    resolve_on_link(plan, resolve, limits);
    return plan;
  }

 private:
  Decision decide(Ipv4 address) const {
    Decision decision;
    if (forced_ != nullptr && forced_->is_loopback) {
      decision.kind = NextHopKind::Loopback;
      decision.interface = forced_;
      return decision;
    }
    auto route = lookup_route(routes_, address);
    if (!route) {
      if (forced_ != nullptr && overrides_.router_mac) {
        decision.kind = NextHopKind::Router;
        decision.interface = forced_;
        return decision;
      }
      throw SystemError("no route to host " + address.to_string() +
                        (forced_ != nullptr ? " through interface '" + forced_->name + "'" : std::string()));
    }
    if (route->is_reject) {
      throw SystemError("no route to host " + address.to_string() + ": the routing table rejects " +
                        route_text(*route) + " (blackhole/unreachable/prohibit)");
    }
    decision.preferred_source = route->preferred_source;
    if (route->is_local) {
      // The kernel delivers traffic to its own addresses through lo,
      // whichever interface holds the address.
      decision.kind = NextHopKind::Loopback;
      decision.interface = find_loopback(tables_);
      if (decision.interface == nullptr) throw SystemError("no loopback interface to reach " + address.to_string());
      const InterfaceInfo* holder = find_interface(tables_, route->interface);
      decision.own_address = holder == nullptr || !holder->is_loopback;
      return decision;
    }
    decision.interface = find_interface(tables_, route->interface);
    if (decision.interface == nullptr) {
      throw SystemError("route " + route_text(*route) + " names interface '" + route->interface +
                        "', which does not exist");
    }
    if (decision.interface->is_loopback) {
      decision.kind = NextHopKind::Loopback;
    } else if (!decision.interface->has_link_layer) {
      decision.kind = NextHopKind::NoLinkLayer;
    } else if (overrides_.router_mac) {
      decision.kind = NextHopKind::Router;
    } else if (route->gateway.value != 0) {
      decision.kind = NextHopKind::Gateway;
      decision.gateway = route->gateway;
    } else {
      decision.kind = NextHopKind::OnLink;
    }
    return decision;
  }

  void add_piece(Ipv4 first, Ipv4 last) { pieces_.push_back(Piece{first, last, decide(first)}); }

  // Sweeping our own subnet through eth0 covers our own eth0 address, which
  // only lo could reach: leave it out rather than refuse the whole scan.
  void set_aside_own_addresses() {
    bool leaves_the_host = std::any_of(pieces_.begin(), pieces_.end(),
                                       [](const Piece& piece) { return !piece.decision.interface->is_loopback; });
    if (!leaves_the_host) return;
    for (Piece& piece : pieces_) {
      if (piece.decision.own_address) piece.decision.kind = NextHopKind::OwnAddress;
    }
  }

  void check_one_interface() {
    const Piece* first = nullptr;
    for (const Piece& piece : pieces_) {
      if (piece.decision.kind == NextHopKind::OwnAddress) continue;
      if (first == nullptr) {
        first = &piece;
        interface_ = piece.decision.interface;
        first_preferred_source_ = piece.decision.preferred_source;
      } else if (piece.decision.interface != interface_) {
        throw UsageError("the targets need two interfaces (" + interface_->name + " for " +
                         first->first.to_string() + ", " + piece.decision.interface->name + " for " +
                         piece.first.to_string() + "): scan them separately, or pick one with -e");
      }
    }
  }

  std::vector<NextHopSegment> merge_pieces() const {
    std::vector<NextHopSegment> segments;
    for (const Piece& piece : pieces_) {
      const Decision& decision = piece.decision;
      if (!segments.empty()) {
        NextHopSegment& previous = segments.back();
        if (previous.kind == decision.kind && previous.gateway == decision.gateway &&
            std::uint64_t(previous.last.value) + 1 == piece.first.value) {
          previous.last = piece.last;
          continue;
        }
      }
      MacAddress mac;
      if (decision.kind == NextHopKind::Router) mac = *overrides_.router_mac;
      segments.push_back(NextHopSegment{piece.first, piece.last, decision.kind, decision.gateway, mac});
    }
    return segments;
  }

  Ipv4 choose_source() const {
    if (overrides_.source_ip) return *overrides_.source_ip;
    if (first_preferred_source_ && first_preferred_source_->value != 0) return *first_preferred_source_;
    if (interface_->address.value != 0) return interface_->address;
    throw SystemError("interface '" + interface_->name + "' has no IPv4 address: pass --source-ip");
  }

  std::optional<MacAddress> neighbour(const std::string& interface, Ipv4 address) const {
    for (const Neighbour& entry : tables_.neighbours) {
      if (entry.interface == interface && entry.address == address) return entry.mac;
    }
    return std::nullopt;
  }

  void resolve_gateways(NextHopPlan& plan, const MacResolver& resolve) const {
    std::vector<Ipv4> to_ask;
    for (NextHopSegment& segment : plan.segments) {
      if (segment.kind != NextHopKind::Gateway) continue;
      if (auto mac = neighbour(plan.interface.name, segment.gateway)) {
        segment.mac = *mac;
      } else if (std::find(to_ask.begin(), to_ask.end(), segment.gateway) == to_ask.end()) {
        to_ask.push_back(segment.gateway);
      }
    }
    if (to_ask.empty()) return;
    auto answers = resolve(plan.interface, to_ask);
    for (NextHopSegment& segment : plan.segments) {
      if (segment.kind != NextHopKind::Gateway || !segment.mac.is_zero()) continue;
      auto answer = std::find_if(answers.begin(), answers.end(),
                                 [&](const auto& entry) { return entry.first == segment.gateway; });
      if (answer == answers.end()) {
        throw SystemError("gateway " + segment.gateway.to_string() + " on " + plan.interface.name +
                          " did not answer ARP: check the link, or pass --router-mac");
      }
      segment.mac = answer->second;
    }
  }

  void resolve_on_link(NextHopPlan& plan, const MacResolver& resolve, const PlanLimits& limits) const {
    std::uint64_t count = 0;
    for (const NextHopSegment& segment : plan.segments) {
      if (segment.kind == NextHopKind::OnLink) count += std::uint64_t(segment.last.value) - segment.first.value + 1;
    }
    if (count == 0) return;
    if (count > limits.max_on_link_targets) {
      throw UsageError(std::to_string(count) + " on-link targets exceed the ARP limit of " +
                       std::to_string(limits.max_on_link_targets) +
                       ": narrow the targets, or pass --router-mac to send everything to one MAC");
    }
    std::unordered_map<std::uint32_t, MacAddress> known;
    for (const Neighbour& entry : tables_.neighbours) {
      if (entry.interface == plan.interface.name) known.emplace(entry.address.value, entry.mac);
    }
    std::vector<std::pair<Ipv4, MacAddress>> found;
    std::vector<Ipv4> to_ask;
    for (const NextHopSegment& segment : plan.segments) {
      if (segment.kind != NextHopKind::OnLink) continue;
      for (std::uint64_t a = segment.first.value; a <= segment.last.value; ++a) {
        Ipv4 address(static_cast<std::uint32_t>(a));
        auto entry = known.find(address.value);
        if (entry != known.end()) {
          found.emplace_back(address, entry->second);
        } else {
          to_ask.push_back(address);
        }
      }
    }
    if (!to_ask.empty()) {
      auto answers = resolve(plan.interface, to_ask);
      std::unordered_map<std::uint32_t, MacAddress> answered;
      for (const auto& [address, mac] : answers) answered.emplace(address.value, mac);
      for (Ipv4 address : to_ask) {
        auto entry = answered.find(address.value);
        if (entry != answered.end()) {
          found.emplace_back(address, entry->second);
        } else {
          plan.unreachable.push_back(address);
        }
      }
    }
    plan.on_link_macs = MacTable(found);
  }

  const NextHopOverrides& overrides_;
  const NetworkTables& tables_;
  const InterfaceInfo* forced_ = nullptr;
  std::vector<Route> routes_;
  std::vector<std::uint64_t> breakpoints_;  // 64-bit: a route may end at 2^32
  std::vector<Piece> pieces_;  // in address order
  const InterfaceInfo* interface_ = nullptr;
  std::optional<Ipv4> first_preferred_source_;
};

}  // namespace

NextHopPlan plan_next_hop(const std::vector<AddressRange>& targets, const NextHopOverrides& overrides,
                          const NetworkTables& tables, const MacResolver& resolve, const PlanLimits& limits) {
  std::vector<AddressRange> ranges = normalise(targets);
  if (ranges.empty()) throw UsageError("no targets to plan a route for");
  Planner planner(overrides, tables);
  for (const AddressRange& range : ranges) planner.add_range(range);
  return planner.finish(resolve, limits);
}

const MacAddress* NextHopPlan::next_hop_mac(Ipv4 target) const noexcept {
  auto after = std::upper_bound(segments.begin(), segments.end(), target,
                                [](Ipv4 address, const NextHopSegment& segment) { return address < segment.first; });
  if (after == segments.begin()) return nullptr;
  const NextHopSegment& segment = *(after - 1);
  if (segment.last < target) return nullptr;
  switch (segment.kind) {
    case NextHopKind::OnLink: return on_link_macs.find(target);
    case NextHopKind::OwnAddress: return nullptr;
    default: return &segment.mac;
  }
}

}  // namespace zeroscan
