// read_neighbours / neighbour_mac: the kernel's IPv4 neighbour (ARP) table
// over rtnetlink, keeping only entries whose MAC can be trusted to send to.
#include <arpa/inet.h>
#include <linux/neighbour.h>

#include <cstring>

#include "netlink_dump.h"
#include "zeroscan/net/next_hop.h"

namespace zeroscan {

namespace {

// INCOMPLETE/FAILED/NOARP entries have no usable address; PROBE is skipped
// too because the kernel itself is doubting that entry.
constexpr std::uint16_t kUsableStates = NUD_REACHABLE | NUD_STALE | NUD_PERMANENT | NUD_DELAY;

}  // namespace

std::vector<Neighbour> read_neighbours() {
  std::vector<Neighbour> neighbours;
  ndmsg request{};
  request.ndm_family = AF_INET;
  net_detail::netlink_dump(
      RTM_GETNEIGH, &request, sizeof request,
      [&](const nlmsghdr& message) {
        if (message.nlmsg_type != RTM_NEWNEIGH || message.nlmsg_len < NLMSG_LENGTH(sizeof(ndmsg))) return;
        const auto* header = static_cast<const ndmsg*>(NLMSG_DATA(&message));
        if (header->ndm_family != AF_INET || (header->ndm_state & kUsableStates) == 0) return;
        Neighbour entry;
        bool has_address = false;
        bool has_mac = false;
        net_detail::for_each_attribute(
            reinterpret_cast<const rtattr*>(reinterpret_cast<const char*>(header) + NLMSG_ALIGN(sizeof(ndmsg))),
            message.nlmsg_len - NLMSG_LENGTH(sizeof(ndmsg)),
            [&](std::uint16_t type, const void* value, std::size_t length) {
              if (type == NDA_DST && length == 4) {
                std::uint32_t network_order = 0;
                std::memcpy(&network_order, value, 4);
                entry.address = Ipv4(ntohl(network_order));
                has_address = true;
              }
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

std::optional<MacAddress> neighbour_mac(const std::string& interface, Ipv4 address) {
  for (const Neighbour& entry : read_neighbours()) {
    if (entry.interface == interface && entry.address == address) return entry.mac;
  }
  return std::nullopt;
}

}  // namespace zeroscan
