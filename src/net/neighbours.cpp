// read_neighbours / neighbour_mac / read_ipv6_neighbours: the kernel's
// neighbour tables (ARP, NDP) over rtnetlink, keeping only entries whose
// MAC can be trusted to send to. One walk serves both families.
#include <arpa/inet.h>
#include <linux/neighbour.h>

#include <cstring>

#include "netlink_dump.h"
#include "zeroscan/net/ipv6_neighbour.h"
#include "zeroscan/net/next_hop.h"

namespace zeroscan {

namespace {

// INCOMPLETE/FAILED/NOARP entries have no usable address; PROBE is skipped
// too because the kernel itself is doubting that entry.
constexpr std::uint16_t kUsableStates = NUD_REACHABLE | NUD_STALE | NUD_PERMANENT | NUD_DELAY;

bool read_address(const void* value, std::size_t length, Ipv4& address) {
  if (length != 4) return false;
  std::uint32_t network_order = 0;
  std::memcpy(&network_order, value, 4);
  address = Ipv4(ntohl(network_order));
  return true;
}

bool read_address(const void* value, std::size_t length, Ipv6& address) {
  if (length != 16) return false;
  address = Ipv6::from_bytes(static_cast<const std::uint8_t*>(value));
  return true;
}

// NeighbourType is Neighbour (AF_INET) or Ipv6Neighbour (AF_INET6).
template <typename NeighbourType>
std::vector<NeighbourType> read_table(unsigned char family) {
  std::vector<NeighbourType> neighbours;
  ndmsg request{};
  request.ndm_family = family;
  net_detail::netlink_dump(
      RTM_GETNEIGH, &request, sizeof request,
      [&](const nlmsghdr& message) {
        if (message.nlmsg_type != RTM_NEWNEIGH || message.nlmsg_len < NLMSG_LENGTH(sizeof(ndmsg))) return;
        const auto* header = static_cast<const ndmsg*>(NLMSG_DATA(&message));
        if (header->ndm_family != family || (header->ndm_state & kUsableStates) == 0) return;
        NeighbourType entry;
        bool has_address = false;
        bool has_mac = false;
        net_detail::for_each_attribute(
            reinterpret_cast<const rtattr*>(reinterpret_cast<const char*>(header) + NLMSG_ALIGN(sizeof(ndmsg))),
            message.nlmsg_len - NLMSG_LENGTH(sizeof(ndmsg)),
            [&](std::uint16_t type, const void* value, std::size_t length) {
              if (type == NDA_DST && read_address(value, length, entry.address)) has_address = true;
              if (type == NDA_LLADDR && length == entry.mac.bytes.size()) {
                std::memcpy(entry.mac.bytes.data(), value, length);
                has_mac = true;
              }
            });
        if (!has_address || !has_mac) return;
        entry.interface = net_detail::interface_name(header->ndm_ifindex);
        neighbours.push_back(std::move(entry));
      },
      "the neighbour table");
  return neighbours;
}

}  // namespace

std::vector<Neighbour> read_neighbours() { return read_table<Neighbour>(AF_INET); }

std::vector<Ipv6Neighbour> read_ipv6_neighbours() { return read_table<Ipv6Neighbour>(AF_INET6); }

std::optional<MacAddress> neighbour_mac(const std::string& interface, Ipv4 address) {
  for (const Neighbour& entry : read_neighbours()) {
    if (entry.interface == interface && entry.address == address) return entry.mac;
  }
  return std::nullopt;
}

}  // namespace zeroscan
