// ndp_resolve: who has each IPv6 address, asked with neighbour
// solicitations (net/neighbour_session.h does the asking, as for ARP).
#include <linux/if_ether.h>

#include <algorithm>

#include "neighbour_session.h"
#include "zeroscan/core/errors.h"
#include "zeroscan/net/ipv6_next_hop.h"
#include "zeroscan/net/ndp_frame.h"

namespace zeroscan {

namespace {

struct Ndp {
  using Address = Ipv6;
  static constexpr int kEtherType = ETH_P_IPV6;
  static constexpr const char* kPurpose = "an NDP socket";
  const InterfaceInfo& iface;
  Ipv6 source;

  auto request(Ipv6 target) const { return build_neighbour_solicitation(iface.mac, source, target); }
  std::optional<NdpAnswer> parse(const std::uint8_t* frame, std::size_t size) const {
    return parse_neighbour_advertisement(frame, size);
  }
};

}  // namespace

std::vector<std::pair<Ipv6, MacAddress>> ndp_resolve(const InterfaceInfo& iface, Ipv6 source,
                                                     const std::vector<Ipv6>& addresses, int attempts, int timeout_ms) {
  if (addresses.empty() || attempts <= 0) return {};
  if (!iface.has_link_layer || iface.is_loopback)
    throw SystemError("cannot solicit neighbours on interface '" + iface.name + "': it has no Ethernet link layer");
  const Ndp ndp{iface, source};
  net_detail::NeighbourSession<Ndp> session(ndp, iface.index, addresses);
  session.run(attempts, std::max(timeout_ms, 1));
  return session.results(addresses);
}

}  // namespace zeroscan
