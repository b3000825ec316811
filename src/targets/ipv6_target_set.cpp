// Ipv6TargetSet: normalising include/exclude ranges and mapping between
// scan indices and addresses, in 128-bit arithmetic.
#include "zeroscan/targets/ipv6_target_set.h"

#include <algorithm>
#include <stdexcept>

#include "zeroscan/core/errors.h"

namespace zeroscan {

namespace {

// GCC and Clang's 128-bit integer: addresses plus one, minus one and
// differences are then plain arithmetic. __extension__ keeps -Wpedantic quiet.
__extension__ typedef unsigned __int128 U128;

U128 wide(Ipv6 address) { return U128(address.hi) << 64 | address.lo; }
Ipv6 narrow(U128 value) { return Ipv6(std::uint64_t(value >> 64), std::uint64_t(value)); }

// Sorted, with overlapping and touching ranges merged. "Touching" is
// checked as first - 1 <= last, which cannot wrap: first > the previous
// first >= 0 there.
std::vector<Ipv6Range> normalise(std::vector<Ipv6Range> ranges) {
  for (const auto& range : ranges)
    if (range.last < range.first)
      throw std::invalid_argument("Ipv6TargetSet: range " + range.first.to_string() + "-" +
                                  range.last.to_string() + " ends before it starts");
  std::sort(ranges.begin(), ranges.end(),
            [](const Ipv6Range& a, const Ipv6Range& b) { return a.first < b.first; });
  std::vector<Ipv6Range> merged;
  for (const auto& range : ranges) {
    if (!merged.empty() && (range.first == merged.back().first ||
                            wide(range.first) - 1 <= wide(merged.back().last))) {
      merged.back().last = std::max(merged.back().last, range.last);
    } else {
      merged.push_back(range);
    }
  }
  return merged;
}

// include minus exclude, both normalised; the result stays normalised.
// `next` is the first address not yet decided; `done` marks having passed
// the very last address, where next would wrap to ::.
std::vector<Ipv6Range> subtract(const std::vector<Ipv6Range>& include,
                                const std::vector<Ipv6Range>& exclude) {
  std::vector<Ipv6Range> result;
  auto cut = exclude.begin();
  for (const auto& range : include) {
    U128 next = wide(range.first);
    const U128 last = wide(range.last);
    bool done = false;
    while (cut != exclude.end() && wide(cut->last) < next) ++cut;
    for (auto c = cut; c != exclude.end() && !done && wide(c->first) <= last; ++c) {
      if (wide(c->first) > next) result.push_back({narrow(next), narrow(wide(c->first) - 1)});
      done = wide(c->last) >= last;
      next = wide(c->last) + 1;
    }
    if (!done) result.push_back({narrow(next), range.last});
  }
  return result;
}

}  // namespace

Ipv6TargetSet::Ipv6TargetSet(std::vector<Ipv6Range> include, const std::vector<Ipv6Range>& exclude)
    : ranges_(subtract(normalise(std::move(include)), normalise(exclude))) {
  starts_.reserve(ranges_.size());
  U128 total = 0;
  for (const auto& range : ranges_) {
    starts_.push_back(std::uint64_t(total));
    const U128 span = wide(range.last) - wide(range.first);  // size - 1: ::/0 does not wrap
    if (span >> 64 != 0 || (total += span + 1) >> 64 != 0)
      throw UsageError("too many IPv6 targets: 2^64 or more addresses cannot be scanned");
  }
  total_ = std::uint64_t(total);
}

Ipv6 Ipv6TargetSet::at(std::uint64_t index) const {
  const auto k = std::size_t(std::upper_bound(starts_.begin(), starts_.end(), index) - starts_.begin()) - 1;
  return narrow(wide(ranges_[k].first) + (index - starts_[k]));
}

std::optional<std::uint64_t> Ipv6TargetSet::position_of(Ipv6 address) const {
  // The last range starting at or before the address is the only one that
  // can hold it (ranges are sorted and disjoint).
  const auto after = std::upper_bound(ranges_.begin(), ranges_.end(), address,
                                      [](Ipv6 a, const Ipv6Range& r) { return a < r.first; });
  if (after == ranges_.begin() || std::prev(after)->last < address) return std::nullopt;
  const auto k = std::size_t(after - ranges_.begin()) - 1;
  return starts_[k] + std::uint64_t(wide(address) - wide(ranges_[k].first));
}

}  // namespace zeroscan
