// Cross-validated accuracy of the OS matcher on Hershel+: observations are
// split per class into folds (seeded); each fold is held out in turn while a
// database is learned in memory from the others; held-out samples get noise
// and are matched with and without their retransmission timing.
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "noise.h"
#include "zeroscan/fingerprint/hershel_import.h"
#include "zeroscan/fingerprint/learn.h"
#include "zeroscan/fingerprint/matcher.h"

namespace zeroscan::eval_os {

struct EvaluationSetup {
  int folds = 5;
  double noise_rate = 0.1;
  std::uint64_t seed = 1;
  double gap_resolution_s = 0.5;  // for the ceiling's exact signatures
  fingerprint::MatcherOptions matcher;
  int show_misses = 0;  // print this many wrong or unknown answers (to stderr)
};

struct Score {
  long samples = 0;
  double label_top1 = 0;      // best-ranked label is the true label
  double label_answered = 0;  // ... and scored above the "unknown" threshold
  double label_ceiling = 0;
  long unknown = 0;
  long family_samples = 0;  // samples whose true family is known
  double family_top1 = 0;
  double family_ceiling = 0;
};

struct EvaluationResult {
  Score syn_ack_only;
  Score with_retransmissions;
  NoiseTally noise;
  long matches = 0;
  double matching_seconds = 0;
};

EvaluationResult evaluate(const std::vector<fingerprint::HershelObservation>& observations,
                          const std::map<int, fingerprint::EntryIdentity>& identities,
                          const EvaluationSetup& setup);

}  // namespace zeroscan::eval_os
