// The replies a scripted host sends, built with libtins from the probe frame
// (Ethernet) and its parse_reply view: addresses and ports swapped, the
// sequence numbers RFC 793 prescribes, and the ReplyStyle's personality.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "support/port_behaviour.h"
#include "zeroscan/parse/reply.h"

namespace zeroscan {

using ReplyFrame = std::vector<std::uint8_t>;

// Open port, SYN probe: SYN-ACK, ack = seq + 1, options per style.
ReplyFrame build_syn_ack(const std::uint8_t* probe, std::size_t size, const Reply& parsed, const ReplyStyle& style);
// Closed port, SYN probe: RST+ACK, seq 0, ack = seq + 1, window 0.
ReplyFrame build_rst_ack(const std::uint8_t* probe, std::size_t size, const Reply& parsed, const ReplyStyle& style);
// Any port, ACK probe: bare RST whose seq is the probe's ack (RFC 793).
ReplyFrame build_rst_for_ack(const std::uint8_t* probe, std::size_t size, const Reply& parsed,
                             const ReplyStyle& style);
// ICMP echo request: an echo reply with the request's identifier and sequence.
ReplyFrame build_echo_reply(const std::uint8_t* probe, const Reply& parsed, const ReplyStyle& style);
// ICMP destination unreachable (type 3, `code`) from `source` (the target
// when 0.0.0.0), quoting the probe's IP header and first 8 TCP bytes.
// The TCP and echo builders answer over the probe's family (parsed.family).
ReplyFrame build_icmp_unreachable(const std::uint8_t* probe, std::size_t size, const Reply& parsed,
                                  std::uint8_t code, Ipv4 source, const ReplyStyle& style);

// ICMPv6 destination unreachable (type 1, `code`) from `source` (the target
// when ::), quoting the whole IPv6 probe.
ReplyFrame build_icmpv6_unreachable(const std::uint8_t* probe, std::size_t size, const Reply& parsed,
                                    std::uint8_t code, Ipv6 source, const ReplyStyle& style);

}  // namespace zeroscan
