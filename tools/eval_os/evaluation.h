// The protocols of scripts/eval-os (docs/fingerprinting.md, "Evaluation"):
//  - held out by stack: each stack (all entries sharing its label) is left
//    out of the database in turn and its observations matched;
//  - held out by shape: every stack whose usual SYN-ACK has the same shape
//    (initial TTL, DF, window rule, option kinds) is left out together, so
//    the answer cannot come from a twin;
//  - known stacks: 5-fold cross-validation over each Hershel+ stack's own
//    observations (the database holds the stack, not these observations),
//    and every SYN-ACK the p0f and lab entries list, against the database
//    that holds them.
// Every observation goes through the live parser with path noise (wire.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "corpus.h"
#include "wire.h"
#include "zeroscan/fingerprint/matcher.h"

namespace zeroscan::eval_os {

enum class Protocol { HeldOutStack, HeldOutShape, KnownStacks };

struct EvaluationSetup {
  Protocol protocol = Protocol::HeldOutShape;
  bool timed = false;  // with retransmission timing (--os-rto)
  PathNoise noise;
  std::uint64_t seed = 1;
  std::size_t per_stack = 5;  // observations matched per held-out stack
  int folds = 5;              // KnownStacks
  fingerprint::MatcherOptions matcher;
  int show_misses = 0;  // print this many wrong family answers (stderr)
  int show_label_misses = 0;  // print this many wrong first-ranked labels (stderr)
};

// One matched host.
struct Outcome {
  fingerprint::Family truth = fingerprint::Family::Unknown;
  std::string truth_label;
  std::string source;
  fingerprint::Family answered = fingerprint::Family::Unknown;  // Unknown: not answered
  fingerprint::Family ranked_first = fingerprint::Family::Unknown;
  double confidence = 0;  // the answered (or first-ranked) family's score
  bool label_right = false;  // first-ranked label is the truth's
};

struct EvaluationResult {
  std::vector<Outcome> outcomes;
  NoiseTally noise;
  double matching_seconds = 0;
};

EvaluationResult evaluate(const std::vector<Stack>& corpus, const EvaluationSetup& setup);

// Family figures over some outcomes.
struct FamilyFigures {
  long hosts = 0;
  long answered = 0;
  long right = 0;          // answered with the true family
  long first_right = 0;    // true family ranked first, answered or not
  double calibration_error = 0;  // ECE over answered hosts, 10 bins of confidence
  double mean_confidence = 0;    // over answered hosts
};

FamilyFigures family_figures(const std::vector<Outcome>& outcomes);

}  // namespace zeroscan::eval_os
