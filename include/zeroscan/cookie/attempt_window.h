// AttemptWindow and the reply rules, free of any address family: how a
// probe's attempt rides in its source port (or, when the port range is
// narrower than the attempts, in seq and ack), and which echoed field of a
// TCP reply or a quoted probe proves which probe. The caller supplies the
// keyed hashes for one target.
//
// Both cookies (IPv4 Cookie, Ipv6Cookie) are built on these, so the two
// families can never disagree on what a reply proves.
#pragma once

#include <cstdint>
#include <optional>

#include "zeroscan/core/probe_kind.h"
#include "zeroscan/parse/reply.h"

namespace zeroscan {

// The source ports probes are sent from.
struct SourcePortRange {
  std::uint16_t first = 32768;
  std::uint16_t count = 28232;  // 32768..60999, Linux's ephemeral range
};

class AttemptWindow {
 public:
  // Throws UsageError when the range is empty, includes port 0 or runs past
  // 65535, or when max_attempts is 0.
  AttemptWindow(SourcePortRange ports, std::uint8_t max_attempts);

  SourcePortRange ports() const { return ports_; }
  std::uint8_t max_attempts() const { return max_attempts_; }

  // source port = first + (port_hash + attempt) mod count, or without the
  // attempt when it rides in the sequence.
  std::uint16_t source_port(std::uint64_t port_hash, std::uint8_t attempt) const;
  // What seq and ack get added: the attempt, when the port cannot carry it.
  std::uint32_t sequence_step(std::uint8_t attempt) const;

  // The attempt a probe with this port hash sent from src_port was;
  // nullopt when src_port is outside the range or the attempt window.
  std::optional<std::uint8_t> attempt_from_port(std::uint64_t port_hash,
                                                std::uint16_t src_port) const;
  // The attempt once an echoed sequence value is checked against the
  // expected one: equal (attempt from the port), or with the attempt in the
  // sequence, offset by it.
  std::optional<std::uint8_t> confirm(std::optional<std::uint8_t> port_attempt, std::uint32_t echoed,
                                      std::uint32_t expected) const;

  // An ICMP echo has no ports: its identifier and sequence (one 32-bit
  // value) carry the target's echo hash plus the attempt.
  static std::uint32_t echo_value(std::uint32_t echo_hash, std::uint8_t attempt) {
    return echo_hash + attempt;
  }
  // The attempt an echoed identifier+sequence proves; nullopt outside the
  // attempt window.
  std::optional<std::uint8_t> echo_attempt(std::uint32_t echo_hash, std::uint32_t echoed) const;

 private:
  SourcePortRange ports_;
  std::uint8_t max_attempts_;
  bool attempt_in_sequence_;
};

// What a verified reply answers, the target aside (the caller knows it).
struct AnsweredProbe {
  std::uint16_t port = 0;
  ProbeKind kind = ProbeKind::Syn;
  std::uint8_t attempt = 0;
};

// The TCP probe kinds a reply can answer.
inline constexpr ProbeKind kTcpProbeKinds[] = {ProbeKind::Syn, ProbeKind::Ack};

// A TCP segment from the target (RFC 793): SYN-ACK or RST+ACK answering a
// SYN acknowledges seq + 1; a RST answering an ACK probe takes its seq from
// our ack (RST+ACK too). Bare SYNs, SYN+RST and flagless segments answer
// nothing. `hashes` has port_hash(port, kind) and sequence_hash(src_port,
// port, kind) for the reply's source, the probed target.
template <typename Hashes>
std::optional<AnsweredProbe> match_tcp_answer(const TcpFields& tcp, const AttemptWindow& window,
                                              const Hashes& hashes) {
  const bool syn = tcp.flags & tcp_flag::Syn;
  const bool rst = tcp.flags & tcp_flag::Rst;
  const bool ack = tcp.flags & tcp_flag::Ack;
  if (syn == rst) return std::nullopt;   // neither: no answer; both: nonsense
  if (syn && !ack) return std::nullopt;  // a bare SYN is a simultaneous open
  // The cheaper port hash rules a probe out before the sequence hash is paid for.
  if (ack) {
    if (const auto from_port = window.attempt_from_port(
            hashes.port_hash(tcp.src_port, ProbeKind::Syn), tcp.dst_port)) {
      const auto seq = std::uint32_t(hashes.sequence_hash(tcp.dst_port, tcp.src_port, ProbeKind::Syn));
      if (const auto attempt = window.confirm(from_port, tcp.ack - 1, seq))
        return AnsweredProbe{tcp.src_port, ProbeKind::Syn, *attempt};
    }
  }
  if (rst) {
    if (const auto from_port = window.attempt_from_port(
            hashes.port_hash(tcp.src_port, ProbeKind::Ack), tcp.dst_port)) {
      const auto our_ack =
          std::uint32_t(hashes.sequence_hash(tcp.dst_port, tcp.src_port, ProbeKind::Ack) >> 32);
      if (const auto attempt = window.confirm(from_port, tcp.seq, our_ack))
        return AnsweredProbe{tcp.src_port, ProbeKind::Ack, *attempt};
    }
  }
  return std::nullopt;
}

// A TCP probe quoted in an ICMP error: ports and seq as we sent them. The
// quoted IP ID / flow label are not compared: middleboxes rewrite them, and
// seq plus ports carry the proof. `hashes` as above, for the quoted target.
template <typename Hashes>
std::optional<AnsweredProbe> match_quoted_tcp(const QuotedProbe& quoted, const AttemptWindow& window,
                                              const Hashes& hashes) {
  for (ProbeKind kind : kTcpProbeKinds) {
    const auto from_port =
        window.attempt_from_port(hashes.port_hash(quoted.dst_port, kind), quoted.src_port);
    if (!from_port) continue;
    const auto seq = std::uint32_t(hashes.sequence_hash(quoted.src_port, quoted.dst_port, kind));
    if (const auto attempt = window.confirm(from_port, quoted.seq, seq))
      return AnsweredProbe{quoted.dst_port, kind, *attempt};
  }
  return std::nullopt;
}

}  // namespace zeroscan
