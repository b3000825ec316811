// Cookie: deriving probe fields from keyed hashes, and checking a reply
// against the fields its probe must have carried.
#include "zeroscan/cookie/cookie.h"

#include <string>

#include "zeroscan/core/errors.h"

namespace zeroscan {

namespace {

// Tag bytes keep H1 and H2 inputs apart even if a layout change ever made
// their lengths equal.
constexpr std::uint64_t kPortHashTag = 0x50;      // 'P'
constexpr std::uint64_t kSequenceHashTag = 0x53;  // 'S'
constexpr std::uint8_t kProtocolIcmp = 1, kProtocolTcp = 6;
constexpr std::uint8_t kEchoReply = 0, kEchoRequest = 8;

constexpr ProbeKind kTcpKinds[] = {ProbeKind::Syn, ProbeKind::Ack};

void check_port_range(SourcePortRange ports, std::uint8_t max_attempts) {
  const std::string range =
      std::to_string(ports.first) + "+" + std::to_string(ports.count);
  if (ports.count == 0) throw UsageError("source port range " + range + " is empty");
  if (ports.first == 0) throw UsageError("source port range " + range + " includes port 0");
  if (std::uint32_t(ports.first) + ports.count - 1 > 65535) {
    throw UsageError("source port range " + range + " runs past port 65535");
  }
  if (max_attempts == 0) throw UsageError("max attempts must be at least 1");
}

}  // namespace

Cookie::Cookie(SipKey key, Ipv4 source, SourcePortRange ports, std::uint8_t max_attempts)
    : key_(key),
      source_(source),
      ports_(ports),
      max_attempts_(max_attempts),
      attempt_in_sequence_(ports.count < max_attempts) {
  check_port_range(ports, max_attempts);
}

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
  if (kind == ProbeKind::Echo) {
    // No ports: identifier and sequence carry H1's low 32 bits plus the attempt.
    fields.ip_id = std::uint16_t(h1 >> 32);
    fields.seq = std::uint32_t(h1) + attempt;
    return fields;
  }
  const std::uint32_t port_step = attempt_in_sequence_ ? 0 : attempt;
  const std::uint32_t sequence_step = attempt_in_sequence_ ? attempt : 0;
  fields.src_port = std::uint16_t(ports_.first + (h1 % ports_.count + port_step) % ports_.count);
  fields.ip_id = std::uint16_t(h1 >> 32);
  const std::uint64_t h2 = sequence_hash(target, fields.src_port, port, kind);
  fields.seq = std::uint32_t(h2) + sequence_step;
  fields.ack = kind == ProbeKind::Ack ? std::uint32_t(h2 >> 32) + sequence_step : 0;
  return fields;
}

std::optional<std::uint8_t> Cookie::attempt_for(Ipv4 target, std::uint16_t port, ProbeKind kind,
                                                std::uint16_t src_port) const {
  const std::uint32_t offset = std::uint32_t(src_port) - ports_.first;  // wraps high when below
  if (src_port < ports_.first || offset >= ports_.count) return std::nullopt;
  const std::uint32_t base = std::uint32_t(port_hash(target, port, kind) % ports_.count);
  const std::uint32_t attempt = (offset + ports_.count - base) % ports_.count;
  if (attempt >= max_attempts_ || (attempt_in_sequence_ && attempt != 0)) return std::nullopt;
  return std::uint8_t(attempt);
}

std::optional<std::uint8_t> Cookie::confirm(std::optional<std::uint8_t> port_attempt, std::uint32_t echoed,
                                            std::uint32_t expected) const {
  if (!port_attempt) return std::nullopt;
  const std::uint32_t offset = echoed - expected;  // wraps: only small offsets pass
  if (!attempt_in_sequence_) return offset == 0 ? port_attempt : std::nullopt;
  if (offset >= max_attempts_) return std::nullopt;
  return std::uint8_t(offset);
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
  const std::uint32_t attempt = echoed - echo_ident(target);  // wraps: only small offsets pass
  if (attempt >= max_attempts_) return std::nullopt;
  return CookieMatch{target, 0, ProbeKind::Echo, std::uint8_t(attempt)};
}

std::optional<CookieMatch> Cookie::verify_echo_reply(const Reply& reply) const {
  if (reply.icmp.type != kEchoReply) return std::nullopt;  // a request (ours, seen on lo) answers nothing
  return echo_match(reply.ip.src, reply.icmp.echo);
}

std::optional<CookieMatch> Cookie::verify_tcp(const Reply& reply) const {
  const TcpFields& tcp = reply.tcp;
  const Ipv4 target = reply.ip.src;
  const bool syn = tcp.flags & tcp_flag::Syn;
  const bool rst = tcp.flags & tcp_flag::Rst;
  const bool ack = tcp.flags & tcp_flag::Ack;
  if (syn == rst) return std::nullopt;  // neither: no answer; both: nonsense
  if (syn && !ack) return std::nullopt;  // a bare SYN is a simultaneous open, not a reply

  // SYN-ACK or RST+ACK answering a SYN: the peer acknowledges our seq + 1.
  if (ack) {
    if (const auto port_attempt = attempt_for(target, tcp.src_port, ProbeKind::Syn, tcp.dst_port)) {
      const auto seq = std::uint32_t(sequence_hash(target, tcp.dst_port, tcp.src_port, ProbeKind::Syn));
      if (const auto attempt = confirm(port_attempt, tcp.ack - 1, seq))
        return CookieMatch{target, tcp.src_port, ProbeKind::Syn, *attempt};
    }
  }
  // RST answering an ACK probe: its seq is our ack.
  if (rst) {
    if (const auto port_attempt = attempt_for(target, tcp.src_port, ProbeKind::Ack, tcp.dst_port)) {
      const auto our_ack =
          std::uint32_t(sequence_hash(target, tcp.dst_port, tcp.src_port, ProbeKind::Ack) >> 32);
      if (const auto attempt = confirm(port_attempt, tcp.seq, our_ack))
        return CookieMatch{target, tcp.src_port, ProbeKind::Ack, *attempt};
    }
  }
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
  for (ProbeKind kind : kTcpKinds) {
    const auto port_attempt = attempt_for(quoted.dst, quoted.dst_port, kind, quoted.src_port);
    if (!port_attempt) continue;
    const auto seq = std::uint32_t(sequence_hash(quoted.dst, quoted.src_port, quoted.dst_port, kind));
    if (const auto attempt = confirm(port_attempt, quoted.seq, seq))
      return CookieMatch{quoted.dst, quoted.dst_port, kind, *attempt};
  }
  return std::nullopt;
}

}  // namespace zeroscan
