// Strips Ethernet II, Linux SLL and VLAN tags down to the IPv4 packet.
#include "link_layer.h"

namespace zeroscan::parse_detail {

namespace {

constexpr std::uint16_t kEtherTypeIpv4 = 0x0800;
constexpr std::uint16_t kEtherTypeIpv6 = 0x86dd;
constexpr std::size_t kEthernetTypeOffset = 12;  // after two MAC addresses
// SLL: packet type, ARPHRD type, address length, 8 address bytes, protocol.
constexpr std::size_t kSllTypeOffset = 14;
// QinQ stacks are two tags deep in practice; the bound keeps a frame of
// nothing but tags from costing more than a few reads.
constexpr int kMaxVlanTags = 4;

bool is_vlan_tag(std::uint16_t ether_type) {
  return ether_type == 0x8100     // 802.1Q
         || ether_type == 0x88a8  // 802.1ad service tag
         || ether_type == 0x9100;  // pre-standard QinQ, still seen on some switches
}

// Follows the EtherType field at `type_offset` through any VLAN tags (each
// is TPID, 2-byte TCI, next EtherType) and returns the payload if it is
// `wanted` (IPv4 or IPv6).
// libpcap reinserts stripped tags at the same place for SLL captures, so one
// walk serves both link types.
std::optional<ByteSpan> payload_after_ether_type(ByteSpan frame, std::size_t type_offset,
                                                 std::uint16_t wanted) {
  if (!frame.has(type_offset, 2)) return std::nullopt;
  std::uint16_t ether_type = frame.be16(type_offset);
  for (int tags = 0; is_vlan_tag(ether_type); ++tags) {
    if (tags == kMaxVlanTags) return std::nullopt;
    type_offset += 4;
    if (!frame.has(type_offset, 2)) return std::nullopt;
    ether_type = frame.be16(type_offset);
  }
  if (ether_type != wanted) return std::nullopt;
  return frame.from(type_offset + 2);
}

std::optional<ByteSpan> ip_payload(ByteSpan frame, LinkType link, std::uint16_t ether_type) {
  switch (link) {
    case LinkType::Ethernet: return payload_after_ether_type(frame, kEthernetTypeOffset, ether_type);
    case LinkType::LinuxSll: return payload_after_ether_type(frame, kSllTypeOffset, ether_type);
    case LinkType::RawIp: return frame;  // the IP parsers check the version
  }
  return std::nullopt;  // a LinkType value outside the enum
}

}  // namespace

std::optional<ByteSpan> ipv4_payload(ByteSpan frame, LinkType link) {
  return ip_payload(frame, link, kEtherTypeIpv4);
}

std::optional<ByteSpan> ipv6_payload(ByteSpan frame, LinkType link) {
  return ip_payload(frame, link, kEtherTypeIpv6);
}

}  // namespace zeroscan::parse_detail
