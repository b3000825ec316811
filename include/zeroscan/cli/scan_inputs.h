// ScanInputs: the scan options resolved into values the engine uses —
// target set (excludes subtracted, reserved blocks refused), port set, probe
// kinds, shard, seed and source ports. Pure apart from the injected resolver
// and the target files it reads, so every rule here is unit-tested.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "zeroscan/cli/scan_options.h"
#include "zeroscan/cookie/cookie.h"
#include "zeroscan/core/probe_kind.h"
#include "zeroscan/targets/ipv6_target_set.h"
#include "zeroscan/targets/mixed_targets.h"
#include "zeroscan/targets/permutation.h"
#include "zeroscan/targets/port_set.h"
#include "zeroscan/targets/target_set.h"

namespace zeroscan {

struct ScanInputs {
  TargetSet targets;
  std::vector<Ipv4Range> target_ranges;  // normalised, after excludes
  Ipv6TargetSet targets6;                 // after the IPv4 hosts in the scan space
  std::vector<Ipv6Range> target_ranges6;  // normalised, after excludes
  PortSet ports;
  std::vector<ProbeKind> kinds;
  ShardSpec shard;
  std::uint64_t seed = 0;
  SipKey cookie_key;
  SourcePortRange source_ports;
  std::vector<std::string> notes;  // one-line remarks for stderr (e.g. reserved blocks dropped)
};

// Targets of both families (targets/mixed_targets.h): hostnames through
// `resolve` (A), or with -6 through `resolve6` (AAAA). Throws UsageError
// with one line naming the bad input.
ScanInputs resolve_scan_inputs(const ScanOptions& options, HostResolver resolve,
                               std::uint64_t entropy_seed,
                               const std::function<const char*(const char*)>& getenv = nullptr,
                               const Ipv6HostResolver& resolve6 = nullptr);

// "I/N" with 0 <= I < N. Throws UsageError.
ShardSpec parse_shard(const std::string& text);

// --shard auto: the shard from a job scheduler's environment. Slurm job
// arrays: SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN of
// SLURM_ARRAY_TASK_COUNT; Kubernetes indexed jobs: JOB_COMPLETION_INDEX of
// `count` (--shard-count, which Kubernetes does not export). `getenv` is
// injected so tests need no environment. Throws UsageError naming what is
// missing.
using EnvLookup = std::function<const char*(const char*)>;
ShardSpec shard_from_environment(const EnvLookup& getenv, unsigned count);
// "40000-50000" or "40000". Throws UsageError.
SourcePortRange parse_source_ports(const std::string& text);
// The cookie key is derived from the seed (so a resumed run verifies the
// replies to its own order) and, for sharded scans, from the shard too: two
// shards running on one machine share its address, and each must reject
// the other's replies. SplitMix64 expansion.
SipKey cookie_key_from_seed(std::uint64_t seed, ShardSpec shard = {});

}  // namespace zeroscan
