// Target specs as users write them on the command line: addresses, CIDR
// blocks, ranges and hostnames, alone or as comma-separated lists, parsed
// into Ipv4Range values. Hostname resolution is injected.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "zeroscan/core/ipv4.h"
#include "zeroscan/targets/ipv4_range.h"

namespace zeroscan {

// Resolves a hostname to its IPv4 addresses (injected so tests never touch
// DNS). Returns an empty vector when the name does not resolve. A
// std::function, so a fake can carry its own table and call log.
using HostResolver = std::function<std::vector<Ipv4>(const std::string& hostname)>;

// getaddrinfo(AF_INET): every address, deduplicated, in resolver order.
// Empty when the name does not exist; throws SystemError when resolution
// itself fails (no DNS server reachable, ...), naming the host.
std::vector<Ipv4> resolve_with_getaddrinfo(const std::string& hostname);

// Parses one target spec: "198.18.0.7", "198.18.0.0/16" (host bits set are
// masked off, as nmap does: "198.18.3.4/16" is 198.18.0.0/16),
// "198.18.0.1-198.18.3.255", "198.18.0.1-20" (last-octet range), or a
// hostname, optionally with a prefix ("scanme.example/24"). A hostname
// stands for every IPv4 address it resolves to.
// `resolve` may be empty (nullptr): hostnames are then rejected.
// Throws UsageError with a one-line message naming the bad spec, e.g.
// "bad target '198.18.0.0/33': prefix length must be 0-32".
std::vector<Ipv4Range> parse_target_spec(std::string_view spec, HostResolver resolve);

// Parses a comma-separated list of specs, e.g. an --exclude argument:
// "10.0.0.0/8, 198.18.0.1-20,gw.example". Whitespace around entries is
// ignored; an empty entry is an error. Each distinct hostname is resolved
// once. Throws UsageError naming the first bad entry.
std::vector<Ipv4Range> parse_target_list(std::string_view list, HostResolver resolve);

// Address blocks that can never be unicast scan targets: 0.0.0.0/8,
// 224.0.0.0/4 (multicast), 240.0.0.0/4 (reserved + broadcast).
const std::vector<Ipv4Range>& never_valid_targets();

}  // namespace zeroscan
