// Matcher: which database stacks best explain a host's Features. A naive
// Bayes model over the features with an explicit noise model (a changed
// default window, a stripped option, a lost or missing retransmission, an
// odd initial TTL), plus a "not in the database" hypothesis whose features
// follow the database-wide frequencies. Scores are posteriors in [0,1];
// labels and families aggregate the entries that carry them. Pure and
// const: one Matcher can serve many threads.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "zeroscan/fingerprint/entry.h"
#include "zeroscan/fingerprint/features.h"

namespace zeroscan::fingerprint {

struct MatcherOptions {
  // Probability that a feature was disturbed (a sysctl, a middlebox, loss)
  // and shows an arbitrary value instead of the stack's own.
  double window_changed = 0.1;
  double option_stripped = 0.1;   // one option missing from the layout
  double options_other = 0.02;    // any other layout
  double mss_changed = 0.1;       // clamped on the path, or changed
  double ttl_changed = 0.02;      // >32 hops or an unusual initial TTL
  double other_changed = 0.05;    // every other categorical feature
  // Retransmissions: one copy lost on the way; the list cut short (we
  // stopped listening, or the tail was lost); an arbitrary extra copy.
  double retransmission_lost = 0.05;
  double retransmissions_truncated = 0.1;
  double retransmission_spurious = 0.01;
  double timer_jitter_s = 0.03;      // added to every gap's measured spread
  double timer_jitter_fraction = 0.01;
  // Prior of "none of the database's stacks", against all entries together.
  double unlisted_prior = 0.2;
  // Below these posteriors the answer is "unknown".
  double min_label_score = 0.3;
  double min_family_score = 0.5;
  std::size_t top_k = 4;
};

struct Candidate {
  std::string label;
  Family family = Family::Unknown;
  DeviceClass device = DeviceClass::Unknown;
  double score = 0;  // posterior, summed over the entries with this label
};

struct FamilyCandidate {
  Family family = Family::Unknown;
  double score = 0;  // posterior, summed over the family's entries
};

struct MatchResult {
  bool known = false;  // label is a database label scoring >= min_label_score
  std::string label;   // "unknown" when !known
  // The reported label's posterior; for "unknown", the best candidate's,
  // which fell short of the threshold.
  double score = 0;
  Family family = Family::Unknown;  // Unknown below min_family_score
  double family_score = 0;
  DeviceClass device = DeviceClass::Unknown;  // the best candidate's
  double unlisted_score = 0;          // posterior of "none of these stacks"
  std::vector<Candidate> candidates;  // best labels first, at most top_k
  std::vector<FamilyCandidate> families;  // best first, at most top_k
  std::string signature;              // signature_line() of the features
};

// The human table's one-liner: "Linux (94%)" (family and its score); the
// label and its score when the family is anonymous ("device111 (88%)");
// otherwise "unknown".
std::string summary(const MatchResult& result);

class Matcher {
 public:
  explicit Matcher(const Database& database, MatcherOptions options = {});
  ~Matcher();
  Matcher(Matcher&&) noexcept;
  Matcher& operator=(Matcher&&) noexcept;

  MatchResult match(const Features& features) const;

  struct Model;  // the database compiled for fast scoring (matcher_model.h)

 private:
  std::unique_ptr<const Model> model_;
  MatcherOptions options_;
};

}  // namespace zeroscan::fingerprint
