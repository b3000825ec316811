// PortSet: nmap-style port list parsing and the sorted port table.
#include "zeroscan/targets/port_set.h"

#include <algorithm>
#include <numeric>
#include <string>

#include "zeroscan/core/errors.h"

namespace zeroscan {

namespace {

[[noreturn]] void reject(std::string_view token, const std::string& reason) {
  const std::string quoted = token.size() <= 80 ? std::string(token)
                                                : std::string(token.substr(0, 80)) + "... (" + std::to_string(token.size()) + " bytes)";
  throw UsageError("bad port '" + quoted + "': " + reason);
}

std::string_view trim_blanks(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

// A decimal port number 0-65535; `token` is the whole entry, for the message.
std::uint16_t parse_port_number(std::string_view digits, std::string_view token) {
  if (digits.empty()) reject(token, "expected a port number 0-65535 or a range like 1-1024");
  std::uint32_t value = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') {
      reject(token, "expected a port number 0-65535 or a range like 1-1024 (service names are "
                    "not supported)");
    }
    value = value * 10 + std::uint32_t(c - '0');
    if (value > 65535) reject(token, "port numbers must be 0-65535");
  }
  return std::uint16_t(value);
}

// nmap's protocol qualifiers: only T: (TCP) means anything to a TCP scanner.
std::string_view strip_protocol_prefix(std::string_view entry) {
  if (entry.size() >= 2 && entry[1] == ':') {
    if (entry[0] == 'T' || entry[0] == 't') return entry.substr(2);
    reject(entry, "only TCP ports (T:) can be scanned");
  }
  return entry;
}

using PortInterval = std::pair<std::uint32_t, std::uint32_t>;  // first, last

// One entry: "22", "1-1024", "-1024" (from 1), "60000-" (to 65535), "-" (1-65535).
void add_entry(std::string_view entry, std::vector<PortInterval>& intervals) {
  const std::string_view body = strip_protocol_prefix(entry);
  const auto dash = body.find('-');
  if (dash == std::string_view::npos) {
    const std::uint32_t port = parse_port_number(body, entry);
    intervals.emplace_back(port, port);
    return;
  }
  // nmap: an omitted start is 1 (port 0 only when asked for), an omitted end 65535.
  const std::string_view low_text = body.substr(0, dash);
  const std::string_view high_text = body.substr(dash + 1);
  const std::uint32_t low = low_text.empty() ? 1 : parse_port_number(low_text, entry);
  const std::uint32_t high = high_text.empty() ? 65535 : parse_port_number(high_text, entry);
  if (high < low) reject(entry, "range end is below its start");
  intervals.emplace_back(low, high);
}

// The ports the intervals cover, each once, ascending: linear in the ports,
// however often a list repeats "1-65535".
std::vector<std::uint16_t> covered_ports(std::vector<PortInterval> intervals) {
  std::sort(intervals.begin(), intervals.end());
  std::vector<std::uint16_t> ports;
  std::uint32_t next = 0;  // first port not yet emitted
  for (const auto& [low, high] : intervals) {
    const std::uint32_t first = std::max(low, next);
    if (first > high) continue;
    // One block per interval, not a push per port: "-" is 65535 of them.
    const std::size_t old_size = ports.size();
    ports.resize(old_size + (high - first + 1));
    std::iota(ports.begin() + std::ptrdiff_t(old_size), ports.end(), std::uint16_t(first));
    next = high + 1;
  }
  return ports;
}

}  // namespace

PortSet::PortSet(std::vector<std::uint16_t> ports) : ports_(std::move(ports)) {
  std::sort(ports_.begin(), ports_.end());
  ports_.erase(std::unique(ports_.begin(), ports_.end()), ports_.end());
}

PortSet PortSet::parse(std::string_view spec) {
  if (trim_blanks(spec).empty()) throw UsageError("empty port list");
  std::vector<PortInterval> intervals;
  std::size_t entry_number = 1;
  for (std::size_t begin = 0;; ++entry_number) {
    const std::size_t comma = spec.find(',', begin);
    const std::string_view entry =
        trim_blanks(spec.substr(begin, comma == std::string_view::npos ? spec.npos : comma - begin));
    if (entry.empty()) {
      throw UsageError("bad port list '" + std::string(spec.substr(0, 80)) + (spec.size() > 80 ? "..." : "") +
                       "': entry " +
                       std::to_string(entry_number) + " is empty");
    }
    add_entry(entry, intervals);
    if (comma == std::string_view::npos) break;
    begin = comma + 1;
  }
  PortSet set;
  set.ports_ = covered_ports(std::move(intervals));  // sorted and unique already
  return set;
}

bool PortSet::contains(std::uint16_t port) const {
  return std::binary_search(ports_.begin(), ports_.end(), port);
}

std::size_t PortSet::index_of(std::uint16_t port) const {
  return std::size_t(std::lower_bound(ports_.begin(), ports_.end(), port) - ports_.begin());
}

}  // namespace zeroscan
