// Host discovery: which verified replies prove a host up.
#include "zeroscan/classify/host_discovery.h"

namespace zeroscan {

namespace {
constexpr std::uint8_t kIcmpDestinationUnreachable = 3;
constexpr std::uint8_t kNetUnreachable = 0, kHostUnreachable = 1;
// ICMPv6 (RFC 4443 §3.1): no route, beyond the source's scope and address
// unreachable are the claims that nothing answers at that address.
constexpr std::uint8_t kIcmpv6DestinationUnreachable = 1;
constexpr std::uint8_t kNoRoute = 0, kBeyondScope = 2, kAddressUnreachable = 3;

bool claims_nobody_there(const Reply& reply) {
  if (reply.family == IpFamily::V6)
    return reply.icmp.type != kIcmpv6DestinationUnreachable || reply.icmp.code == kNoRoute ||
           reply.icmp.code == kBeyondScope || reply.icmp.code == kAddressUnreachable;
  return reply.icmp.type != kIcmpDestinationUnreachable || reply.icmp.code == kNetUnreachable ||
         reply.icmp.code == kHostUnreachable;
}

// `from_target`: the reply's source is the probed address.
std::optional<Classification> classify(const Reply& reply, bool from_target) {
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
      if (from_target && !claims_nobody_there(reply))
        return Classification{PortState::Open, StateReason::IcmpUnreachable};
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

std::optional<Classification> classify_host_reply(const Reply& reply, Ipv4 target) {
  if (reply.family != IpFamily::V4) return std::nullopt;
  return classify(reply, reply.ip.src == target);
}

std::optional<Classification> classify_host_reply(const Reply& reply, Ipv6 target) {
  if (reply.family != IpFamily::V6) return std::nullopt;
  return classify(reply, reply.ip6.src == target);
}

}  // namespace zeroscan
