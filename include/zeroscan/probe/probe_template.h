// ProbeTemplate: one pre-built frame per probe kind. Built once with libtins
// (so the layout is exactly what a real serializer produces), then stamped
// per probe: memcpy, patch destination/ports/seq/ack/IP ID (an echo request:
// identifier/sequence), and fix the IP and TCP (ICMP) checksums incrementally (RFC 1624) from the template's checksums —
// no full recomputation on the hot path.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "zeroscan/cookie/cookie.h"
#include "zeroscan/core/ipv4.h"
#include "zeroscan/core/mac_address.h"
#include "zeroscan/core/probe_kind.h"

namespace zeroscan {

struct TemplateOptions {
  bool ethernet = true;          // false: frames start at the IP header
  MacAddress src_mac;
  MacAddress dst_mac;            // default next hop; per-probe override allowed
  Ipv4 src_ip;
  std::uint8_t ttl = 64;
  std::uint16_t window = 64240;  // a common Linux client window
  // SYN option set of a realistic client (Linux order): MSS 1460, SACK
  // permitted, timestamp (ts_val below), NOP, window scale 7. Replies then
  // reveal the target's own options.
  std::uint16_t mss = 1460;
  std::uint8_t window_scale = 7;
  std::uint32_t ts_val = 0;      // our timestamp; a host echoing it is a feature
};

class ProbeTemplate {
 public:
  // Throws std::invalid_argument only for impossible options (TTL 0, a
  // ProbeKind value outside the enum).
  ProbeTemplate(ProbeKind kind, const TemplateOptions& options);

  ProbeKind kind() const { return kind_; }
  std::size_t size() const { return bytes_.size(); }
  const std::vector<std::uint8_t>& bytes() const { return bytes_; }
  // Where the IP and TCP (for Echo: ICMP) headers start inside every stamped frame.
  std::size_t ip_offset() const { return ip_offset_; }
  std::size_t tcp_offset() const { return tcp_offset_; }

  // Writes the complete frame (size() bytes) into `out`. dst_mac may be
  // nullptr to keep the template's next-hop MAC (ignored when the template
  // has no Ethernet header). Never throws, no allocation.
  void stamp(std::uint8_t* out, Ipv4 target, std::uint16_t dst_port, const ProbeFields& fields,
             const MacAddress* dst_mac = nullptr) const noexcept;

 private:
  ProbeKind kind_;
  bool ethernet_;
  std::vector<std::uint8_t> bytes_;
  std::size_t ip_offset_ = 0;
  std::size_t tcp_offset_ = 0;
  // RFC 1624 eqn. 3 with the template's side done once: ~HC + Σ ~m over
  // every word stamp() overwrites. stamp() only adds the new words m'.
  std::uint32_t ip_checksum_base_ = 0;
  std::uint32_t tcp_checksum_base_ = 0;
};

}  // namespace zeroscan
