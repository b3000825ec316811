// TargetSet: the addresses to scan, as sorted disjoint inclusive ranges, so
// memory grows with the number of ranges, never with the address count (all
// of IPv4 is one range). Index i in [0, size()) maps to an address in
// ascending order; the permutation shuffles indices, not addresses.
//
// Spec parsing lives in target_spec.h and target_file.h, included here so
// one include gives the whole targets front end.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "zeroscan/core/ipv4.h"
#include "zeroscan/targets/ipv4_range.h"
#include "zeroscan/targets/target_file.h"
#include "zeroscan/targets/target_spec.h"

namespace zeroscan {

class TargetSet {
 public:
  TargetSet() = default;
  // Normalises: sorts, merges overlaps/adjacent ranges, subtracts excludes.
  // Throws std::invalid_argument for a range with first > last (a bug in
  // the caller: the parsers never produce one).
  TargetSet(std::vector<Ipv4Range> include, const std::vector<Ipv4Range>& exclude);

  std::uint64_t size() const { return total_; }
  bool empty() const { return total_ == 0; }
  Ipv4 at(std::uint64_t index) const;          // precondition: index < size()
  bool contains(Ipv4 address) const { return position_of(address).has_value(); }
  // The address's index (at(index) == address), or nullopt when the set
  // does not hold it. One binary search: O(log ranges).
  std::optional<std::uint64_t> position_of(Ipv4 address) const;
  const std::vector<Ipv4Range>& ranges() const { return ranges_; }

 private:
  std::vector<Ipv4Range> ranges_;
  std::vector<std::uint64_t> starts_;  // starts_[k] = index of ranges_[k].first
  std::uint64_t total_ = 0;
};

}  // namespace zeroscan
