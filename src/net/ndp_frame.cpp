// Neighbour solicitation building and advertisement parsing (RFC 4861 §4.3,
// §4.4, §7.1.2), Ethernet/IPv6.
#include "zeroscan/net/ndp_frame.h"

#include <algorithm>

namespace zeroscan {

namespace {

constexpr std::uint16_t kEtherTypeIpv6 = 0x86dd;
constexpr std::uint8_t kProtocolIcmpv6 = 58;
constexpr std::uint8_t kNeighbourSolicitation = 135;
constexpr std::uint8_t kNeighbourAdvertisement = 136;
constexpr std::uint8_t kNdpHopLimit = 255;  // only an on-link node can send it so
constexpr std::uint8_t kSourceLinkLayerOption = 1;
constexpr std::uint8_t kTargetLinkLayerOption = 2;
constexpr std::size_t kEthernetHeader = 14, kIpv6Header = 40;
constexpr std::size_t kNdpBody = 24;  // type, code, checksum, flags/reserved, target

std::uint16_t get16(const std::uint8_t* in) { return std::uint16_t((in[0] << 8) | in[1]); }

void put16(std::uint8_t* out, std::uint16_t value) {
  out[0] = std::uint8_t(value >> 8);
  out[1] = std::uint8_t(value);
}

// RFC 4443 §2.3: the one's-complement sum over the pseudo-header (source,
// destination, upper-layer length, next header) and the message. A message
// whose checksum field is right sums to 0xffff.
std::uint16_t icmpv6_sum(const std::uint8_t* ip_header, const std::uint8_t* message, std::size_t length) {
  std::uint32_t sum = 0;
  for (std::size_t i = 0; i < 32; i += 2) sum += get16(ip_header + 8 + i);  // both addresses
  sum += std::uint32_t(length >> 16) + std::uint32_t(length & 0xffff) + kProtocolIcmpv6;
  for (std::size_t i = 0; i + 1 < length; i += 2) sum += get16(message + i);
  if (length % 2) sum += std::uint32_t(message[length - 1]) << 8;
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return std::uint16_t(sum);
}

// The target link-layer address option's MAC among the options; nullopt
// when an option is malformed or the MAC option is missing.
std::optional<MacAddress> target_link_layer_address(const std::uint8_t* options, std::size_t size) {
  std::optional<MacAddress> found;
  std::size_t at = 0;
  while (at < size) {
    if (size - at < 2) return std::nullopt;
    const std::size_t length = std::size_t(options[at + 1]) * 8;
    if (length == 0 || length > size - at) return std::nullopt;  // §7.1.2: length 0 is invalid
    if (options[at] == kTargetLinkLayerOption && length == 8 && !found) {
      MacAddress mac;
      std::copy(options + at + 2, options + at + 8, mac.bytes.begin());
      found = mac;
    }
    at += length;
  }
  return found;
}

}  // namespace

Ipv6 solicited_node_address(Ipv6 target) {
  return Ipv6(0xff02000000000000ull, 0x00000001ff000000ull | (target.lo & 0xffffff));
}

MacAddress ipv6_multicast_mac(Ipv6 group) {
  MacAddress mac;
  mac.bytes[0] = mac.bytes[1] = 0x33;
  for (int i = 0; i < 4; ++i) mac.bytes[2 + i] = std::uint8_t(group.lo >> (24 - 8 * i));
  return mac;
}

std::array<std::uint8_t, kNdpSolicitationSize> build_neighbour_solicitation(const MacAddress& sender_mac,
                                                                            Ipv6 sender_ip,
                                                                            Ipv6 target_ip) {
  std::array<std::uint8_t, kNdpSolicitationSize> frame{};
  const Ipv6 group = solicited_node_address(target_ip);
  const MacAddress group_mac = ipv6_multicast_mac(group);
  std::uint8_t* p = frame.data();
  std::copy(group_mac.bytes.begin(), group_mac.bytes.end(), p);
  std::copy(sender_mac.bytes.begin(), sender_mac.bytes.end(), p + 6);
  put16(p + 12, kEtherTypeIpv6);

  std::uint8_t* ip = p + kEthernetHeader;
  const std::size_t message_length = kNdpSolicitationSize - kEthernetHeader - kIpv6Header;
  ip[0] = 0x60;  // version 6, traffic class 0, flow label 0
  put16(ip + 4, std::uint16_t(message_length));
  ip[6] = kProtocolIcmpv6;
  ip[7] = kNdpHopLimit;
  sender_ip.to_bytes(ip + 8);
  group.to_bytes(ip + 24);

  std::uint8_t* ns = ip + kIpv6Header;
  ns[0] = kNeighbourSolicitation;  // code, checksum and reserved stay 0 for now
  target_ip.to_bytes(ns + 8);
  ns[24] = kSourceLinkLayerOption;
  ns[25] = 1;  // one 8-byte unit
  std::copy(sender_mac.bytes.begin(), sender_mac.bytes.end(), ns + 26);
  put16(ns + 2, std::uint16_t(~icmpv6_sum(ip, ns, message_length)));
  return frame;
}

std::optional<NdpAnswer> parse_neighbour_advertisement(const std::uint8_t* frame, std::size_t size) {
  if (frame == nullptr || size < kEthernetHeader + kIpv6Header + kNdpBody) return std::nullopt;
  if (get16(frame + 12) != kEtherTypeIpv6) return std::nullopt;
  const std::uint8_t* ip = frame + kEthernetHeader;
  if ((ip[0] >> 4) != 6 || ip[6] != kProtocolIcmpv6 || ip[7] != kNdpHopLimit) return std::nullopt;
  const std::size_t length = get16(ip + 4);
  if (length < kNdpBody || length > size - kEthernetHeader - kIpv6Header) return std::nullopt;
  const std::uint8_t* na = ip + kIpv6Header;
  if (na[0] != kNeighbourAdvertisement || na[1] != 0) return std::nullopt;
  if (icmpv6_sum(ip, na, length) != 0xffff) return std::nullopt;

  NdpAnswer answer;
  answer.address = Ipv6::from_bytes(na + 8);
  if ((answer.address.hi >> 56) == 0xff) return std::nullopt;  // §7.1.2: never a multicast target
  const auto mac = target_link_layer_address(na + kNdpBody, length - kNdpBody);
  if (!mac || mac->is_zero()) return std::nullopt;
  answer.mac = *mac;
  return answer;
}

}  // namespace zeroscan
