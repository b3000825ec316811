// TargetSet: the addresses to scan, as sorted disjoint inclusive ranges, so
// memory grows with the number of ranges, never with the address count (all
// of IPv4 is one range). Index i in [0, size()) maps to an address in
// ascending order; the permutation shuffles indices, not addresses.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "zeroscan/core/ipv4.h"

namespace zeroscan {

struct Ipv4Range {
  Ipv4 first;
  Ipv4 last;  // inclusive
  std::uint64_t size() const { return std::uint64_t(last.value) - first.value + 1; }
};

// Resolves a hostname to its IPv4 addresses (injected so tests never touch
// DNS). Returns an empty vector when the name does not resolve.
using HostResolver = std::vector<Ipv4> (*)(const std::string& hostname);
std::vector<Ipv4> resolve_with_getaddrinfo(const std::string& hostname);

// Parses one target spec: "198.18.0.7", "198.18.0.0/16",
// "198.18.0.1-198.18.3.255", or a hostname (resolved via `resolve`).
// Throws UsageError with a one-line message naming the bad spec.
std::vector<Ipv4Range> parse_target_spec(std::string_view spec, HostResolver resolve);

// Reads specs from a file: one or more per line separated by whitespace or
// commas; '#' starts a comment. "-" means standard input. Errors name
// file:line.
std::vector<std::string> read_target_file(const std::string& path);

// Address blocks that can never be unicast scan targets: 0.0.0.0/8,
// 224.0.0.0/4 (multicast), 240.0.0.0/4 (reserved + broadcast).
const std::vector<Ipv4Range>& never_valid_targets();

class TargetSet {
 public:
  TargetSet() = default;
  // Normalises: sorts, merges overlaps/adjacent ranges, subtracts excludes.
  TargetSet(std::vector<Ipv4Range> include, const std::vector<Ipv4Range>& exclude);

  std::uint64_t size() const { return total_; }
  bool empty() const { return total_ == 0; }
  Ipv4 at(std::uint64_t index) const;          // precondition: index < size()
  bool contains(Ipv4 address) const;           // O(log ranges)
  std::uint64_t index_of(Ipv4 address) const;  // precondition: contains(address)
  const std::vector<Ipv4Range>& ranges() const { return ranges_; }

 private:
  std::vector<Ipv4Range> ranges_;
  std::vector<std::uint64_t> starts_;  // starts_[k] = index of ranges_[k].first
  std::uint64_t total_ = 0;
};

}  // namespace zeroscan
