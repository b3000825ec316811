// parse_ipv6_reply: parse_reply's IPv6 twin — captured frame bytes to the
// same Reply, with family V6 and the addresses in ip6 (and quoted_ip6 for
// ICMPv6 errors). Hand-written and bounds-checked at every step; never
// throws, never reads past `size`, whatever the bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "zeroscan/parse/reply.h"
#include "zeroscan/parse/reply_parser.h"

namespace zeroscan {

// Returns a Reply for IPv6 TCP segments, ICMPv6 echo replies and requests
// (129, 128: kind IcmpEcho) and ICMPv6 errors (destination unreachable,
// packet too big, time exceeded, parameter problem) quoting a TCP header or
// an ICMPv6 echo request, after hop-by-hop, routing, fragment and destination-options
// headers (at most 8 of them, 512 bytes in all). nullopt for everything
// else: IPv4, ARP, other upper layers, non-first fragments, truncated or
// inconsistent headers. In the Reply, ip.ttl is the hop limit, ip.tos the
// traffic class, ip.total_length 40 + the payload length (at most 65535); the IPv4
// addresses stay 0.0.0.0 and ip.id 0.
std::optional<Reply> parse_ipv6_reply(const std::uint8_t* data, std::size_t size, LinkType link,
                                      std::int64_t timestamp_ns = 0) noexcept;

}  // namespace zeroscan
