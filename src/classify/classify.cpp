// The SYN and ACK scan state tables (open/closed/filtered and
// unfiltered/filtered), as RFC 793 responses imply them.
#include "zeroscan/classify/classify.h"

#include "zeroscan/classify/icmpv6_error.h"

namespace zeroscan {

namespace {

constexpr std::uint8_t kIcmpDestinationUnreachable = 3;

std::optional<Classification> classify_tcp(const TcpFields& tcp, ProbeKind kind) {
  const bool syn = tcp.flags & tcp_flag::Syn;
  const bool ack = tcp.flags & tcp_flag::Ack;
  const bool rst = tcp.flags & tcp_flag::Rst;
  if (rst) {
    // A RST proves the segment reached a TCP stack that had no listener (SYN)
    // or no connection (ACK) for it.
    if (kind == ProbeKind::Syn) return Classification{PortState::Closed, StateReason::Rst};
    return Classification{PortState::Unfiltered, StateReason::Rst};
  }
  if (syn && ack) {
    if (kind == ProbeKind::Syn) return Classification{PortState::Open, StateReason::SynAck};
    // Only broken or hostile stacks answer a bare ACK with SYN-ACK; the ACK
    // still got through, which is all an ACK scan asks.
    return Classification{PortState::Unfiltered, StateReason::SynAckToAck};
  }
  return std::nullopt;
}

}  // namespace

std::optional<Classification> classify_reply(const Reply& reply, ProbeKind kind) {
  if (reply.kind == ReplyKind::Tcp) return classify_tcp(reply.tcp, kind);
  if (reply.family == IpFamily::V6) return classify_icmpv6_error(reply.icmp);  // other numbering
  // Every destination-unreachable code means something between us and the
  // port refused to deliver: a router (net/host unreachable), the host
  // (port/protocol unreachable) or a firewall (admin prohibited, codes 9, 10,
  // 13). The code travels on in the record; the state is filtered either way.
  if (reply.icmp.type == kIcmpDestinationUnreachable)
    return Classification{PortState::Filtered, StateReason::IcmpUnreachable};
  return std::nullopt;
}

}  // namespace zeroscan
