// TargetSet: normalising include/exclude ranges and mapping between scan
// indices and addresses.
#include "zeroscan/targets/target_set.h"

#include <algorithm>
#include <stdexcept>

namespace zeroscan {

namespace {

// Sorted, with overlapping and touching ranges merged. Ends are compared in
// 64 bits so 255.255.255.255 + 1 does not wrap to 0.0.0.0.
std::vector<Ipv4Range> normalise(std::vector<Ipv4Range> ranges) {
  for (const auto& range : ranges) {
    if (range.last < range.first) {
      throw std::invalid_argument("TargetSet: range " + range.first.to_string() + "-" +
                                  range.last.to_string() + " ends before it starts");
    }
  }
  std::sort(ranges.begin(), ranges.end(),
            [](const Ipv4Range& a, const Ipv4Range& b) { return a.first < b.first; });
  std::vector<Ipv4Range> merged;
  for (const auto& range : ranges) {
    if (!merged.empty() && std::uint64_t(range.first.value) <= std::uint64_t(merged.back().last.value) + 1) {
      merged.back().last = std::max(merged.back().last, range.last);
    } else {
      merged.push_back(range);
    }
  }
  return merged;
}

// include minus exclude, both normalised; the result stays normalised.
std::vector<Ipv4Range> subtract(const std::vector<Ipv4Range>& include,
                                const std::vector<Ipv4Range>& exclude) {
  std::vector<Ipv4Range> result;
  auto cut = exclude.begin();
  for (const auto& range : include) {
    std::uint64_t next = range.first.value;  // first address not yet decided
    const std::uint64_t last = range.last.value;
    while (cut != exclude.end() && cut->last.value < next) ++cut;
    for (auto c = cut; c != exclude.end() && c->first.value <= last && next <= last; ++c) {
      if (c->first.value > next) result.push_back({Ipv4(std::uint32_t(next)), Ipv4(c->first.value - 1)});
      next = std::uint64_t(c->last.value) + 1;
    }
    if (next <= last) result.push_back({Ipv4(std::uint32_t(next)), range.last});
  }
  return result;
}

}  // namespace

TargetSet::TargetSet(std::vector<Ipv4Range> include, const std::vector<Ipv4Range>& exclude)
    : ranges_(subtract(normalise(std::move(include)), normalise(exclude))) {
  starts_.reserve(ranges_.size());
  for (const auto& range : ranges_) {
    starts_.push_back(total_);
    total_ += range.size();
  }
}

Ipv4 TargetSet::at(std::uint64_t index) const {
  const auto k = std::size_t(std::upper_bound(starts_.begin(), starts_.end(), index) - starts_.begin()) - 1;
  return Ipv4(ranges_[k].first.value + std::uint32_t(index - starts_[k]));
}

std::optional<std::uint64_t> TargetSet::position_of(Ipv4 address) const {
  // The last range starting at or before the address is the only one that
  // can hold it (ranges are sorted and disjoint).
  const auto after = std::upper_bound(ranges_.begin(), ranges_.end(), address,
                                      [](Ipv4 a, const Ipv4Range& r) { return a < r.first; });
  if (after == ranges_.begin() || std::prev(after)->last < address) return std::nullopt;
  const auto k = std::size_t(after - ranges_.begin()) - 1;
  return starts_[k] + (address.value - ranges_[k].first.value);
}

}  // namespace zeroscan
