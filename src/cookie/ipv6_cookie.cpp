// Ipv6Cookie: probe fields from keyed hashes of the IPv6 4-tuple, and the
// shared reply rules applied to IPv6 replies.
#include "zeroscan/cookie/ipv6_cookie.h"

#include <array>

namespace zeroscan {

namespace {

// Distinct from the IPv4 cookie's 'P' and 'S'.
constexpr std::uint64_t kPortHashTag = 0x70;      // 'p'
constexpr std::uint64_t kSequenceHashTag = 0x73;  // 's'
constexpr std::uint8_t kProtocolTcp = 6, kProtocolIcmpv6 = 58;
constexpr std::uint8_t kEchoRequest = 128, kEchoReply = 129;  // RFC 4443 §4

}  // namespace

Ipv6Cookie::Ipv6Cookie(SipKey key, Ipv6 source, SourcePortRange ports, std::uint8_t max_attempts)
    : key_(key),
      source_(source),
      sequence_prefix_(key, std::array<std::uint64_t, 2>{source.hi, source.lo}.data(), 2),
      window_(ports, max_attempts) {}

std::uint64_t Ipv6Cookie::port_hash(Ipv6 target, std::uint16_t port, ProbeKind kind) const {
  const std::uint64_t words[] = {target.hi, target.lo,
                                 std::uint64_t(port) << 16 | std::uint64_t(kind) << 8 | kPortHashTag};
  return siphash24_words(key_, words, 3);
}

std::uint64_t Ipv6Cookie::sequence_hash(Ipv6 target, std::uint16_t src_port, std::uint16_t port,
                                        ProbeKind kind) const {
  // The source address, the message's first two words, is already absorbed.
  const std::uint64_t rest[] = {target.hi, target.lo,
                                std::uint64_t(src_port) << 48 | std::uint64_t(port) << 32 |
                                    std::uint64_t(kind) << 8 | kSequenceHashTag};
  return sequence_prefix_.hash(rest, 3);
}

Ipv6ProbeFields Ipv6Cookie::probe_fields(Ipv6 target, std::uint16_t port, ProbeKind kind,
                                         std::uint8_t attempt) const {
  const std::uint64_t h1 = port_hash(target, port, kind);
  Ipv6ProbeFields fields;
  fields.flow_label = std::uint32_t(h1 >> 32) & kFlowLabelMask;
  if (kind == ProbeKind::Echo) {
    fields.seq = AttemptWindow::echo_value(std::uint32_t(h1), attempt);
    return fields;
  }
  fields.src_port = window_.source_port(h1, attempt);
  const std::uint64_t h2 = sequence_hash(target, fields.src_port, port, kind);
  const std::uint32_t step = window_.sequence_step(attempt);
  fields.seq = std::uint32_t(h2) + step;
  fields.ack = kind == ProbeKind::Ack ? std::uint32_t(h2 >> 32) + step : 0;
  return fields;
}

std::optional<Ipv6CookieMatch> Ipv6Cookie::echo_match(Ipv6 target, std::uint32_t echoed) const {
  const auto attempt = window_.echo_attempt(std::uint32_t(port_hash(target, 0, ProbeKind::Echo)), echoed);
  if (!attempt) return std::nullopt;
  return Ipv6CookieMatch{target, 0, ProbeKind::Echo, *attempt};
}

std::optional<Ipv6CookieMatch> Ipv6Cookie::verify(const Reply& reply) const {
  // Anything not addressed to us answers someone else's probe.
  if (reply.family != IpFamily::V6 || reply.ip6.dst != source_) return std::nullopt;
  if (reply.kind == ReplyKind::IcmpEcho) {
    // A request (ours, seen on lo) answers nothing.
    if (reply.icmp.type != kEchoReply) return std::nullopt;
    return echo_match(reply.ip6.src, reply.icmp.echo);
  }
  if (reply.kind == ReplyKind::Tcp) {
    const Ipv6 target = reply.ip6.src;
    if (const auto answered = match_tcp_answer(reply.tcp, window_, TargetHashes{*this, target}))
      return Ipv6CookieMatch{target, answered->port, answered->kind, answered->attempt};
    return std::nullopt;
  }
  if (reply.kind == ReplyKind::IcmpError) {
    const QuotedProbe& quoted = reply.icmp.quoted;
    const Ipv6 target = reply.quoted_ip6.dst;
    if (reply.quoted_ip6.src != source_) return std::nullopt;
    if (quoted.protocol == kProtocolIcmpv6) {
      // One of our echo requests: type 128 in the high byte of src_port,
      // its identifier and sequence in seq (see QuotedProbe).
      if (quoted.src_port >> 8 != kEchoRequest) return std::nullopt;
      return echo_match(target, quoted.seq);
    }
    if (quoted.protocol != kProtocolTcp) return std::nullopt;
    if (const auto answered = match_quoted_tcp(quoted, window_, TargetHashes{*this, target}))
      return Ipv6CookieMatch{target, answered->port, answered->kind, answered->attempt};
  }
  return std::nullopt;
}

}  // namespace zeroscan
