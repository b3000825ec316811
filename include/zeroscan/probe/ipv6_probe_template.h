// Ipv6ProbeTemplate: ProbeTemplate's IPv6 twin. One frame per probe kind
// (SYN, ACK; port-0 probes are the same frames sent to port 0; Echo, an
// ICMPv6 echo request for host discovery), built once
// with libtins — Ethernet (EtherType 0x86DD) unless raw, a 40-byte IPv6
// header without extension headers, and the very TCP segment the IPv4
// probes carry — then stamped per probe: memcpy, patch flow label,
// destination, ports, seq and ack, and fix the TCP checksum incrementally
// (RFC 1624); an echo request gets identifier/sequence (fields.seq) and its
// ICMPv6 checksum instead. IPv6 has no header checksum; the TCP checksum covers the
// addresses through the RFC 8200 §8.1 pseudo-header, so the destination
// counts there.
//
// The source address stays the template's, as IPv4's does: a scan has one
// source address, which the cookie hashes too.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "zeroscan/cookie/ipv6_probe_fields.h"
#include "zeroscan/core/ipv6.h"
#include "zeroscan/core/mac_address.h"
#include "zeroscan/core/probe_kind.h"

namespace zeroscan {

struct Ipv6TemplateOptions {
  bool ethernet = true;          // false: frames start at the IPv6 header
  MacAddress src_mac;
  MacAddress dst_mac;            // default next hop; per-probe override allowed
  Ipv6 src_ip;
  std::uint8_t hop_limit = 64;   // Linux's default (net.ipv6.conf.*.hop_limit)
  std::uint16_t window = 64240;  // the IPv4 template's client window
  // The IPv4 template's option set (MSS, SACK permitted, timestamp, NOP,
  // window scale). The MSS a Linux client announces over IPv6 on a 1500-byte
  // link is 1440: the IPv6 header is 20 bytes longer.
  std::uint16_t mss = 1440;
  std::uint8_t window_scale = 7;
  std::uint32_t ts_val = 0;
};

// The frame `kind` would be with these fields, built from scratch by
// libtins. Allocates; may throw. Not for the hot path: the reference
// stamp() is held to.
std::vector<std::uint8_t> serialize_ipv6_probe(ProbeKind kind, const Ipv6TemplateOptions& options,
                                               Ipv6 target, std::uint16_t dst_port,
                                               const Ipv6ProbeFields& fields);

class Ipv6ProbeTemplate {
 public:
  // Throws std::invalid_argument only for impossible options (hop limit 0,
  // a ProbeKind value outside the enum).
  Ipv6ProbeTemplate(ProbeKind kind, const Ipv6TemplateOptions& options);

  ProbeKind kind() const { return kind_; }
  std::size_t size() const { return bytes_.size(); }
  const std::vector<std::uint8_t>& bytes() const { return bytes_; }
  std::size_t ip_offset() const { return ip_offset_; }
  std::size_t tcp_offset() const { return tcp_offset_; }  // Echo: where the ICMPv6 header starts

  // Writes the complete frame (size() bytes) into `out`. dst_mac may be
  // nullptr to keep the template's next-hop MAC (ignored without Ethernet).
  // Only the low 20 bits of fields.flow_label are sent. Never throws, no
  // allocation.
  void stamp(std::uint8_t* out, Ipv6 target, std::uint16_t dst_port, const Ipv6ProbeFields& fields,
             const MacAddress* dst_mac = nullptr) const noexcept;

 private:
  ProbeKind kind_;
  bool ethernet_;
  std::vector<std::uint8_t> bytes_;
  std::size_t ip_offset_ = 0;
  std::size_t tcp_offset_ = 0;
  // RFC 1624 eqn. 3 with the template's side done once: ~HC + Σ ~m over
  // every checksummed word stamp() overwrites.
  std::uint32_t tcp_checksum_base_ = 0;
};

}  // namespace zeroscan
