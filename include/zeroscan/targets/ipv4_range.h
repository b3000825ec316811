// Ipv4Range: an inclusive block of IPv4 addresses, the unit every target
// spec parses into and TargetSet stores.
#pragma once

#include <cstdint>

#include "zeroscan/core/ipv4.h"

namespace zeroscan {

struct Ipv4Range {
  Ipv4 first;
  Ipv4 last;  // inclusive
  std::uint64_t size() const { return std::uint64_t(last.value) - first.value + 1; }

  friend bool operator==(const Ipv4Range& a, const Ipv4Range& b) {
    return a.first == b.first && a.last == b.last;
  }
  friend bool operator!=(const Ipv4Range& a, const Ipv4Range& b) { return !(a == b); }
};

}  // namespace zeroscan
