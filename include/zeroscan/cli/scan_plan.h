// ScanPlan: the first two steps of a scan — parse and validate — done
// before anything on the system is opened. Everything here is decided from
// the options alone (plus target files and name lookups), so the dry run
// and the real scan share it, and its rules are unit-tested.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "zeroscan/cli/output_checks.h"
#include "zeroscan/cli/scan_inputs.h"
#include "zeroscan/cli/scan_options.h"
#include "zeroscan/engine/scan_space.h"
#include "zeroscan/net/next_hop_plan.h"
#include "zeroscan/ports/port_database.h"
#include "zeroscan/targets/permutation.h"

namespace zeroscan {

// Above this many probes a scan takes days at ordinary rates: it prints
// its estimate and needs --yes.
constexpr std::uint64_t kLargeScanProbes = std::uint64_t(1) << 36;

// What a scan would send, before retries: probes of this shard, bytes, and
// how long that takes at --rate.
struct ScanCost {
  std::uint64_t probes = 0;
  std::uint64_t bytes = 0;
  double seconds = 0;       // probes / rate
  unsigned attempts = 1;    // each unanswered probe is sent up to this many times
  double wait_seconds = 0;  // cooldown after the last probe
};

class ScanPlan {
 public:
  // Parses: --top-ports, targets (files, names), ports, kinds, shard, seed.
  // Throws UsageError.
  ScanPlan(const ScanOptions& given, const ports::PortDatabase& port_db, std::uint64_t entropy_seed);
  ScanPlan(const ScanPlan&) = delete;
  ScanPlan& operator=(const ScanPlan&) = delete;

  const ScanOptions options;
  const ScanInputs inputs;
  const ScanSpace space;
  const Permutation permutation;
  const NextHopOverrides overrides;  // -e, -S, --router-mac
  const std::optional<Ipv6> source_ip6;  // -S given an IPv6 address

  ScanCost cost(std::size_t frame_bytes) const;
  // Files the scan writes (every -o, --pcap and its sidecar) and reads.
  std::vector<NamedPath> outputs() const;
  std::vector<NamedPath> inputs_read() const;
};

// The scan's rules that need no system resource: --os-rto needs -O, IPv6
// targets not with what cannot handle them yet (-O, -sn, --pcap), no
// output clobbers an input or another output, -e names an interface that
// exists, and a scan above kLargeScanProbes has --yes (or is a dry run).
// Throws UsageError; the large-scan one carries the estimate.
void validate(const ScanPlan& plan);

// "562949953421312 probes (2^49.0, 41658296553390088 bytes), about 1784
// years at --rate 10000" (bytes left out when 0)
std::string describe_cost(const ScanCost& cost, double rate);

}  // namespace zeroscan
