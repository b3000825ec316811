// IPv6 addresses, prefixes and ranges as target specs, and the sweep-size
// refusal.
#include "zeroscan/targets/ipv6_target_spec.h"

#include <cmath>
#include <cstdio>
#include <string>

#include "zeroscan/core/errors.h"

namespace zeroscan {

namespace {

constexpr std::size_t kQuoteLimit = 80;  // a huge "target" must not become a huge message
constexpr double kReferenceRate = 1e7;   // probes a second: a fast scanner on a fast link
constexpr double kSecondsPerYear = 365.25 * 24 * 3600;

[[noreturn]] void reject(std::string_view spec, const std::string& reason) {
  const std::string shown = spec.size() <= kQuoteLimit
                                ? std::string(spec)
                                : std::string(spec.substr(0, kQuoteLimit)) + "...";
  throw UsageError("bad target '" + shown + "': " + reason);
}

Ipv6 parse_address(std::string_view spec, std::string_view text) {
  const auto address = Ipv6::parse(text);
  if (!address) reject(spec, "'" + std::string(text.substr(0, kQuoteLimit)) + "' is not an IPv6 address");
  return *address;
}

int parse_prefix_length(std::string_view spec, std::string_view text) {
  int length = 0;
  if (text.empty() || text.size() > 3) reject(spec, "prefix length must be 0-128");
  for (char c : text) {
    if (c < '0' || c > '9') reject(spec, "prefix length must be 0-128");
    length = length * 10 + (c - '0');
  }
  if (length > 128) reject(spec, "prefix length must be 0-128");
  return length;
}

Ipv6Range parse_prefix(std::string_view spec, std::size_t slash) {
  const Ipv6 address = parse_address(spec, spec.substr(0, slash));
  const Ipv6 mask = Ipv6::mask(parse_prefix_length(spec, spec.substr(slash + 1)));
  const Ipv6 first = address & mask;
  return Ipv6Range{first, first | ~mask};
}

Ipv6Range parse_range(std::string_view spec, std::size_t dash) {
  const Ipv6 first = parse_address(spec, spec.substr(0, dash));
  const Ipv6 last = parse_address(spec, spec.substr(dash + 1));
  if (last < first) reject(spec, "range ends before it starts");
  return Ipv6Range{first, last};
}

// floor(log2(size)) of a range, 128 for all of it.
int log2_size(const Ipv6Range& range) {
  Ipv6 size = range_span(range);  // size - 1 so far
  if (++size.lo == 0 && ++size.hi == 0) return 128;
  if (size.hi != 0) return 127 - __builtin_clzll(size.hi);
  return 63 - __builtin_clzll(size.lo);
}

double sweep_seconds(int log2_addresses) {
  return std::ldexp(1.0, log2_addresses) / kReferenceRate;
}

std::string duration_text(double seconds) {
  char text[64];
  const double years = seconds / kSecondsPerYear;
  if (years >= 1e6)
    std::snprintf(text, sizeof text, "%.1e years", years);
  else if (years >= 1)
    std::snprintf(text, sizeof text, "%.0f years", years);
  else if (seconds >= 2 * 86400)
    std::snprintf(text, sizeof text, "%.0f days", seconds / 86400);
  else if (seconds >= 2 * 3600)
    std::snprintf(text, sizeof text, "%.0f hours", seconds / 3600);
  else
    std::snprintf(text, sizeof text, "%.0f minutes", std::ceil(seconds / 60));
  return text;
}

// Says why: beyond a year of sending, the sweep is impossible; below it,
// merely beyond the bound a spec may hold without insisting.
[[noreturn]] void refuse_huge(std::string_view spec, const Ipv6Range& range, bool prefix) {
  const int bits = log2_size(range);
  const std::string what = prefix ? "a /" + std::to_string(128 - bits) : std::string("this range");
  const std::string holds = std::string(prefix ? "2^" : "at least 2^") + std::to_string(bits) + " addresses";
  const double seconds = sweep_seconds(bits);
  const std::string time = duration_text(seconds) + " at 10 million probes a second";
  if (seconds >= kSecondsPerYear)
    reject(spec, what + " cannot be swept: it holds " + holds + ", " + time +
                     ". IPv6 hosts are found from lists, not by sweeping; give at most 2^32 "
                     "addresses (a /96) per spec");
  reject(spec, what + " holds " + holds + " (" + time +
                   "), more than the 2^32 (a /96) a spec may hold unless you insist");
}

}  // namespace

bool is_ipv6_target_spec(std::string_view spec) {
  return spec.find(':') != std::string_view::npos;
}

Ipv6Range parse_ipv6_target_spec(std::string_view spec, HugeIpv6Sweep huge) {
  if (spec.empty()) reject(spec, "empty target");
  const std::size_t slash = spec.find('/');
  const std::size_t dash = spec.find('-');
  if (slash != std::string_view::npos && dash != std::string_view::npos)
    reject(spec, "a prefix or a range, not both");
  Ipv6Range range;
  if (slash != std::string_view::npos)
    range = parse_prefix(spec, slash);
  else if (dash != std::string_view::npos)
    range = parse_range(spec, dash);
  else
    range.first = range.last = parse_address(spec, spec);
  if (huge == HugeIpv6Sweep::Refuse && range.larger_than(kMaxIpv6SweepAddresses))
    refuse_huge(spec, range, slash != std::string_view::npos);
  return range;
}

const std::vector<Ipv6Range>& never_valid_ipv6_targets() {
  // A constant table, built once on first use; never mutated.
  static const std::vector<Ipv6Range> blocks = {
      {Ipv6(0, 0), Ipv6(0, 0)},                                        // unspecified
      {Ipv6(0, 0x0000ffff00000000ull), Ipv6(0, 0x0000ffffffffffffull)},  // IPv4-mapped
      {Ipv6(0xff00000000000000ull, 0), Ipv6(~0ull, ~0ull)},            // multicast
  };
  return blocks;
}

}  // namespace zeroscan
