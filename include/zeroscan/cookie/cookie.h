// Cookie: the stateless link between a probe and its reply. Every field the
// target echoes back (source port, sequence, ack, IP ID) is a keyed SipHash
// of the probe's identity, so the receiver can verify a reply and recover
// (target, port, probe kind, attempt) without remembering anything it sent.
//
// Layout:
//   source port = first + (H1(dst, dport, kind) + attempt) mod count
//   seq, ack    = H2(src, dst, sport, dport, kind)  (two 32-bit halves)
//   IP ID       = low 16 bits of H1 >> 32
// Retries (attempt > 0) come from a different source port: Linux ignores a
// repeated SYN on the same 4-tuple for a while.
#pragma once

#include <cstdint>
#include <optional>

#include "zeroscan/cookie/siphash.h"
#include "zeroscan/core/ipv4.h"
#include "zeroscan/core/probe_kind.h"
#include "zeroscan/parse/reply.h"

namespace zeroscan {

struct SourcePortRange {
  std::uint16_t first = 32768;
  std::uint16_t count = 28232;  // 32768..60999, Linux's ephemeral range
};

// Fields written into one probe.
struct ProbeFields {
  std::uint16_t src_port = 0;
  std::uint32_t seq = 0;
  std::uint32_t ack = 0;   // used by ACK probes; 0 in SYN probes
  std::uint16_t ip_id = 0;
};

// What a verified reply answers.
struct CookieMatch {
  Ipv4 target;
  std::uint16_t port = 0;
  ProbeKind kind = ProbeKind::Syn;
  std::uint8_t attempt = 0;
};

class Cookie {
 public:
  // max_attempts: 1 + retries; a reply whose source port implies a higher
  // attempt is rejected.
  Cookie(SipKey key, Ipv4 source, SourcePortRange ports, std::uint8_t max_attempts);

  ProbeFields probe_fields(Ipv4 target, std::uint16_t port, ProbeKind kind,
                           std::uint8_t attempt) const;

  // Accepts only replies that verify:
  //  - SYN-ACK or RST+ACK to a SYN: ack == seq + 1 (RFC 793)
  //  - RST to an ACK probe: seq == our ack (RFC 793: RST takes SEG.ACK),
  //    also RST+ACK with that seq (some stacks set ACK anyway)
  //  - ICMP error: quoted src/dst/ports/seq (and IP ID when quoted) match
  // and whose addresses/ports are consistent with a probe we would send.
  std::optional<CookieMatch> verify(const Reply& reply) const;

 private:
  SipKey key_;
  Ipv4 source_;
  SourcePortRange ports_;
  std::uint8_t max_attempts_;
};

}  // namespace zeroscan
