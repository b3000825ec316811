// Both families' target specs behind one parser: the IPv6 forms, the IPv4
// parser (with its batched A lookups) and, with -6, AAAA lookups.
#include "zeroscan/targets/mixed_targets.h"

#include <map>

#include "spec_parser.h"
#include "zeroscan/core/errors.h"
#include "zeroscan/targets/target_file.h"

namespace zeroscan {

namespace {

class MixedParser {
 public:
  explicit MixedParser(const TargetParsing& parsing) : parsing_(parsing), v4_(parsing.resolve) {}

  // Looks up the IPv4 parser's hostnames at once (not with -6: those are AAAA).
  void prepare(const std::vector<std::string_view>& specs, const std::string& source) {
    if (!parsing_.ipv6_names) v4_.resolve_all(specs, source);
  }

  void parse(std::string_view spec, TargetRanges& out) {
    if (is_ipv6_target_spec(spec)) {
      out.v6.push_back(parse_ipv6_target_spec(spec, parsing_.huge));
      return;
    }
    if (parsing_.ipv6_names)
      if (const auto name = SpecParser::hostname_of(spec)) return parse_ipv6_name(spec, *name, out);
    const std::vector<Ipv4Range> ranges = v4_.parse(spec);
    out.v4.insert(out.v4.end(), ranges.begin(), ranges.end());
  }

 private:
  // "name" or "name/120": every AAAA address, as a /128 or with that prefix.
  void parse_ipv6_name(std::string_view spec, const std::string& name, TargetRanges& out) {
    if (!parsing_.resolve6) throw UsageError("bad target '" + std::string(spec) + "': hostnames are not accepted here");
    auto found = resolved_.find(name);
    if (found == resolved_.end()) found = resolved_.emplace(name, parsing_.resolve6(name)).first;
    if (found->second.empty())
      throw UsageError("bad target '" + std::string(spec) + "': hostname does not resolve to an IPv6 address");
    const std::string_view prefix = spec.substr(std::min(spec.size(), name.size()));  // "" or "/N"
    for (Ipv6 address : found->second)
      out.v6.push_back(parse_ipv6_target_spec(address.to_string() + std::string(prefix), parsing_.huge));
  }

  const TargetParsing& parsing_;
  SpecParser v4_;
  std::map<std::string, std::vector<Ipv6>> resolved_;
};

}  // namespace

void TargetRanges::append(const TargetRanges& more) {
  v4.insert(v4.end(), more.v4.begin(), more.v4.end());
  v6.insert(v6.end(), more.v6.begin(), more.v6.end());
}

TargetRanges parse_mixed_target_spec(std::string_view spec, const TargetParsing& parsing) {
  MixedParser parser(parsing);
  TargetRanges out;
  parser.parse(spec, out);
  return out;
}

TargetRanges parse_mixed_target_list(std::string_view list, const TargetParsing& parsing) {
  const std::vector<std::string_view> entries = split_target_list(list);
  MixedParser parser(parsing);
  parser.prepare(entries, "target list");
  TargetRanges out;
  for (std::string_view entry : entries) parser.parse(entry, out);
  return out;
}

namespace {

// The file walk's two steps for a mixed parser: batch the A lookups, parse each.
template <typename Visit>
TargetRanges parse_mixed_specs(const TargetParsing& parsing, Visit visit) {
  MixedParser parser(parsing);
  TargetRanges out;
  visit([&](const std::vector<std::string_view>& specs, const std::string& source) { parser.prepare(specs, source); },
        [&](std::string_view spec) { parser.parse(spec, out); });
  return out;
}

}  // namespace

TargetRanges parse_mixed_target_file(const std::string& path, const TargetParsing& parsing) {
  return parse_mixed_specs(parsing, [&](const SpecBatch& prepare, const SpecHandler& parse) {
    visit_target_file(path, prepare, parse);
  });
}

TargetRanges parse_mixed_target_stream(std::istream& in, const std::string& name, const TargetParsing& parsing) {
  return parse_mixed_specs(parsing, [&](const SpecBatch& prepare, const SpecHandler& parse) {
    visit_target_stream(in, name, prepare, parse);
  });
}

}  // namespace zeroscan
