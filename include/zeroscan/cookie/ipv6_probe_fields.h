// Ipv6ProbeFields: what one IPv6 probe carries that its cookie decides —
// the IPv4 ProbeFields' twin, with the flow label where IPv4 has its IP ID.
// Header-only so the probe module can stamp them without linking the
// cookie implementation.
#pragma once

#include <cstdint>

namespace zeroscan {

struct Ipv6ProbeFields {
  std::uint16_t src_port = 0;
  std::uint32_t seq = 0;
  std::uint32_t ack = 0;         // used by ACK probes; 0 in SYN probes
  std::uint32_t flow_label = 0;  // 20 bits (RFC 6437); higher bits are ignored
};

inline constexpr std::uint32_t kFlowLabelMask = 0xfffff;

}  // namespace zeroscan
