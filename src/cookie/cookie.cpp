// Cookie: deriving probe fields from keyed hashes, and checking a reply
// against the fields its probe must have carried.
#include "zeroscan/cookie/cookie.h"

namespace zeroscan {

namespace {

// Tag bytes keep H1 and H2 inputs apart even if a layout change ever made
// their lengths equal.
constexpr std::uint64_t kPortHashTag = 0x50;      // 'P'
constexpr std::uint64_t kSequenceHashTag = 0x53;  // 'S'
constexpr std::uint8_t kProtocolIcmp = 1, kProtocolTcp = 6;
constexpr std::uint8_t kEchoReply = 0, kEchoRequest = 8;

}  // namespace

Cookie::Cookie(SipKey key, Ipv4 source, SourcePortRange ports, std::uint8_t max_attempts)
    : key_(key), source_(source), window_(ports, max_attempts) {}

std::uint64_t Cookie::port_hash(Ipv4 target, std::uint16_t port, ProbeKind kind) const {
  return siphash24(key_, std::uint64_t(target.value) << 32 | std::uint64_t(port) << 16 |
                             std::uint64_t(kind) << 8 | kPortHashTag);
}

std::uint64_t Cookie::sequence_hash(Ipv4 target, std::uint16_t src_port, std::uint16_t port,
                                    ProbeKind kind) const {
  return siphash24(key_, std::uint64_t(source_.value) << 32 | target.value,
                   std::uint64_t(src_port) << 48 | std::uint64_t(port) << 32 |
                       std::uint64_t(kind) << 8 | kSequenceHashTag);
}

std::uint32_t Cookie::echo_ident(Ipv4 target) const {
  return std::uint32_t(port_hash(target, 0, ProbeKind::Echo));
}

ProbeFields Cookie::probe_fields(Ipv4 target, std::uint16_t port, ProbeKind kind,
                                 std::uint8_t attempt) const {
  const std::uint64_t h1 = port_hash(target, port, kind);
  ProbeFields fields;
  fields.ip_id = std::uint16_t(h1 >> 32);
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

std::optional<CookieMatch> Cookie::verify(const Reply& reply) const {
  // Anything not addressed to us answers someone else's probe.
  if (reply.ip.dst != source_) return std::nullopt;
  switch (reply.kind) {
    case ReplyKind::Tcp: return verify_tcp(reply);
    case ReplyKind::IcmpEcho: return verify_echo_reply(reply);
    case ReplyKind::IcmpError: break;
  }
  return verify_icmp(reply);
}

std::optional<CookieMatch> Cookie::echo_match(Ipv4 target, std::uint32_t echoed) const {
  const auto attempt = window_.echo_attempt(echo_ident(target), echoed);
  if (!attempt) return std::nullopt;
  return CookieMatch{target, 0, ProbeKind::Echo, *attempt};
}

std::optional<CookieMatch> Cookie::verify_echo_reply(const Reply& reply) const {
  if (reply.icmp.type != kEchoReply) return std::nullopt;  // a request (ours, seen on lo) answers nothing
  return echo_match(reply.ip.src, reply.icmp.echo);
}

std::optional<CookieMatch> Cookie::verify_tcp(const Reply& reply) const {
  const Ipv4 target = reply.ip.src;
  if (const auto answered = match_tcp_answer(reply.tcp, window_, TargetHashes{*this, target}))
    return CookieMatch{target, answered->port, answered->kind, answered->attempt};
  return std::nullopt;
}

std::optional<CookieMatch> Cookie::verify_icmp(const Reply& reply) const {
  const QuotedProbe& quoted = reply.icmp.quoted;
  if (quoted.src != source_) return std::nullopt;
  if (quoted.protocol == kProtocolIcmp) {
    // One of our echo requests: type 8 in the high byte of src_port, its
    // identifier and sequence in seq (see QuotedProbe).
    if (quoted.src_port >> 8 != kEchoRequest) return std::nullopt;
    return echo_match(quoted.dst, quoted.seq);
  }
  if (quoted.protocol != kProtocolTcp) return std::nullopt;
  if (const auto answered = match_quoted_tcp(quoted, window_, TargetHashes{*this, quoted.dst}))
    return CookieMatch{quoted.dst, answered->port, answered->kind, answered->attempt};
  return std::nullopt;
}

}  // namespace zeroscan
