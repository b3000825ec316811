// The records behind tests/unit/output/golden/: the output fixture plus a
// host with many alike ports of every kind (folds), ICMP codes with and
// without names, a router's ICMP, and ports where SYN and ACK differ —
// in a scrambled order, as a scan reports them.
#pragma once

#include <algorithm>
#include <random>
#include <vector>

#include "output_fixture.h"

namespace zeroscan::test {

inline std::vector<PortRecord> golden_records() {
  using K = ProbeKind;
  using S = PortState;
  using R = StateReason;
  std::vector<PortRecord> out = fixture_records();
  // 198.18.1.1: 40 closed, 30 open, 27 admin-prohibited, 26 silent per kind.
  for (std::uint16_t p = 1000; p < 1040; ++p) {
    out.push_back(tcp_answer("198.18.1.1", p, K::Syn, S::Closed, R::Rst, 0x14));
    out.push_back(tcp_answer("198.18.1.1", p, K::Ack, S::Unfiltered, R::Rst, 0x04));
  }
  for (std::uint16_t p = 2000; p < 2030; ++p) {
    out.push_back(tcp_answer("198.18.1.1", p, K::Syn, S::Open, R::SynAck, 0x12));
    out.push_back(tcp_answer("198.18.1.1", p, K::Ack, S::Unfiltered, R::Rst, 0x04));
  }
  for (std::uint16_t p = 3000; p < 3027; ++p) {
    out.push_back(icmp_answer("198.18.1.1", p, K::Syn, 13));
    out.push_back(icmp_answer("198.18.1.1", p, K::Ack, 13));
  }
  for (std::uint16_t p = 4000; p < 4026; ++p) {
    out.push_back(silence("198.18.1.1", p, K::Syn));
    out.push_back(silence("198.18.1.1", p, K::Ack));
  }
  // 198.18.1.2: 25 closed (listed), a router's ICMP with an unnamed code,
  // an ICMP type other than unreachable, an ACK-only answer.
  for (std::uint16_t p = 10; p < 35; ++p) {
    out.push_back(tcp_answer("198.18.1.2", p, K::Syn, S::Closed, R::Rst, 0x14));
    out.push_back(silence("198.18.1.2", p, K::Ack));
  }
  out.push_back(icmp_answer("198.18.1.2", 99, K::Syn, 7, "198.19.0.9"));
  PortRecord redirect = icmp_answer("198.18.1.2", 98, K::Syn, 1);
  redirect.icmp_type = 5;
  out.push_back(redirect);
  out.push_back(silence("198.18.1.2", 97, K::Syn));
  out.push_back(tcp_answer("198.18.1.2", 97, K::Ack, S::Unfiltered, R::Rst, 0x04));
  std::mt19937 shuffle(7);
  std::shuffle(out.begin() + std::ptrdiff_t(fixture_records().size()), out.end(), shuffle);
  // Silence concludes after every answer, as in a scan.
  std::stable_partition(out.begin(), out.end(), [](const PortRecord& r) { return r.answered; });
  return out;
}

}  // namespace zeroscan::test
