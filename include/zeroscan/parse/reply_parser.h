// parse_reply: captured frame bytes -> Reply. Hand-written and bounds-checked
// at every step; never throws, never reads past `size`, whatever the bytes.
// libtins' parser stays off the receive path on purpose (known crash bugs on
// hostile input in 4.0).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "zeroscan/parse/reply.h"

namespace zeroscan {

enum class LinkType : std::uint8_t {
  Ethernet,  // DLT_EN10MB (also loopback on Linux); 802.1Q/802.1ad tags skipped
  RawIp,     // DLT_RAW: frame starts at the IPv4 header (tun, some ppp)
  LinuxSll,  // DLT_LINUX_SLL ("any" device)
};

// Returns a Reply for IPv4 TCP segments and ICMP errors (destination
// unreachable, time exceeded, source quench, parameter problem) that quote a
// TCP header; nullopt for everything else (ARP, IPv6, UDP, fragments after
// the first, truncated or inconsistent headers, bad IP header checksum).
std::optional<Reply> parse_reply(const std::uint8_t* data, std::size_t size, LinkType link,
                                 std::int64_t timestamp_ns = 0) noexcept;

// The TCP option bytes after the fixed 20-byte header (at most 40 are read).
// Records the layout letters; values for well-formed MSS, window scale,
// SACK-permitted and timestamp options (first occurrence wins; a known kind
// with the wrong length counts as '?'). Stops at End-of-list ('E'), and at a
// length byte that is missing, below 2 or past the end (malformed = true).
// parse_reply uses it; fingerprinting may call it on stored option bytes.
TcpOptions parse_tcp_options(const std::uint8_t* data, std::size_t size) noexcept;

}  // namespace zeroscan
