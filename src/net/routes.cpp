// read_routes / read_ipv6_routes: the kernel's main and local routing
// tables over rtnetlink, decoded into Route (Ipv6Route) values for
// lookup_route (lookup_ipv6_route) and the planner. One decoder serves both
// families: only the address size and the Route type differ.
#include <arpa/inet.h>

#include <cstring>

#include "netlink_dump.h"
#include "zeroscan/core/errors.h"
#include "zeroscan/net/ipv6_route.h"
#include "zeroscan/net/next_hop.h"

namespace zeroscan {

namespace {

Ipv4 address_attribute(const void* data, std::size_t size, Ipv4) {
  if (size != 4) return Ipv4();
  std::uint32_t network_order = 0;
  std::memcpy(&network_order, data, 4);
  return Ipv4(ntohl(network_order));
}

Ipv6 address_attribute(const void* data, std::size_t size, Ipv6) {
  if (size != 16) return Ipv6();
  return Ipv6::from_bytes(static_cast<const std::uint8_t*>(data));
}

// What tells the two families apart: the address family of the dump, and
// (through the overloads above) the address size.
template <typename RouteType>
struct RouteFamily;
template <>
struct RouteFamily<Route> {
  static constexpr unsigned char kFamily = AF_INET;
  using Address = Ipv4;
};
template <>
struct RouteFamily<Ipv6Route> {
  static constexpr unsigned char kFamily = AF_INET6;
  using Address = Ipv6;
};

template <typename Address>
Address address_of(const void* data, std::size_t size) {
  return address_attribute(data, size, Address());
}

// RTA_MULTIPATH: ECMP routes. The scanner sends from one interface, so the
// first next hop stands for the route.
template <typename Address>
void take_first_nexthop(const void* data, std::size_t size, int& oif, Address& gateway) {
  if (size < sizeof(rtnexthop)) return;
  const auto* hop = static_cast<const rtnexthop*>(data);
  if (hop->rtnh_len < sizeof(rtnexthop) || hop->rtnh_len > size) return;
  oif = hop->rtnh_ifindex;
  net_detail::for_each_attribute(RTNH_DATA(hop), hop->rtnh_len - RTNH_LENGTH(0),
                                 [&](std::uint16_t type, const void* value, std::size_t length) {
                                   if (type == RTA_GATEWAY) gateway = address_of<Address>(value, length);
                                 });
}

template <typename RouteType>
std::optional<RouteType> decode_route(const nlmsghdr& message) {
  using Address = typename RouteFamily<RouteType>::Address;
  if (message.nlmsg_type != RTM_NEWROUTE || message.nlmsg_len < NLMSG_LENGTH(sizeof(rtmsg))) {
    return std::nullopt;
  }
  const auto* header = static_cast<const rtmsg*>(NLMSG_DATA(&message));
  if (header->rtm_family != RouteFamily<RouteType>::kFamily || (header->rtm_flags & RTNH_F_DEAD))
    return std::nullopt;

  RouteType route;
  route.prefix_length = header->rtm_dst_len;
  switch (header->rtm_type) {
    case RTN_UNICAST: break;
    case RTN_LOCAL: route.is_local = true; break;
    case RTN_BLACKHOLE:
    case RTN_UNREACHABLE:
    case RTN_PROHIBIT: route.is_reject = true; break;
    default: return std::nullopt;  // broadcast, multicast, anycast, throw, nat
  }

  std::uint32_t table = header->rtm_table;
  int oif = 0;
  net_detail::for_each_attribute(
      RTM_RTA(header), RTM_PAYLOAD(&message), [&](std::uint16_t type, const void* value, std::size_t length) {
        switch (type) {
          case RTA_TABLE:
            if (length == 4) std::memcpy(&table, value, 4);
            break;
          case RTA_DST: route.destination = address_of<Address>(value, length); break;
          case RTA_GATEWAY: route.gateway = address_of<Address>(value, length); break;
          case RTA_PREFSRC: route.preferred_source = address_of<Address>(value, length); break;
          case RTA_OIF:
            if (length == 4) std::memcpy(&oif, value, 4);
            break;
          case RTA_PRIORITY:
            if (length == 4) std::memcpy(&route.metric, value, 4);
            break;
          case RTA_MULTIPATH: take_first_nexthop(value, length, oif, route.gateway); break;
          default: break;
        }
      });
  if (table != RT_TABLE_MAIN && table != RT_TABLE_LOCAL) return std::nullopt;
  route.interface = net_detail::interface_name(oif);
  return route;
}

template <typename RouteType>
std::vector<RouteType> read_table() {
  rtmsg request{};
  request.rtm_family = RouteFamily<RouteType>::kFamily;
  std::vector<RouteType> routes;
  net_detail::netlink_dump(
      RTM_GETROUTE, &request, sizeof request,
      [&](const nlmsghdr& message) {
        if (auto route = decode_route<RouteType>(message)) routes.push_back(std::move(*route));
      },
      "the routing table");
  return routes;
}

}  // namespace

std::vector<Route> read_routes() { return read_table<Route>(); }

std::vector<Ipv6Route> read_ipv6_routes() { return read_table<Ipv6Route>(); }

}  // namespace zeroscan
