// ICMP errors that quote one of our probes, and echo replies. Private to src/parse.
#pragma once

#include <optional>

#include "byte_span.h"
#include "zeroscan/parse/reply.h"

namespace zeroscan::parse_detail {

// `message` is the ICMP message as bounded by the IP total length. Accepts
// destination unreachable (3), source quench (4), time exceeded (11) and
// parameter problem (12) quoting an IPv4 header plus at least the first 8
// bytes of a TCP header (ports and sequence number, RFC 792's minimum) or
// of an ICMP message (an echo request of ours: type, code, checksum,
// identifier, sequence).
std::optional<IcmpFields> parse_icmp_error(ByteSpan message);

// An echo reply (type 0) or request (type 8; our own probe, as
// --packet-trace and the loopback capture see it), code 0: its identifier
// and sequence in `echo`. The ICMP checksum is not checked (the IP
// header's is, and the cookie rejects a corrupted identifier/sequence).
std::optional<IcmpFields> parse_icmp_echo(ByteSpan message);

}  // namespace zeroscan::parse_detail
