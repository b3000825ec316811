// Public entry points for target specs: one spec, a comma-separated list,
// and the blocks no scan may include.
#include "zeroscan/targets/target_spec.h"

#include <algorithm>
#include <utility>

#include "spec_parser.h"
#include "zeroscan/core/errors.h"

namespace zeroscan {

namespace {

std::string_view trim_blanks(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

}  // namespace

std::vector<Ipv4Range> parse_target_spec(std::string_view spec, HostResolver resolve) {
  return SpecParser(std::move(resolve)).parse(spec);
}

std::vector<std::string_view> split_target_list(std::string_view list) {
  if (trim_blanks(list).empty()) throw UsageError("empty target list");
  std::vector<std::string_view> entries;
  for (std::size_t begin = 0; begin <= list.size();) {
    const std::size_t comma = std::min(list.find(',', begin), list.size());
    entries.push_back(trim_blanks(list.substr(begin, comma - begin)));
    if (entries.back().empty())
      throw UsageError("bad target list '" + std::string(list.substr(0, 80)) + (list.size() > 80 ? "..." : "") +
                       "': entry " + std::to_string(entries.size()) + " is empty");
    begin = comma + 1;
  }
  return entries;
}

std::vector<Ipv4Range> parse_target_list(std::string_view list, HostResolver resolve) {
  const std::vector<std::string_view> entries = split_target_list(list);
  SpecParser parser(std::move(resolve));
  parser.resolve_all(entries, "target list");
  std::vector<Ipv4Range> ranges;
  for (std::string_view entry : entries) {
    const auto parsed = parser.parse(entry);
    ranges.insert(ranges.end(), parsed.begin(), parsed.end());
  }
  return ranges;
}

const std::vector<Ipv4Range>& never_valid_targets() {
  // A constant table, built once on first use; never mutated.
  static const std::vector<Ipv4Range> blocks = {
      {Ipv4::from_octets(0, 0, 0, 0), Ipv4::from_octets(0, 255, 255, 255)},        // "this" network
      {Ipv4::from_octets(224, 0, 0, 0), Ipv4::from_octets(239, 255, 255, 255)},    // multicast
      {Ipv4::from_octets(240, 0, 0, 0), Ipv4::from_octets(255, 255, 255, 255)},    // reserved, broadcast
  };
  return blocks;
}

}  // namespace zeroscan
