// Ipv6Cookie: the IPv4 Cookie's layout over the IPv6 4-tuple, with the
// same key (one SipKey per scan serves both families) and the same reply
// rules (cookie/attempt_window.h):
//   source port = first + (H1(dst, dport, kind) + attempt) mod count
//   seq, ack    = H2(src, dst, sport, dport, kind)  (low, high halves; SYN
//                 probes send ack 0); + attempt when count < attempts
//   flow label  = 20 bits of H1 >> 32, where IPv4 puts its IP ID
//   echo request (ProbeKind::Echo, port 0): identifier << 16 | sequence =
//                 the low 32 bits of H1(dst, 0, echo) + attempt, as IPv4's
// H1 hashes 24 bytes (the 128-bit target, port, kind, tag) and H2 40 (both
// addresses, both ports, kind, tag); their tags differ from the IPv4
// hashes' too, so no IPv6 hash input ever equals an IPv4 one.
//
// The flow label is not verified, as the IPv4 IP ID is not: RFC 6437 lets
// middleboxes rewrite it. It is hashed rather than constant so probes look
// like the per-flow labels Linux sends, and so -O can see whether a host
// reflects it.
#pragma once

#include <cstdint>
#include <optional>

#include "zeroscan/cookie/attempt_window.h"
#include "zeroscan/cookie/cookie.h"
#include "zeroscan/cookie/ipv6_probe_fields.h"
#include "zeroscan/cookie/siphash.h"
#include "zeroscan/core/ipv6.h"
#include "zeroscan/core/probe_kind.h"
#include "zeroscan/parse/reply.h"

namespace zeroscan {

struct Ipv6CookieMatch {
  Ipv6 target;
  std::uint16_t port = 0;
  ProbeKind kind = ProbeKind::Syn;
  std::uint8_t attempt = 0;
};

class Ipv6Cookie {
 public:
  // Throws UsageError as Cookie does: empty port range, one including port
  // 0 or running past 65535, max_attempts 0.
  Ipv6Cookie(SipKey key, Ipv6 source, SourcePortRange ports, std::uint8_t max_attempts);

  // Per-packet: never throws, no allocation. Precondition: attempt <
  // max_attempts.
  Ipv6ProbeFields probe_fields(Ipv6 target, std::uint16_t port, ProbeKind kind,
                               std::uint8_t attempt) const;

  // Cookie::verify's rules for an IPv6 reply (family V6): a TCP reply from
  // the target to our address, an ICMPv6 echo reply (129) from the target
  // returning its echo cookie plus an attempt below max_attempts, or an
  // ICMPv6 error to our address quoting a TCP probe or an echo request
  // from our address. IPv4 replies are rejected. Never throws.
  std::optional<Ipv6CookieMatch> verify(const Reply& reply) const;

  Ipv6 source() const { return source_; }
  SourcePortRange source_ports() const { return window_.ports(); }
  std::uint8_t max_attempts() const { return window_.max_attempts(); }

 private:
  // The keyed hashes for one target, in the shape the reply rules want.
  struct TargetHashes {
    const Ipv6Cookie& cookie;
    Ipv6 target;
    std::uint64_t port_hash(std::uint16_t port, ProbeKind kind) const {
      return cookie.port_hash(target, port, kind);
    }
    std::uint64_t sequence_hash(std::uint16_t src_port, std::uint16_t port, ProbeKind kind) const {
      return cookie.sequence_hash(target, src_port, port, kind);
    }
  };

  std::uint64_t port_hash(Ipv6 target, std::uint16_t port, ProbeKind kind) const;
  // The echo request to `target` whose identifier/sequence was `echoed`.
  std::optional<Ipv6CookieMatch> echo_match(Ipv6 target, std::uint32_t echoed) const;
  std::uint64_t sequence_hash(Ipv6 target, std::uint16_t src_port, std::uint16_t port,
                              ProbeKind kind) const;

  SipKey key_;
  Ipv6 source_;
  SipHashPrefix sequence_prefix_;  // H2 with the source address absorbed
  AttemptWindow window_;
};

}  // namespace zeroscan
