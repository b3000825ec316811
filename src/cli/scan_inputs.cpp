// From parsed options to the values a scan runs on.
#include "zeroscan/cli/scan_inputs.h"

#include <algorithm>
#include <optional>

#include "zeroscan/core/errors.h"

namespace zeroscan {

namespace {

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// For Ipv4Range and Ipv6Range alike.
template <typename Range>
bool overlaps(const Range& a, const Range& b) {
  return !(b.last < a.first) && !(a.last < b.first);
}

template <typename Range>
bool inside(const Range& inner, const Range& outer) {
  return !(inner.first < outer.first) && !(outer.last < inner.last);
}

// Multicast, "this network" and such can never answer a unicast probe. A
// spec lying wholly inside one is a mistake: refuse it. A wide spec that
// merely covers one (0.0.0.0/0) gets them subtracted, with a note.
template <typename Range>
void drop_reserved(const std::vector<Range>& include, const std::vector<Range>& reserved_blocks,
                   std::vector<Range>& exclude, std::vector<std::string>& notes) {
  for (const Range& r : include)
    for (const Range& reserved : reserved_blocks)
      if (inside(r, reserved))
        throw UsageError("target " + r.first.to_string() + "-" + r.last.to_string() + " lies in " +
                         reserved.first.to_string() + "-" + reserved.last.to_string() +
                         ", which never holds unicast hosts (use --allow-reserved to insist)");
  for (const Range& reserved : reserved_blocks) {
    if (std::any_of(include.begin(), include.end(), [&](const Range& r) { return overlaps(r, reserved); }))
      notes.push_back("skipping reserved block " + reserved.first.to_string() + "-" + reserved.last.to_string() +
                      " (--allow-reserved to include it)");
    exclude.push_back(reserved);
  }
}

std::uint64_t parse_unsigned(const std::string& text, const std::string& what) {
  if (text.empty() || text.size() > 19 || !std::all_of(text.begin(), text.end(), ::isdigit))
    throw UsageError("bad " + what + " '" + text + "': expected a number");
  return std::stoull(text);
}

// --exclude-ports: what is left must still be something to scan.
PortSet without(const PortSet& ports, const PortSet& excluded) {
  std::vector<std::uint16_t> kept;
  for (std::size_t i = 0; i < ports.size(); ++i)
    if (!excluded.contains(ports.at(i))) kept.push_back(ports.at(i));
  if (kept.empty()) throw UsageError("--exclude-ports leaves no port to scan");
  return PortSet(std::move(kept));
}

}  // namespace

ShardSpec parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  if (slash == std::string::npos) throw UsageError("bad --shard '" + text + "': expected I/N, e.g. 0/4");
  const std::uint64_t index = parse_unsigned(text.substr(0, slash), "--shard index");
  const std::uint64_t count = parse_unsigned(text.substr(slash + 1), "--shard count");
  if (count == 0 || count > 65536) throw UsageError("bad --shard '" + text + "': N must be 1-65536");
  if (index >= count)
    throw UsageError("bad --shard '" + text + "': I counts from 0 and must be below N");
  return ShardSpec{std::uint32_t(index), std::uint32_t(count)};
}

ShardSpec shard_from_environment(const EnvLookup& getenv, unsigned count) {
  auto number = [&](const char* name) -> std::optional<std::uint64_t> {
    const char* value = getenv ? getenv(name) : nullptr;
    if (!value || !*value) return std::nullopt;
    return parse_unsigned(value, std::string("$") + name);
  };
  if (const auto task = number("SLURM_ARRAY_TASK_ID")) {
    const auto tasks = number("SLURM_ARRAY_TASK_COUNT");
    if (!tasks) throw UsageError("--shard auto: SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not");
    const std::uint64_t first = number("SLURM_ARRAY_TASK_MIN").value_or(0);
    if (*task < first) throw UsageError("--shard auto: SLURM_ARRAY_TASK_ID is below SLURM_ARRAY_TASK_MIN");
    return parse_shard(std::to_string(*task - first) + "/" + std::to_string(*tasks));
  }
  if (const auto index = number("JOB_COMPLETION_INDEX")) {
    if (count == 0)
      throw UsageError("--shard auto under a Kubernetes indexed job needs --shard-count N (the job's completions)");
    return parse_shard(std::to_string(*index) + "/" + std::to_string(count));
  }
  throw UsageError(
      "--shard auto: no job array found (SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX); use --shard I/N");
}

SourcePortRange parse_source_ports(const std::string& text) {
  const auto dash = text.find('-');
  const std::uint64_t first = parse_unsigned(text.substr(0, dash), "--source-port");
  const std::uint64_t last =
      dash == std::string::npos ? first : parse_unsigned(text.substr(dash + 1), "--source-port");
  if (first < 1 || last > 65535 || first > last)
    throw UsageError("bad --source-port '" + text + "': expected a range within 1-65535");
  return SourcePortRange{std::uint16_t(first), std::uint16_t(last - first + 1)};
}

SipKey cookie_key_from_seed(std::uint64_t seed, ShardSpec shard) {
  std::uint64_t state = seed ^ 0x636f6f6b69650000ULL;  // domain-separate from the permutation
  if (shard.count > 1) state ^= splitmix64(state) ^ (std::uint64_t(shard.index) << 32 | shard.count);
  SipKey key;
  key.k0 = splitmix64(state);
  key.k1 = splitmix64(state);
  return key;
}

ScanInputs resolve_scan_inputs(const ScanOptions& o, HostResolver resolve, std::uint64_t entropy_seed,
                               const EnvLookup& lookup_env, const Ipv6HostResolver& resolve6) {
  ScanInputs in;

  const TargetParsing parsing{std::move(resolve), resolve6, o.ipv6_names,
                              o.huge_ipv6_sweep ? HugeIpv6Sweep::Allow : HugeIpv6Sweep::Refuse};
  TargetRanges include;
  for (const std::string& spec : o.targets) include.append(parse_mixed_target_spec(spec, parsing));
  for (const std::string& file : o.input_lists) include.append(parse_mixed_target_file(file, parsing));
  if (include.empty()) throw UsageError("no targets given (see zeroscan --help)");

  TargetRanges exclude;
  for (const std::string& list : o.excludes) exclude.append(parse_mixed_target_list(list, parsing));
  for (const std::string& file : o.exclude_files) exclude.append(parse_mixed_target_file(file, parsing));

  if (!o.allow_reserved) {
    drop_reserved(include.v4, never_valid_targets(), exclude.v4, in.notes);
    drop_reserved(include.v6, never_valid_ipv6_targets(), exclude.v6, in.notes);
  }

  in.targets = TargetSet(std::move(include.v4), exclude.v4);
  in.target_ranges = in.targets.ranges();
  in.targets6 = Ipv6TargetSet(std::move(include.v6), exclude.v6);
  in.target_ranges6 = in.targets6.ranges();
  if (in.targets.empty() && in.targets6.empty()) throw UsageError("every target is excluded: nothing to scan");

  // -sn scans no ports: its probes are the discovery slots (scan_plan).
  if (!o.discovery.ping_scan) {
    in.ports = PortSet::parse(o.ports);
    if (!o.nmap.exclude_ports.empty()) in.ports = without(in.ports, PortSet::parse(o.nmap.exclude_ports));
    if (o.syn || !o.ack) in.kinds.push_back(ProbeKind::Syn);
    if (o.ack) in.kinds.push_back(ProbeKind::Ack);
  }
  in.shard = o.shard == "auto" ? shard_from_environment(lookup_env, o.shard_count) : parse_shard(o.shard);
  // Shards split one order; each picking its own seed would split different
  // orders and the union would miss and repeat pairs.
  if (in.shard.count > 1 && !o.seed)
    throw UsageError("sharded scans need --seed N (the same on every shard) so they share one order");
  in.seed = o.seed.value_or(entropy_seed);
  in.cookie_key = cookie_key_from_seed(in.seed, in.shard);
  if (!o.source_ports.empty()) in.source_ports = parse_source_ports(o.source_ports);
  return in;
}

}  // namespace zeroscan
