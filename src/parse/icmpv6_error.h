// ICMPv6 errors that quote one of our TCP probes. Private to src/parse.
#pragma once

#include <optional>

#include "byte_span.h"
#include "zeroscan/parse/reply.h"

namespace zeroscan::parse_detail {

struct Icmpv6Error {
  IcmpFields icmp;  // type, code, and the quoted protocol, ports and seq
  Ipv6Fields quoted_ip;
};

// `message` is the ICMPv6 message as bounded by the payload length.
// Accepts the RFC 4443 errors — destination unreachable (1), packet too big
// (2), time exceeded (3), parameter problem (4) — quoting an IPv6 header,
// any extension headers, and at least the first 8 bytes of a TCP header
// (ports and sequence number). The checksum is not verified, as the IPv4
// path does not verify ICMP's: the cookie check on the quote is the proof.
std::optional<Icmpv6Error> parse_icmpv6_error(ByteSpan message);

}  // namespace zeroscan::parse_detail
