// Noise injected into held-out observations, one independent coin per kind:
// what real paths and stacks do to a textbook signature.
#pragma once

#include <cstdint>
#include <vector>

#include "random.h"
#include "zeroscan/fingerprint/features.h"

namespace zeroscan::eval_os {

struct NoiseModel {
  double rate = 0.1;                   // per sample, per kind
  std::vector<std::uint16_t> windows;  // windows seen in the data: realistic replacements
};

struct NoiseTally {
  long window_changed = 0;
  long option_dropped = 0;
  long ttl_shrunk = 0;
  long retransmissions_cut = 0;  // list truncated
  long retransmission_lost = 0;  // one copy removed
};

// window changed to another common window; one option (not NOP/EOL)
// dropped from the layout; TTL minus 1..15 hops; retransmissions truncated
// at a random point or one of them lost.
fingerprint::Features inject_noise(fingerprint::Features features, const NoiseModel& model,
                                   Random& random, NoiseTally& tally);

}  // namespace zeroscan::eval_os
