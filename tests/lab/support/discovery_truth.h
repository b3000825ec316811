// What the lab truth says about host discovery (-sn) with the lab tests'
// discovery probes: which (port, probe) answers prove a host up, for the
// IPv4 and IPv6 host discovery tests alike.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "support/lab_truth.h"

namespace zeroscan::lab {

// The discovery probes of the tests, as (port, probe) truth lookups, and
// the flags that choose them.
inline const std::vector<std::pair<std::uint16_t, const char*>> kDiscoveryProbes{
    {22, "syn"}, {443, "syn"}, {80, "ack"}};
inline const std::vector<std::string> kDiscoveryProbeFlags{"-PS22,443", "-PA80"};

// An IPv4 answer proves its host up when the host itself sent it: SYN-ACK,
// reset, or an ICMP unreachable other than net/host unreachable (which
// claim the host is not there, whoever sends it).
inline bool proves_up(const Expectation& e) {
  if (e.reason == "syn-ack" || e.reason == "reset") return true;
  return e.reason == "icmp-unreach" && e.icmp_type == 3 && e.icmp_code != 0 && e.icmp_code != 1;
}

// IPv6: SYN-ACK or reset. The v6 AnyIP block's ICMPv6 errors come from the
// link address, not from the target (docs/lab.md), so none proves a host up.
inline bool proves_up6(const Expectation& e) { return e.reason == "syn-ack" || e.reason == "reset"; }

}  // namespace zeroscan::lab
