// arp_resolve: who has each IPv4 address, asked with ARP requests
// (net/neighbour_session.h does the asking).
#include <linux/if_ether.h>

#include <algorithm>

#include "neighbour_session.h"
#include "zeroscan/core/errors.h"
#include "zeroscan/net/arp_frame.h"
#include "zeroscan/net/next_hop.h"

namespace zeroscan {

namespace {

struct Arp {
  using Address = Ipv4;
  static constexpr int kEtherType = ETH_P_ARP;
  static constexpr const char* kPurpose = "an ARP socket";
  const InterfaceInfo& iface;

  auto request(Ipv4 target) const { return build_arp_request(iface.mac, iface.address, target); }
  std::optional<ArpAnswer> parse(const std::uint8_t* frame, std::size_t size) const {
    return parse_arp_reply(frame, size);
  }
};

}  // namespace

std::vector<std::pair<Ipv4, MacAddress>> arp_resolve(const InterfaceInfo& iface, const std::vector<Ipv4>& addresses,
                                                     int attempts, int timeout_ms) {
  if (addresses.empty() || attempts <= 0) return {};
  if (!iface.has_link_layer || iface.is_loopback) {
    throw SystemError("cannot ARP on interface '" + iface.name + "': it has no Ethernet link layer");
  }
  const Arp arp{iface};
  net_detail::NeighbourSession<Arp> session(arp, iface.index, addresses);
  session.run(attempts, std::max(timeout_ms, 1));
  return session.results(addresses);
}

}  // namespace zeroscan
