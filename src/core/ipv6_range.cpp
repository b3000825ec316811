// Ipv6Range sizes in two 64-bit halves.
#include "zeroscan/core/ipv6_range.h"

namespace zeroscan {

Ipv6 range_span(const Ipv6Range& range) {
  const std::uint64_t borrow = range.last.lo < range.first.lo ? 1 : 0;
  return Ipv6(range.last.hi - range.first.hi - borrow, range.last.lo - range.first.lo);
}

std::optional<std::uint64_t> Ipv6Range::size() const {
  const Ipv6 span = range_span(*this);
  if (span.hi != 0 || span.lo == ~std::uint64_t(0)) return std::nullopt;
  return span.lo + 1;
}

bool Ipv6Range::larger_than(std::uint64_t count) const {
  const Ipv6 span = range_span(*this);  // size - 1
  return span.hi != 0 || span.lo >= count;
}

}  // namespace zeroscan
