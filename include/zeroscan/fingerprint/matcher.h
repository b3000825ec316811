// Matcher: which stack family, stack and label best explain a host's
// Features. Family first: the prior is spread evenly over families, then
// over the family's labels, then over the label's entries, so a family with
// many entries does not swamp one with few (labels are ranked with an even
// prior over all labels: a small family's stack is no likelier a label). Each entry's likelihood is a
// naive Bayes product over the features with an explicit noise model (a
// changed default window, a stripped or NOPped option, a lost or missing
// retransmission, an odd initial TTL) and back-off (an option layout that
// differs only in padding or order still counts), each feature's likelihood
// ratio capped so that one rare coincidence cannot decide, and the whole
// tempered so that scores are calibrated on stacks held out of the
// database. A "not in the database" hypothesis follows the database-wide
// frequencies. Pure and const: one Matcher can serve many threads.
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
  // A window none of the entry's listed values or multiples explains, but
  // a whole number of segments as the entry's windows are: the rule holds
  // while the multiple moves with memory size and sysctls. This share of
  // the entry's segment windows goes to other multiples.
  double window_rule_share = 0.1;
  double option_stripped = 0.1;   // one option missing from the layout
  double options_other = 0.02;    // any other layout
  double mss_changed = 0.1;       // clamped on the path, or changed
  double ttl_changed = 0.02;      // an unusual initial TTL
  // A path of more than 32 hops, on which a TTL that started at 64 reads as
  // an initial TTL of 32 (TTLs only go down: a 32 never reads as 64).
  double ttl_long_path = 0.05;
  // A path of 4 to 32 hops, on which a TTL that started at 64 reads as 33..60,
  // the TTL class of AIX's 60 (ttl_class()): how often a 64-stack's reply
  // comes from that far. Half: scans of one's own networks reach hosts both
  // on the link and behind routers.
  double ttl_four_hops = 0.5;
  double other_changed = 0.05;    // every other categorical feature
  // A single reply lost on the way (the give-up RST, a port-0 answer): its
  // absence reads as "none" whatever the stack sent, while a reply can never
  // appear from a silent stack, so only "none" gets this allowance.
  double reply_lost = 0.05;
  // Retransmissions: one copy lost on the way; the list cut short (we
  // stopped listening, or the tail was lost); an arbitrary extra copy.
  double retransmission_lost = 0.05;
  // Loss comes in bursts (a congested queue, a flapping link: the
  // Gilbert-Elliott picture of real paths): once a copy is lost, the next
  // one is lost with this probability.
  double retransmission_lost_again = 0.5;
  double retransmissions_truncated = 0.1;
  double retransmission_spurious = 0.01;
  double timer_jitter_s = 0.03;      // added to every gap's measured spread
  double timer_jitter_fraction = 0.01;
  // Option layout back-off: the share of an entry's layout probability
  // given to a layout with the same option kinds in order (other padding),
  // and to one with the same set of kinds (another order).
  double layout_kinds_share = 0.2;
  double layout_set_share = 0.1;
  // No single feature may favour an entry over an unlisted stack by more
  // than this factor (a rare layout shared with one device is a coincidence
  // more often than a proof).
  double max_feature_ratio = 10;
  // Retransmission timing is measured, not a coincidence of defaults: its
  // cap is per retransmission gap and much higher.
  double max_gap_ratio = 1000;
  // The summed log likelihood ratios are divided by this: the features are
  // not independent (window, MSS and layout move together), so their naive
  // product can be overconfident. Fitted on held-out shapes (scripts/eval-os):
  // with the cap above and the family prior, 1 calibrates best.
  double temperature = 1;
  // Each family's prior share for a stack of the family that no entry lists
  // (a pooled entry carrying the family's traits).
  double family_generic_share = 0.9;
  // Prior of "none of the database's stacks", against all entries together.
  double unlisted_prior = 0.05;
  // Below these posteriors the answer is "unknown". A label is reported
  // only with its family.
  double min_label_score = 0.3;
  // min_family_score is set on the held-out-shape curve (scripts/eval-os,
  // seeds 1-3): at 0.77, 61-63.5% of hosts of a named lineage get a family,
  // 92.0-93.1% rightly (at 0.8: 59.7-62%; at 0.75: 90.1-91.2% right).
  double min_family_score = 0.77;
  std::size_t top_k = 4;
  std::size_t evidence_k = 4;  // features named as deciding evidence
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

// One feature's part in the answer: how much more likely the value is under
// the best entry of the answered family than under an unlisted stack.
struct Evidence {
  std::string feature;  // database key: "options", "window", "rto", ...
  std::string value;    // as observed, in the database's notation
  double log_ratio = 0;  // natural log, after the cap (before tempering)
};

struct MatchResult {
  bool known = false;  // label scores >= min_label_score and its family is reported
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
  std::vector<Evidence> evidence;  // strongest first, at most evidence_k
  std::string observed_entry;  // signature_line() of the features: an unnamed database line
};

// The human table's one-liner: "Linux (94%)" (family and its score), or
// "unknown".
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
