// Dry run: everything a scan does to build its probes — permutation,
// cookie, template stamping — for pass 0, with nothing sent. Proves a
// configuration before it touches the network and measures how fast probes
// can be generated (no rate limit applies). A scan too large to build in
// full stops at max_probes (a sample of the order; `complete` says which).
#pragma once

#include <cstdint>

#include "zeroscan/engine/sender.h"

namespace zeroscan {

struct DryRunReport {
  std::uint64_t probes = 0;       // frames built
  std::uint64_t bytes = 0;
  std::uint64_t unreachable = 0;  // on-link targets without a MAC
  std::uint64_t checksum = 0;     // folds every frame, so none is optimised away
  double seconds = 0;
  bool complete = false;          // the whole order was built (not cut at max_probes)
};

DryRunReport dry_run(const ScanSpace& space, const Permutation& permutation, const Cookie& cookie,
                     const ProbeTemplates& templates, const TargetMacs& macs,
                     std::uint64_t max_probes = ~std::uint64_t(0), const Ipv6Probing* v6 = nullptr);

}  // namespace zeroscan
