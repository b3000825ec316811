// SpecParser (private to src/targets): parses target specs and remembers
// every hostname it resolved, so a list or file naming one host many times
// asks the resolver once.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "zeroscan/targets/target_spec.h"

namespace zeroscan {

// The entries of a comma-separated target list, blanks around each trimmed.
// Throws UsageError for an empty list or an empty entry (named by number).
std::vector<std::string_view> split_target_list(std::string_view list);

class SpecParser {
 public:
  explicit SpecParser(HostResolver resolve) : resolve_(std::move(resolve)) {}

  // Throws UsageError "bad target '<spec>': <reason>" (the spec quoted up
  // to 80 bytes).
  std::vector<Ipv4Range> parse(std::string_view spec);

  // Looks up every hostname among `specs` at once, up to 16 at a time, so
  // parse() then answers from the cache (names that answer within 1 ms, as
  // from /etc/hosts or a cache, stay on the calling thread: no pool for
  // them). More than kMaxLookups distinct names is a UsageError (`source`
  // names where they came from); lookups that fail (no DNS server, ...) end
  // in one SystemError naming how many and the first few. The resolver must
  // be safe to call from several threads (getaddrinfo is).
  void resolve_all(const std::vector<std::string_view>& specs, const std::string& source);
  static constexpr std::size_t kMaxLookups = 4096;

  // The hostname `spec` names (without a "/prefix"), or nullopt when it is
  // an address, range or malformed: parse()'s own decision.
  static std::optional<std::string> hostname_of(std::string_view spec);

 private:
  std::vector<Ipv4Range> parse_cidr(std::string_view spec, std::size_t slash);
  std::vector<Ipv4Range> parse_range(std::string_view spec, Ipv4 first, std::string_view end);
  std::vector<Ipv4Range> parse_hostname(std::string_view spec, std::string_view hostname,
                                        int prefix_length);
  const std::vector<Ipv4>& resolve(std::string_view spec, std::string_view hostname);

  HostResolver resolve_;
  std::unordered_map<std::string, std::vector<Ipv4>> resolved_;  // key: lower-case name
};

}  // namespace zeroscan
