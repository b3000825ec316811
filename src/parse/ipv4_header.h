// IPv4 header parsing: the responder's header (strict) and the header of our
// own probe quoted inside an ICMP error (lenient, as routers quote it).
// Private to src/parse.
#pragma once

#include <optional>

#include "byte_span.h"
#include "zeroscan/parse/reply.h"

namespace zeroscan::parse_detail {

constexpr std::uint8_t kProtocolIcmp = 1;
constexpr std::uint8_t kProtocolTcp = 6;

struct Ipv4Packet {
  IpFields fields;
  std::uint8_t protocol = 0;
  ByteSpan payload;  // exactly total_length - header length bytes
};

// Accepts only a complete, consistent header: version 4, IHL >= 5, header
// checksum correct, total length covering the header and inside the capture
// (longer captures are link padding and are cut off), fragment offset 0.
std::optional<Ipv4Packet> parse_ipv4(ByteSpan packet);

struct QuotedIpv4 {
  QuotedProbe probe;  // src_port, dst_port, seq filled only for TCP quotes
  ByteSpan transport;  // what was quoted after the IP header
};

// The header quoted in an ICMP error. Routers may have decremented the TTL
// without fixing the checksum, or quote fewer bytes than total length says,
// so neither is checked; version, IHL and the header itself being present
// are.
std::optional<QuotedIpv4> parse_quoted_ipv4(ByteSpan quote);

}  // namespace zeroscan::parse_detail
