// Ipv6Range: an inclusive block of IPv6 addresses, the unit IPv6 target
// specs parse into, Ipv6TargetSet stores and the route guard checks. Sizes
// up to 2^128 do not fit an integer, so size() answers only below 2^64.
#pragma once

#include <cstdint>
#include <optional>

#include "zeroscan/core/ipv6.h"

namespace zeroscan {

struct Ipv6Range {
  Ipv6 first;
  Ipv6 last;  // inclusive

  // The number of addresses, or nullopt when it is 2^64 or more.
  std::optional<std::uint64_t> size() const;
  // Whether it holds more than `count` addresses.
  bool larger_than(std::uint64_t count) const;

  friend bool operator==(const Ipv6Range& a, const Ipv6Range& b) {
    return a.first == b.first && a.last == b.last;
  }
  friend bool operator!=(const Ipv6Range& a, const Ipv6Range& b) { return !(a == b); }
};

// last - first, i.e. the size less one, as a 128-bit number in an Ipv6.
Ipv6 range_span(const Ipv6Range& range);

}  // namespace zeroscan
