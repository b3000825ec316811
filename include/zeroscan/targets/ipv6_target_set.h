// Ipv6TargetSet: TargetSet's IPv6 twin — the addresses to scan as sorted
// disjoint inclusive ranges, index i in [0, size()) mapping to an address
// in ascending order. Meant to sit after the IPv4 set in one index space
// (hosts [0, n4) IPv4, [n4, n4 + n6) IPv6), so the permutation, shards and
// resume need no change for a mixed scan.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "zeroscan/core/ipv6.h"
#include "zeroscan/targets/ipv6_target_spec.h"

namespace zeroscan {

class Ipv6TargetSet {
 public:
  Ipv6TargetSet() = default;
  // Normalises: sorts, merges overlapping and adjacent ranges, subtracts
  // the excludes. Throws std::invalid_argument for a range with first >
  // last (a caller's bug: the parser never makes one), and UsageError when
  // 2^64 or more addresses remain — an index could not name them all.
  Ipv6TargetSet(std::vector<Ipv6Range> include, const std::vector<Ipv6Range>& exclude);

  std::uint64_t size() const { return total_; }
  bool empty() const { return total_ == 0; }
  Ipv6 at(std::uint64_t index) const;  // precondition: index < size()
  bool contains(Ipv6 address) const { return position_of(address).has_value(); }
  // The address's index (at(index) == address), or nullopt when the set
  // does not hold it. One binary search: O(log ranges).
  std::optional<std::uint64_t> position_of(Ipv6 address) const;
  const std::vector<Ipv6Range>& ranges() const { return ranges_; }

 private:
  std::vector<Ipv6Range> ranges_;
  std::vector<std::uint64_t> starts_;  // starts_[k] = index of ranges_[k].first
  std::uint64_t total_ = 0;
};

}  // namespace zeroscan
