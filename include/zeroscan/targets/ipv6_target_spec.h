// IPv6 target specs: an address, a prefix or a range, parsed into an
// Ipv6Range. Pure (no DNS, no I/O). targets/mixed_targets sends every
// spec holding ':' here.
//
// IPv6 networks are not swept: a /64, the smallest usual subnet, holds 2^64
// addresses — 58 thousand years at 10 million probes a second. A spec of
// more than 2^32 addresses (shorter than a /96) is therefore refused with a
// message saying so, unless the caller insists (HugeIpv6Sweep::Allow).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "zeroscan/core/ipv6.h"
#include "zeroscan/core/ipv6_range.h"

namespace zeroscan {

enum class HugeIpv6Sweep { Refuse, Allow };
inline constexpr std::uint64_t kMaxIpv6SweepAddresses = std::uint64_t(1) << 32;

// Whether a spec is meant as IPv6 — it holds a ':' — so a caller can send
// it here rather than to the IPv4 parser.
bool is_ipv6_target_spec(std::string_view spec);

// Parses "2001:db8::7", "2001:db8::/120" (host bits set are masked off, as
// for IPv4: "2001:db8::7/120" is 2001:db8::/120) or
// "2001:db8::1-2001:db8::ff" (both ends full addresses, first <= last).
// Throws UsageError "bad target '<spec>': <reason>", e.g. "prefix length
// must be 0-128", or, for more than 2^32 addresses unless `huge` is Allow,
// "a /64 cannot be swept: it holds 2^64 addresses, ...".
Ipv6Range parse_ipv6_target_spec(std::string_view spec, HugeIpv6Sweep huge = HugeIpv6Sweep::Refuse);

// IPv6 blocks that can never be unicast scan targets, never_valid_targets'
// twin: :: (unspecified, RFC 4291 §2.5.2), ::ffff:0:0/96 (IPv4-mapped:
// those hosts are scanned over IPv4) and ff00::/8 (multicast).
const std::vector<Ipv6Range>& never_valid_ipv6_targets();

}  // namespace zeroscan
