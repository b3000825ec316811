// parse_ipv6_reply: link layer, IPv6 and its extension headers, then TCP,
// an ICMPv6 echo reply, or an ICMPv6 error quoting one of our probes. Each
// step is a bounds-checked parser of its own.
#include "zeroscan/parse/ipv6_reply_parser.h"

#include "icmpv6_error.h"
#include "ipv4_header.h"
#include "ipv6_header.h"
#include "link_layer.h"
#include "tcp_segment.h"

namespace zeroscan {

namespace {

constexpr std::uint32_t kFixedHeader = 40;

// The version-independent part of IpFields, so classify and the OS
// evidence read the hop limit where they read a TTL.
IpFields common_ip_fields(const Ipv6Fields& ip6) {
  IpFields ip;
  ip.ttl = ip6.hop_limit;
  ip.tos = ip6.traffic_class;
  // IPv6 lengths exclude the fixed header, so the largest payload length
  // has no IPv4-sized total: those few saturate.
  const std::uint32_t total = kFixedHeader + ip6.payload_length;
  ip.total_length = std::uint16_t(total > 0xffff ? 0xffff : total);
  return ip;
}

}  // namespace

std::optional<Reply> parse_ipv6_reply(const std::uint8_t* data, std::size_t size, LinkType link,
                                      std::int64_t timestamp_ns) noexcept {
  using namespace parse_detail;
  if (data == nullptr) return std::nullopt;

  // Strip Ethernet/SLL framing and VLAN tags; anything but IPv6 stops here.
  const auto packet = ipv6_payload(ByteSpan{data, size}, link);
  if (!packet) return std::nullopt;
  // Lengths and the extension-header chain are checked before any field is trusted.
  const auto ip = parse_ipv6(*packet);
  if (!ip) return std::nullopt;

  Reply reply;
  reply.family = IpFamily::V6;
  reply.ip6 = ip->fields;
  reply.ip = common_ip_fields(ip->fields);
  reply.timestamp_ns = timestamp_ns;
  if (ip->upper.protocol == kProtocolTcp) {
    // A SYN-ACK, RST or anything else a port answers with.
    const auto tcp = parse_tcp_segment(ip->upper.payload);
    if (!tcp) return std::nullopt;
    reply.kind = ReplyKind::Tcp;
    reply.tcp = *tcp;
    return reply;
  }
  if (ip->upper.protocol == kProtocolIcmpv6) {
    // A host answering our echo request (-sn)...
    if (const auto echo = parse_icmpv6_echo(ip->upper.payload)) {
      reply.kind = ReplyKind::IcmpEcho;
      reply.icmp = *echo;
      return reply;
    }
    // ...or a router or the host refusing one of our probes, quoting it.
    const auto error = parse_icmpv6_error(ip->upper.payload);
    if (!error) return std::nullopt;
    reply.kind = ReplyKind::IcmpError;
    reply.icmp = error->icmp;
    reply.quoted_ip6 = error->quoted_ip;
    return reply;
  }
  return std::nullopt;
}

}  // namespace zeroscan
