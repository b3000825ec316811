// Cookie: the stateless link between a probe and its reply. Every field the
// target echoes back (source port, sequence, ack, IP ID) is a keyed SipHash
// of the probe's identity, so the receiver can verify a reply and recover
// (target, port, probe kind, attempt) without remembering anything it sent.
//
// Layout:
//   source port = first + (H1(dst, dport, kind) + attempt) mod count
//   seq, ack    = H2(src, dst, sport, dport, kind)  (low, high 32-bit halves;
//                 SYN probes send ack 0); + attempt when count < attempts
//   IP ID       = low 16 bits of H1 >> 32
// ICMP echo requests (ProbeKind::Echo, port 0) have no ports: their
// identifier and sequence (ProbeFields::seq, identifier in the high half)
// are the low 32 bits of H1(dst, 0, echo) + attempt, IP ID as above. An
// echo reply returns both unchanged, and an ICMP error quotes them.
//
// Retries (attempt > 0) come from a different source port: Linux ignores a
// repeated SYN on the same 4-tuple for a while.
//
// A source port range narrower than the attempts (nmap's -g: one fixed
// port) cannot carry the attempt; it is then added to seq and ack instead,
// so retries stay distinguishable, and the cookie lives in seq (and IP ID)
// alone: a forged reply must still guess 32 bits, less log2(attempts).
//
// H1 hashes 8 bytes and H2 16 (each with a tag byte), so the two can never
// be confused. A forged reply must guess 32 bits (ack or seq) on top of a
// source port inside the max_attempts window of the right hash.
#pragma once

#include <cstdint>
#include <optional>

#include "zeroscan/cookie/attempt_window.h"
#include "zeroscan/cookie/siphash.h"
#include "zeroscan/core/ipv4.h"
#include "zeroscan/core/probe_kind.h"
#include "zeroscan/parse/reply.h"

namespace zeroscan {

// Fields written into one probe.
struct ProbeFields {
  std::uint16_t src_port = 0;
  std::uint32_t seq = 0;   // echo requests: identifier << 16 | sequence
  std::uint32_t ack = 0;   // used by ACK probes; 0 in SYN and echo probes
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
  // max_attempts: 1 + retries; a reply that implies a higher attempt is
  // rejected. Throws UsageError when the port range is empty, includes port
  // 0 or runs past 65535, or when max_attempts is 0.
  Cookie(SipKey key, Ipv4 source, SourcePortRange ports, std::uint8_t max_attempts);

  // Per-packet: never throws, no allocation. Precondition: attempt <
  // max_attempts (a larger attempt wraps onto another attempt's port).
  ProbeFields probe_fields(Ipv4 target, std::uint16_t port, ProbeKind kind,
                           std::uint8_t attempt) const;

  // Accepts only replies that verify:
  //  - SYN-ACK or RST+ACK to a SYN: ack == seq + 1 (RFC 793). A bare RST
  //    cannot answer a SYN (its ack would be missing) and is rejected.
  //  - RST to an ACK probe: seq == our ack (RFC 793: RST takes SEG.ACK),
  //    also RST+ACK with that seq (some stacks set ACK anyway)
  //  - echo reply (type 0) to an echo request: identifier and sequence are
  //    the target's echo cookie plus an attempt below max_attempts.
  //  - ICMP error quoting TCP: quoted src (us), dst, ports and seq match;
  //    quoting an echo request of ours: its identifier/sequence match.
  //    The quoted IP ID is deliberately not compared: NATs and scrubbing
  //    firewalls rewrite it, and seq + ports already carry the proof.
  // and whose addresses/ports are consistent with a probe we would send:
  // sent to our source address, to a port of our range, at an attempt below
  // max_attempts. SYN+RST and other flag mixes are rejected. Never throws.
  std::optional<CookieMatch> verify(const Reply& reply) const;

  Ipv4 source() const { return source_; }
  SourcePortRange source_ports() const { return window_.ports(); }
  std::uint8_t max_attempts() const { return window_.max_attempts(); }

 private:
  // The keyed hashes for one target, in the shape the shared reply rules
  // (cookie/attempt_window.h) want.
  struct TargetHashes {
    const Cookie& cookie;
    Ipv4 target;
    std::uint64_t port_hash(std::uint16_t port, ProbeKind kind) const {
      return cookie.port_hash(target, port, kind);
    }
    std::uint64_t sequence_hash(std::uint16_t src_port, std::uint16_t port, ProbeKind kind) const {
      return cookie.sequence_hash(target, src_port, port, kind);
    }
  };

  std::uint64_t port_hash(Ipv4 target, std::uint16_t port, ProbeKind kind) const;
  std::uint64_t sequence_hash(Ipv4 target, std::uint16_t src_port, std::uint16_t port,
                              ProbeKind kind) const;
  std::optional<CookieMatch> verify_tcp(const Reply& reply) const;
  std::optional<CookieMatch> verify_icmp(const Reply& reply) const;
  std::optional<CookieMatch> verify_echo_reply(const Reply& reply) const;
  // The echo request to `target` whose identifier/sequence was `echoed`.
  std::optional<CookieMatch> echo_match(Ipv4 target, std::uint32_t echoed) const;
  std::uint32_t echo_ident(Ipv4 target) const;  // attempt 0's identifier << 16 | sequence

  SipKey key_;
  Ipv4 source_;
  AttemptWindow window_;
};

}  // namespace zeroscan
