// The IPv6 next-hop decision (pure) and its on-host form (netlink, NDP,
// the kernel's source choice).
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

#include "unique_fd.h"
#include "zeroscan/core/errors.h"
#include "zeroscan/net/ipv6_next_hop.h"

namespace zeroscan {

namespace {

bool same_route(const Ipv6Route& a, const Ipv6Route& b) {
  return a.destination == b.destination && a.prefix_length == b.prefix_length && a.interface == b.interface &&
         a.gateway == b.gateway;
}

bool inside(Ipv6 address, const Ipv6Range& range) { return !(address < range.first) && !(range.last < address); }

class Ipv6Planner {
 public:
  Ipv6Planner(const Ipv6NextHopOverrides& overrides, const Ipv6NetworkTables& tables)
      : overrides_(overrides), tables_(tables) {
    // With -e only routes through that interface count (our own addresses
    // would leave through lo instead, so they are out too).
    for (const Ipv6Route& route : tables.routes)
      if (overrides.interface.empty() || (route.interface == overrides.interface && !route.is_local))
        routes_.push_back(route);
  }

  void add(const Ipv6Range& range) {
    const Ipv6Route route = route_for(range);
    if (interface_.empty()) interface_ = route.interface;
    if (route.interface != interface_)
      throw UsageError("the IPv6 targets leave through several interfaces (" + interface_ + ", " + route.interface +
                       "): scan each interface's targets on their own, or name one with -e");
    if (!source_) source_ = route.preferred_source;
    if (route.gateway == Ipv6()) {
      on_link_.push_back(range);
      return;
    }
    if (gateway_ && *gateway_ != route.gateway)
      throw UsageError("the IPv6 targets need several gateways (" + gateway_->to_string() + ", " +
                       route.gateway.to_string() + "): scan them separately, or give --router-mac");
    gateway_ = route.gateway;
  }

  Ipv6NextHopPlan finish(const Ipv6MacResolver& resolve, const Ipv6SourceChooser& choose_source,
                         const Ipv6Range& first_target) {
    Ipv6NextHopPlan plan;
    plan.interface = interface_named(interface_);
    plan.source = choose_source_address(choose_source, first_target.first);
    std::sort(on_link_.begin(), on_link_.end(), [](const Ipv6Range& a, const Ipv6Range& b) { return a.first < b.first; });
    plan.on_link = on_link_;
    if (overrides_.router_mac) {  // everything to the router, no NDP (as --router-mac for IPv4)
      plan.gateway_mac = overrides_.router_mac;
      plan.on_link.clear();
      return plan;
    }
    if (gateway_) plan.gateway_mac = gateway_mac(plan, resolve);
    resolve_on_link(plan, resolve);
    return plan;
  }

 private:
  Ipv6Route route_for(const Ipv6Range& range) const {
    const auto first = lookup_ipv6_route(routes_, range.first);
    const auto last = lookup_ipv6_route(routes_, range.last);
    const std::string where = range.first.to_string();
    if (!first || !last)
      throw SystemError("no IPv6 route to " + (first ? range.last : range.first).to_string() +
                        (overrides_.interface.empty() ? "" : " through " + overrides_.interface));
    if (first->is_reject) throw SystemError("the IPv6 route to " + where + " is a reject route (unreachable)");
    if (first->is_local)
      throw UsageError(where + " is this machine's own address: of those only ::1 is scanned over IPv6 yet");
    bool straddles = !same_route(*first, *last);
    for (const Ipv6Route& route : routes_)  // a more specific route starting inside the range
      straddles = straddles || (route.prefix_length > first->prefix_length && range.first < route.destination &&
                                inside(route.destination, range));
    if (straddles)
      throw UsageError("the IPv6 target range " + where + "-" + range.last.to_string() +
                       " spans several routes: split it at the route boundaries");
    return *first;
  }

  InterfaceInfo interface_named(const std::string& name) const {
    for (const InterfaceInfo& info : tables_.interfaces) {
      if (info.name != name) continue;
      if (!info.is_up) throw SystemError("interface '" + name + "' is down (ip link set " + name + " up)");
      if (info.is_loopback || !info.has_link_layer)
        throw UsageError("IPv6 targets through '" + name + "': only Ethernet interfaces (and ::1) are wired for IPv6 yet");
      return info;
    }
    throw SystemError("no network interface named '" + name + "' (see `ip link`)");
  }

  Ipv6 choose_source_address(const Ipv6SourceChooser& choose_source, Ipv6 target) const {
    if (overrides_.source_ip) return *overrides_.source_ip;
    if (source_) return *source_;
    if (choose_source)
      if (const auto chosen = choose_source(target)) return *chosen;
    throw SystemError("no IPv6 source address towards " + target.to_string() + " on '" + interface_ +
                      "' (give -S with an IPv6 address)");
  }

  std::optional<MacAddress> known_mac(Ipv6 address) const {
    for (const Ipv6Neighbour& neighbour : tables_.neighbours)
      if (neighbour.interface == interface_ && neighbour.address == address) return neighbour.mac;
    return std::nullopt;
  }

  MacAddress gateway_mac(const Ipv6NextHopPlan& plan, const Ipv6MacResolver& resolve) const {
    if (const auto known = known_mac(*gateway_)) return *known;
    std::vector<std::pair<Ipv6, MacAddress>> answers;
    if (resolve) answers = resolve(plan.interface, plan.source, {*gateway_});
    if (answers.empty())
      throw SystemError("IPv6 gateway " + gateway_->to_string() + " on '" + interface_ +
                        "' did not answer neighbour solicitation (give --router-mac)");
    return answers.front().second;
  }

  void resolve_on_link(Ipv6NextHopPlan& plan, const Ipv6MacResolver& resolve) const {
    std::uint64_t count = 0;
    for (const Ipv6Range& range : plan.on_link) {
      const auto size = range.size();
      count += size ? *size : kMaxOnLinkIpv6Targets + 1;
      if (!size || count > kMaxOnLinkIpv6Targets)
        throw UsageError("more than " + std::to_string(kMaxOnLinkIpv6Targets) +
                         " on-link IPv6 targets to solicit one by one: narrow the scan or give --router-mac");
    }
    std::vector<Ipv6> ask;
    for (const Ipv6Range& range : plan.on_link)
      for (Ipv6 address = range.first;; address = Ipv6(address.hi + (address.lo == ~0ULL), address.lo + 1)) {
        if (const auto known = known_mac(address)) plan.on_link_macs.emplace_back(address, *known);
        else ask.push_back(address);
        if (address == range.last) break;
      }
    if (!ask.empty() && resolve)
      for (const auto& answer : resolve(plan.interface, plan.source, ask)) plan.on_link_macs.push_back(answer);
    std::sort(plan.on_link_macs.begin(), plan.on_link_macs.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    plan.unreachable = count - plan.on_link_macs.size();
  }

  const Ipv6NextHopOverrides& overrides_;
  const Ipv6NetworkTables& tables_;
  std::vector<Ipv6Route> routes_;
  std::string interface_;
  std::optional<Ipv6> source_;
  std::optional<Ipv6> gateway_;
  std::vector<Ipv6Range> on_link_;
};

// The kernel's own source address choice: connecting a UDP socket routes
// it without sending anything.
std::optional<Ipv6> kernel_source_towards(Ipv6 target) {
  const net_detail::UniqueFd fd(::socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0));
  if (fd.get() < 0) return std::nullopt;
  sockaddr_in6 to{};
  to.sin6_family = AF_INET6;
  to.sin6_port = htons(9);
  target.to_bytes(to.sin6_addr.s6_addr);
  if (::connect(fd.get(), reinterpret_cast<const sockaddr*>(&to), sizeof to) != 0) return std::nullopt;
  sockaddr_in6 self{};
  socklen_t length = sizeof self;
  if (::getsockname(fd.get(), reinterpret_cast<sockaddr*>(&self), &length) != 0) return std::nullopt;
  return Ipv6::from_bytes(self.sin6_addr.s6_addr);
}

}  // namespace

const MacAddress* Ipv6NextHopPlan::next_hop_mac(Ipv6 target) const noexcept {
  auto range = std::upper_bound(on_link.begin(), on_link.end(), target,
                                [](Ipv6 address, const Ipv6Range& r) { return address < r.first; });
  if (range != on_link.begin() && inside(target, *std::prev(range))) {
    auto found = std::lower_bound(on_link_macs.begin(), on_link_macs.end(), target,
                                  [](const auto& entry, Ipv6 address) { return entry.first < address; });
    return found != on_link_macs.end() && found->first == target ? &found->second : nullptr;
  }
  return gateway_mac ? &*gateway_mac : nullptr;
}

Ipv6NextHopPlan plan_ipv6_next_hop(const std::vector<Ipv6Range>& targets, const Ipv6NextHopOverrides& overrides,
                                   const Ipv6NetworkTables& tables, const Ipv6MacResolver& resolve,
                                   const Ipv6SourceChooser& choose_source) {
  if (targets.empty()) throw UsageError("no IPv6 targets to plan a next hop for");
  Ipv6Planner planner(overrides, tables);
  for (const Ipv6Range& range : targets) planner.add(range);
  return planner.finish(resolve, choose_source, targets.front());
}

Ipv6NextHopPlan plan_ipv6_next_hop_on_host(const std::vector<Ipv6Range>& targets,
                                           const Ipv6NextHopOverrides& overrides) {
  Ipv6NetworkTables tables{read_ipv6_routes(), read_interfaces(), read_ipv6_neighbours()};
  auto resolve = [](const InterfaceInfo& iface, Ipv6 source, const std::vector<Ipv6>& addresses) {
    return ndp_resolve(iface, source, addresses, 3, 300);
  };
  return plan_ipv6_next_hop(targets, overrides, tables, resolve, kernel_source_towards);
}

}  // namespace zeroscan
