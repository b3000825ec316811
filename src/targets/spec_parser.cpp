// Target spec grammar: address, CIDR block, full or last-octet range,
// hostname (with optional prefix). Every rejection names the spec and why.
#include "spec_parser.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <thread>

#include "zeroscan/core/errors.h"

namespace zeroscan {

namespace {

// Error lines quote at most this much of the input: a 50 MB "target" must
// not become a 50 MB message.
constexpr std::size_t kQuoteLimit = 80;

std::string quoted(std::string_view text) {
  if (text.size() <= kQuoteLimit) return std::string(text);
  return std::string(text.substr(0, kQuoteLimit)) + "... (" + std::to_string(text.size()) + " bytes)";
}

[[noreturn]] void reject(std::string_view spec, const std::string& reason) {
  throw UsageError("bad target '" + quoted(spec) + "': " + reason);
}

constexpr unsigned kParallelLookups = 16;
// A lookup answered faster than this came from a cache, not the network.
constexpr std::chrono::milliseconds kSlowLookup{1};

const char* const kNotASpec =
    "not an address, CIDR block (198.18.0.0/16), range (198.18.0.1-198.18.0.9 or "
    "198.18.0.1-9) or hostname";

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Digits and dots only: meant as an address, so it must never fall through
// to the resolver (getaddrinfo would happily read "1.2.3" as 1.2.0.3).
bool looks_numeric(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!is_digit(c) && c != '.') return false;
  }
  return true;
}

// RFC 1123 host name shape (plus '_', which real DNS names carry): labels of
// 1-63 letters, digits, '-' or '_', not starting or ending with '-', at most
// 253 characters, an optional final dot, and at least one letter so that
// mistyped addresses are never sent to DNS.
bool looks_like_hostname(std::string_view text) {
  if (!text.empty() && text.back() == '.') text.remove_suffix(1);
  if (text.empty() || text.size() > 253) return false;
  bool has_letter = false;
  std::size_t label_length = 0;
  char previous = '.';
  for (char c : text) {
    if (c == '.') {
      if (label_length == 0 || previous == '-') return false;
      label_length = 0;
    } else {
      const bool letter = std::isalpha(static_cast<unsigned char>(c)) != 0;
      if (!letter && !is_digit(c) && c != '-' && c != '_') return false;
      if (c == '-' && label_length == 0) return false;
      if (++label_length > 63) return false;
      has_letter = has_letter || letter;
    }
    previous = c;
  }
  return label_length > 0 && previous != '-' && has_letter;
}

// "0".."255" in at most three decimal digits; -1 for anything else.
int parse_octet(std::string_view text) {
  if (text.empty() || text.size() > 3) return -1;
  int value = 0;
  for (char c : text) {
    if (!is_digit(c)) return -1;
    value = value * 10 + (c - '0');
  }
  return value <= 255 ? value : -1;
}

// "0".."32", one or two decimal digits; -1 for anything else.
int parse_prefix_length(std::string_view text) {
  if (text.empty() || text.size() > 2) return -1;
  int value = 0;
  for (char c : text) {
    if (!is_digit(c)) return -1;
    value = value * 10 + (c - '0');
  }
  return value <= 32 ? value : -1;
}

Ipv4Range cidr_block(Ipv4 address, int prefix_length) {
  // A shift by 32 is undefined, hence the /0 special case.
  const std::uint32_t mask = prefix_length == 0 ? 0 : ~std::uint32_t(0) << (32 - prefix_length);
  return {Ipv4(address.value & mask), Ipv4((address.value & mask) | ~mask)};
}

std::string lower_case(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::vector<Ipv4Range> SpecParser::parse(std::string_view spec) {
  if (spec.empty()) reject(spec, "empty target spec");
  if (const auto slash = spec.find('/'); slash != std::string_view::npos) {
    return parse_cidr(spec, slash);
  }
  if (const auto dash = spec.find('-'); dash != std::string_view::npos) {
    // Hostnames may contain '-' too: it is a range only if an address leads.
    if (const auto first = Ipv4::parse(spec.substr(0, dash))) {
      return parse_range(spec, *first, spec.substr(dash + 1));
    }
  }
  if (const auto address = Ipv4::parse(spec)) return {{*address, *address}};
  if (looks_numeric(spec)) reject(spec, "not a valid IPv4 address (four decimal octets 0-255)");
  if (looks_like_hostname(spec)) return parse_hostname(spec, spec, 32);
  reject(spec, kNotASpec);
}

std::vector<Ipv4Range> SpecParser::parse_cidr(std::string_view spec, std::size_t slash) {
  const std::string_view base = spec.substr(0, slash);
  const int prefix_length = parse_prefix_length(spec.substr(slash + 1));
  if (prefix_length < 0) reject(spec, "prefix length must be 0-32");
  if (const auto address = Ipv4::parse(base)) return {cidr_block(*address, prefix_length)};
  if (looks_numeric(base)) reject(spec, "not a valid IPv4 address (four decimal octets 0-255)");
  if (looks_like_hostname(base)) return parse_hostname(spec, base, prefix_length);
  reject(spec, kNotASpec);
}

std::vector<Ipv4Range> SpecParser::parse_range(std::string_view spec, Ipv4 first,
                                               std::string_view end) {
  Ipv4 last;
  if (const auto address = Ipv4::parse(end)) {
    last = *address;
  } else if (const int octet = parse_octet(end); octet >= 0) {
    last = Ipv4((first.value & 0xFFFFFF00u) | std::uint32_t(octet));
  } else {
    reject(spec, "range end must be an IPv4 address or a last octet 0-255");
  }
  if (last < first) {
    reject(spec, "range end " + last.to_string() + " is before its start " + first.to_string());
  }
  return {{first, last}};
}

std::vector<Ipv4Range> SpecParser::parse_hostname(std::string_view spec,
                                                  std::string_view hostname, int prefix_length) {
  std::vector<Ipv4Range> ranges;
  for (Ipv4 address : resolve(spec, hostname)) ranges.push_back(cidr_block(address, prefix_length));
  return ranges;
}

const std::vector<Ipv4>& SpecParser::resolve(std::string_view spec, std::string_view hostname) {
  if (!resolve_) reject(spec, "hostnames are not accepted here");
  std::string key = lower_case(hostname);
  auto found = resolved_.find(key);
  if (found == resolved_.end()) {
    found = resolved_.emplace(key, resolve_(std::string(hostname))).first;
  }
  if (found->second.empty()) reject(spec, "hostname does not resolve to an IPv4 address");
  return found->second;
}

// The same decisions as parse().
std::optional<std::string> SpecParser::hostname_of(std::string_view spec) {
  if (const auto slash = spec.find('/'); slash != std::string_view::npos) spec = spec.substr(0, slash);
  if (const auto dash = spec.find('-'); dash != std::string_view::npos && Ipv4::parse(spec.substr(0, dash)))
    return std::nullopt;
  if (Ipv4::parse(spec) || looks_numeric(spec) || !looks_like_hostname(spec)) return std::nullopt;
  return std::string(spec);
}

void SpecParser::resolve_all(const std::vector<std::string_view>& specs, const std::string& source) {
  if (!resolve_) return;  // parse() rejects hostnames itself
  std::vector<std::string> names;
  std::set<std::string> seen;
  for (std::string_view spec : specs) {
    const auto name = hostname_of(spec);
    if (!name) continue;
    std::string key = lower_case(*name);
    if (resolved_.count(key) || !seen.insert(key).second) continue;
    names.push_back(*name);
    if (names.size() > kMaxLookups)
      throw UsageError(quoted(source) + ": more than " + std::to_string(kMaxLookups) +
                       " host names to look up; resolve them first and list addresses");
  }
  std::vector<std::vector<Ipv4>> answers(names.size());
  std::vector<std::string> failures(names.size());
  std::atomic<std::size_t> next{0};
  auto look_up = [&](std::size_t i) {
    try {
      answers[i] = resolve_(names[i]);
    } catch (const std::exception& e) {
      failures[i] = e.what();
    }
  };
  auto worker = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < names.size();) look_up(i);
  };
  // Names that answer at once (a cache, /etc/hosts) are looked up right
  // here; the first lookup that waits starts the pool for the rest.
  while (next.load() < names.size()) {
    const auto started = std::chrono::steady_clock::now();
    look_up(next.fetch_add(1));
    if (std::chrono::steady_clock::now() - started > kSlowLookup) break;
  }
  std::vector<std::thread> pool;
  const std::size_t left = names.size() - std::min(names.size(), next.load());
  const std::size_t threads = std::min<std::size_t>(kParallelLookups, left);
  for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (std::thread& t : pool) t.join();

  std::size_t failed = 0;
  std::string first_failures;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (failures[i].empty()) {
      resolved_.emplace(lower_case(names[i]), std::move(answers[i]));
      continue;
    }
    if (++failed <= 3) first_failures += (first_failures.empty() ? "" : "; ") + quoted(failures[i]);
  }
  if (failed)
    throw SystemError("cannot look up " + std::to_string(failed) + " of " + std::to_string(names.size()) +
                      " host names (" + first_failures + (failed > 3 ? "; ..." : "") + ")");
}

}  // namespace zeroscan
