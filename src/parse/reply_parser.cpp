// parse_reply: the receive path's driver — link layer, IPv4, then TCP, an
// ICMP echo reply or an ICMP error quoting one of our probes. Each step is a
// bounds-checked parser of its own.
#include "zeroscan/parse/reply_parser.h"

#include "icmp_error.h"
#include "ipv4_header.h"
#include "link_layer.h"
#include "tcp_segment.h"

namespace zeroscan {

std::optional<Reply> parse_reply(const std::uint8_t* data, std::size_t size, LinkType link,
                                 std::int64_t timestamp_ns) noexcept {
  using namespace parse_detail;
  if (data == nullptr) return std::nullopt;

  // Strip Ethernet/SLL framing and VLAN tags; anything but IPv4 stops here.
  const auto packet = ipv4_payload(ByteSpan{data, size}, link);
  if (!packet) return std::nullopt;
  // Checksum, lengths and fragment offset are verified before any field is trusted.
  const auto ip = parse_ipv4(*packet);
  if (!ip) return std::nullopt;

  Reply reply;
  reply.ip = ip->fields;
  reply.timestamp_ns = timestamp_ns;
  if (ip->protocol == kProtocolTcp) {
    // A SYN-ACK, RST or anything else a port answers with.
    const auto tcp = parse_tcp_segment(ip->payload);
    if (!tcp) return std::nullopt;
    reply.kind = ReplyKind::Tcp;
    reply.tcp = *tcp;
    return reply;
  }
  if (ip->protocol == kProtocolIcmp) {
    // A host answering our echo request (-sn)...
    if (const auto echo = parse_icmp_echo(ip->payload)) {
      reply.kind = ReplyKind::IcmpEcho;
      reply.icmp = *echo;
      return reply;
    }
    // ...or a router or the host refusing one of our probes, quoting it.
    const auto icmp = parse_icmp_error(ip->payload);
    if (!icmp) return std::nullopt;
    reply.kind = ReplyKind::IcmpError;
    reply.icmp = *icmp;
    return reply;
  }
  return std::nullopt;
}

}  // namespace zeroscan
