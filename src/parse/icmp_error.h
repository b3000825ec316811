// ICMP errors that quote one of our TCP probes. Private to src/parse.
#pragma once

#include <optional>

#include "byte_span.h"
#include "zeroscan/parse/reply.h"

namespace zeroscan::parse_detail {

// `message` is the ICMP message as bounded by the IP total length. Accepts
// destination unreachable (3), source quench (4), time exceeded (11) and
// parameter problem (12) quoting an IPv4 header plus at least the first 8
// bytes of a TCP header (ports and sequence number, RFC 792's minimum).
std::optional<IcmpFields> parse_icmp_error(ByteSpan message);

}  // namespace zeroscan::parse_detail
