// Host discovery: which verified replies prove a host up.
#include "zeroscan/classify/host_discovery.h"

namespace zeroscan {

namespace {
constexpr std::uint8_t kIcmpDestinationUnreachable = 3;
constexpr std::uint8_t kNetUnreachable = 0, kHostUnreachable = 1;
}  // namespace

std::optional<Classification> classify_host_reply(const Reply& reply, Ipv4 target) {
  switch (reply.kind) {
    case ReplyKind::IcmpEcho:
      return Classification{PortState::Open, StateReason::EchoReply};
    case ReplyKind::Tcp: {
      // The cookie accepted only SYN-ACK, RST and RST+ACK from the target.
      const bool rst = reply.tcp.flags & tcp_flag::Rst;
      return Classification{PortState::Open, rst ? StateReason::Rst : StateReason::SynAck};
    }
    case ReplyKind::IcmpError:
      // Port/protocol unreachable or a filter's "prohibited" sent by the
      // host itself: something answers at that address. "Net/host
      // unreachable" claims the opposite, whoever sends it.
      if (reply.ip.src == target && reply.icmp.type == kIcmpDestinationUnreachable &&
          reply.icmp.code != kNetUnreachable && reply.icmp.code != kHostUnreachable)
        return Classification{PortState::Open, StateReason::IcmpUnreachable};
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace zeroscan
