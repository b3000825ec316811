// Dry run: everything a scan does to build its probes — permutation,
// cookie, template stamping — for pass 0, with nothing sent. Proves a
// configuration before it touches the network and measures how fast probes
// can be generated (no rate limit applies).
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
};

DryRunReport dry_run(const ScanSpace& space, const Permutation& permutation, const Cookie& cookie,
                     const ProbeTemplates& templates, const TargetMacs& macs);

}  // namespace zeroscan
