// Target specs of both families: IPv6 literals, prefixes and ranges (any
// spec holding a ':') go to ipv6_target_spec, everything else to the IPv4
// parser (target_spec.h). Hostnames resolve to A records, or with -6
// (`ipv6_names`) to AAAA records — nmap's rule: one family per name.
// Lists (--exclude) and files (-iL, --excludefile) mix both freely.
#pragma once

#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "zeroscan/core/ipv6.h"
#include "zeroscan/core/ipv6_range.h"
#include "zeroscan/targets/ipv4_range.h"
#include "zeroscan/targets/ipv6_target_spec.h"
#include "zeroscan/targets/target_spec.h"

namespace zeroscan {

// A hostname's IPv6 addresses (injected, as HostResolver is); empty when it
// has none.
using Ipv6HostResolver = std::function<std::vector<Ipv6>(const std::string& hostname)>;

// getaddrinfo(AF_INET6), as resolve_with_getaddrinfo is for AF_INET.
std::vector<Ipv6> resolve_ipv6_with_getaddrinfo(const std::string& hostname);

struct TargetRanges {
  std::vector<Ipv4Range> v4;
  std::vector<Ipv6Range> v6;

  bool empty() const { return v4.empty() && v6.empty(); }
  void append(const TargetRanges& more);
};

struct TargetParsing {
  HostResolver resolve;         // A lookups (may be empty: hostnames rejected)
  Ipv6HostResolver resolve6;    // AAAA lookups, used with ipv6_names
  bool ipv6_names = false;      // -6: hostnames mean their IPv6 addresses
  HugeIpv6Sweep huge = HugeIpv6Sweep::Refuse;  // more than 2^32 addresses in one IPv6 spec
};

// Throw UsageError naming the bad spec, as the IPv4 parsers do; an IPv6
// spec over 2^32 addresses gets ipv6_target_spec's reason.
TargetRanges parse_mixed_target_spec(std::string_view spec, const TargetParsing& parsing);
TargetRanges parse_mixed_target_list(std::string_view list, const TargetParsing& parsing);
TargetRanges parse_mixed_target_file(const std::string& path, const TargetParsing& parsing);
TargetRanges parse_mixed_target_stream(std::istream& in, const std::string& name, const TargetParsing& parsing);

}  // namespace zeroscan
