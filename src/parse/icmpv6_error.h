// ICMPv6 errors that quote one of our probes, and ICMPv6 echo replies.
// Private to src/parse.
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
// (ports and sequence number) or of an ICMPv6 echo request of ours (-sn
// -PE), kept as IPv4's quoted echo is: src_port = type << 8 | code,
// dst_port = checksum, seq = identifier << 16 | sequence. The checksum is
// not verified, as the IPv4 path does not verify ICMP's: the cookie check
// on the quote is the proof.
std::optional<Icmpv6Error> parse_icmpv6_error(ByteSpan message);

// An ICMPv6 echo reply (129) or request (128; our own probe, as the
// capture on lo sees it) with code 0: type, and identifier << 16 |
// sequence in `echo`. The checksum is not checked (the cookie is the
// proof); any payload is ignored.
std::optional<IcmpFields> parse_icmpv6_echo(ByteSpan message);

}  // namespace zeroscan::parse_detail
