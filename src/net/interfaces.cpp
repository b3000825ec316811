// read_interfaces / read_interface: links (index, MAC, MTU, type, flags)
// joined with their primary IPv4 address, from two rtnetlink dumps.
#include <arpa/inet.h>
#include <linux/if_addr.h>
#include <linux/if_arp.h>
#include <linux/if_link.h>
#include <linux/if.h>

#include <algorithm>
#include <cstring>

#include "netlink_dump.h"
#include "zeroscan/core/errors.h"
#include "zeroscan/net/next_hop.h"

namespace zeroscan {

namespace {

void decode_link(const nlmsghdr& message, std::vector<InterfaceInfo>& interfaces) {
  if (message.nlmsg_type != RTM_NEWLINK || message.nlmsg_len < NLMSG_LENGTH(sizeof(ifinfomsg))) return;
  const auto* header = static_cast<const ifinfomsg*>(NLMSG_DATA(&message));
  InterfaceInfo info;
  info.index = header->ifi_index;
  info.is_up = (header->ifi_flags & IFF_UP) != 0;
  info.is_loopback = (header->ifi_flags & IFF_LOOPBACK) != 0;
  // Only these two carry an Ethernet header we can write; tun, ppp, ipip,
  // wireguard (ARPHRD_NONE and friends) take bare IP packets.
  info.has_link_layer = header->ifi_type == ARPHRD_ETHER || header->ifi_type == ARPHRD_LOOPBACK;
  net_detail::for_each_attribute(
      IFLA_RTA(header), IFLA_PAYLOAD(&message), [&](std::uint16_t type, const void* value, std::size_t length) {
        switch (type) {
          case IFLA_IFNAME:
            info.name.assign(static_cast<const char*>(value), strnlen(static_cast<const char*>(value), length));
            break;
          case IFLA_ADDRESS:
            if (length == info.mac.bytes.size()) std::memcpy(info.mac.bytes.data(), value, length);
            break;
          case IFLA_MTU:
            if (length == 4) std::memcpy(&info.mtu, value, 4);
            break;
          default: break;
        }
      });
  interfaces.push_back(std::move(info));
}

struct AddressEntry {
  int index = 0;
  Ipv4 address;
  std::uint8_t prefix_length = 0;
  bool secondary = false;
};

void decode_address(const nlmsghdr& message, std::vector<AddressEntry>& addresses) {
  if (message.nlmsg_type != RTM_NEWADDR || message.nlmsg_len < NLMSG_LENGTH(sizeof(ifaddrmsg))) return;
  const auto* header = static_cast<const ifaddrmsg*>(NLMSG_DATA(&message));
  if (header->ifa_family != AF_INET) return;
  AddressEntry entry;
  entry.index = static_cast<int>(header->ifa_index);
  entry.prefix_length = header->ifa_prefixlen;
  std::uint32_t flags = header->ifa_flags;
  std::optional<Ipv4> local;
  std::optional<Ipv4> address;
  net_detail::for_each_attribute(
      IFA_RTA(header), IFA_PAYLOAD(&message), [&](std::uint16_t type, const void* value, std::size_t length) {
        std::uint32_t word = 0;
        if (length == 4) std::memcpy(&word, value, 4);
        if (type == IFA_LOCAL && length == 4) local = Ipv4(ntohl(word));
        if (type == IFA_ADDRESS && length == 4) address = Ipv4(ntohl(word));
        if (type == IFA_FLAGS && length == 4) flags = word;  // the 32-bit superset of ifa_flags
      });
  // On point-to-point links IFA_ADDRESS is the peer; IFA_LOCAL is ours.
  if (!local && !address) return;
  entry.address = local ? *local : *address;
  entry.secondary = (flags & IFA_F_SECONDARY) != 0;
  addresses.push_back(entry);
}

}  // namespace

std::vector<InterfaceInfo> read_interfaces() {
  std::vector<InterfaceInfo> interfaces;
  ifinfomsg link_request{};
  link_request.ifi_family = AF_UNSPEC;
  net_detail::netlink_dump(
      RTM_GETLINK, &link_request, sizeof link_request,
      [&](const nlmsghdr& message) { decode_link(message, interfaces); }, "the interface list");

  std::vector<AddressEntry> addresses;
  ifaddrmsg address_request{};
  address_request.ifa_family = AF_INET;
  net_detail::netlink_dump(
      RTM_GETADDR, &address_request, sizeof address_request,
      [&](const nlmsghdr& message) { decode_address(message, addresses); }, "the interface addresses");

  for (InterfaceInfo& info : interfaces) {
    auto primary = std::find_if(addresses.begin(), addresses.end(), [&](const AddressEntry& entry) {
      return entry.index == info.index && !entry.secondary;
    });
    if (primary == addresses.end()) {
      primary = std::find_if(addresses.begin(), addresses.end(),
                             [&](const AddressEntry& entry) { return entry.index == info.index; });
    }
    if (primary != addresses.end()) {
      info.address = primary->address;
      info.prefix_length = primary->prefix_length;
    }
  }
  return interfaces;
}

InterfaceInfo read_interface(const std::string& name) {
  for (InterfaceInfo& info : read_interfaces()) {
    if (info.name == name) return std::move(info);
  }
  throw SystemError("no network interface named '" + name + "' (see `ip link`)");
}

}  // namespace zeroscan
