// A SYN scan over both families (issue 11), for the writers' IPv6 tests:
// IPv4 and IPv6 hosts in a scrambled order, IPv6 hosts whose text order
// differs from their numeric order (2001:2::10 after 2001:2::9), ::1
// (numerically below every other IPv6 address, still after every IPv4
// one), ICMPv6 destination-unreachable codes with and without a name, from
// the host itself and from a router, and a v6 host that answered nothing.
#pragma once

#include <vector>

#include "output_fixture.h"

namespace zeroscan::test {

inline std::vector<PortRecord> mixed_family_records() {
  using K = ProbeKind;
  using S = PortState;
  using R = StateReason;
  return {
      tcp_answer("2001:2::10", 22, K::Syn, S::Open, R::SynAck, 0x12),
      icmp_answer("2001:2::1", 443, K::Syn, 1, "2001:2:ff::1"),  // admin-prohibited, from a router
      tcp_answer("198.18.0.2", 22, K::Syn, S::Open, R::SynAck, 0x12),
      icmp_answer("2001:2::9", 22, K::Syn, 0, "2001:2:ff::1"),   // no-route
      tcp_answer("::1", 22, K::Syn, S::Closed, R::Rst, 0x14),
      icmp_answer("2001:2::1", 25, K::Syn, 4),                   // the host's own port-unreach
      tcp_answer("2001:2::1", 80, K::Syn, S::Closed, R::Rst, 0x14),
      icmp_answer("2001:2::9", 23, K::Syn, 6, "2001:2:ff::1"),   // reject-route
      tcp_answer("198.18.0.1", 80, K::Syn, S::Closed, R::Rst, 0x14),
      icmp_answer("2001:2::9", 24, K::Syn, 3, "2001:2:ff::1"),   // addr-unreach (neighbour discovery failed)
      icmp_answer("2001:2::9", 26, K::Syn, 12),                  // no name: icmp-unreach
      silence("2001:2::10", 80, K::Syn),
      silence("2001:2:0:1::20", 22, K::Syn),
      silence("198.18.0.1", 22, K::Syn),
  };
}

// The hosts of mixed_family_records() in report order: IPv4 first, then
// IPv6, each numerically. The last answered nothing (the text report
// lists only hosts that answered).
inline std::vector<std::string> mixed_family_hosts() {
  return {"198.18.0.1", "198.18.0.2", "::1", "2001:2::1", "2001:2::9", "2001:2::10", "2001:2:0:1::20"};
}

inline ScanSummary mixed_family_summary() {
  ScanSummary s = fixture_summary("syn");
  s.targets = 7;
  s.ports = 7;
  s.probes_planned = s.space_size = 49;
  s.covered = 14;
  s.open = 2;
  s.closed = 3;
  s.filtered = 9;
  s.unfiltered = 0;
  s.config.targets = "198.18.0.1-198.18.0.2 ::1 2001:2::1 2001:2::9-2001:2::10 2001:2:0:1::20";
  s.config.ports = "22-26,80,443";
  s.args = "zeroscan -sS -p 22-26,80,443 198.18.0.1-198.18.0.2 ::1 2001:2::1 2001:2::9-2001:2::10 2001:2:0:1::20";
  return s;
}

}  // namespace zeroscan::test
