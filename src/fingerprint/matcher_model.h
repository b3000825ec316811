// Matcher::Model: the database compiled for scoring. Every feature value is
// interned to a small integer per field, each entry's distributions become
// (value id, probability) lists, and the database-wide background
// frequencies (the "unlisted stack" model) are precomputed, so scoring one
// host against all entries is integer compares and one log per feature.
// Internal to the fingerprint library.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "zeroscan/fingerprint/entry.h"
#include "zeroscan/fingerprint/matcher.h"

namespace zeroscan::fingerprint {

struct ValueProbability {
  int id = -1;
  double probability = 0;
};
using CompiledDistribution = std::vector<ValueProbability>;

// The probability the distribution gives value `id` (0 if absent or -1).
double probability_of(const CompiledDistribution& distribution, int id);

struct CompiledField {
  std::string key;
  std::unordered_map<std::string, int> ids;  // value as printed -> id
  std::vector<double> background;            // per id
  double unseen_background = 0;              // any value no entry lists
  // The id of the value that means "no reply" (giveup, port0: "none"), or
  // -1: a lost reply reads as that value whatever the stack sent.
  int silent_id = -1;

  double background_of(int id) const { return id < 0 ? unseen_background : background[id]; }
};

// An entry's retransmission gaps prepared for alignment: a span of copies
// (i, i+d] has mean mean_sum[i+d] - mean_sum[i] and the standard deviation
// sigma[i][d-1] (measured spread plus timer jitter), d = 1..kMaxSpan.
struct GapModel {
  // Up to five consecutive copies lost: loss comes in bursts (see
  // MatcherOptions::retransmission_lost_again), so long runs do happen.
  static constexpr int kMaxSpan = 6;
  std::vector<double> mean_sum;
  std::vector<std::array<double, kMaxSpan>> sigma;
  std::size_t size() const { return mean_sum.size() - 1; }
};

GapModel compile_gaps(const std::vector<GapExpectation>& gaps, const MatcherOptions& options);

// The retransmission noise model's constants, computed once per Matcher.
struct RetransmissionScoring {
  explicit RetransmissionScoring(const MatcherOptions& options);
  double outlier;
  double log_outlier;
  // log P(a span of d gaps between two kept copies), d = 1..kMaxSpan: the
  // first d-1 copies lost (a burst), the d-th kept.
  std::array<double, GapModel::kMaxSpan> log_span;
  double log_spurious;
  double log_truncated;
  double log_complete;
};

struct CompiledEntry {
  int label = 0;  // index into Model::labels; -1 for a generic entry
  Family family = Family::Unknown;
  DeviceClass device = DeviceClass::Unknown;
  std::vector<CompiledDistribution> fields;  // per CompiledField; empty = no expectation
  // Window as a multiple of the MSS (or of MSS-12 beside a timestamp),
  // written as "mss*K" or inferred from the entry's bytes and usual MSS.
  struct WindowMultiple {
    int multiple = 0;
    double probability = 0;
  };
  std::vector<WindowMultiple> window_multiples;
  // The sum of window_multiples' probabilities: how much of the entry's
  // window follows the rule "a whole number of segments", whatever K.
  double window_in_segments = 0;
  // The layout with one option stripped: (stripped-kinds id, probability).
  CompiledDistribution stripped_options;
  // Layout back-off: option kinds in order, and the set of kinds.
  CompiledDistribution layout_kinds;
  CompiledDistribution layout_set;
  std::optional<GapModel> gaps;
  double log_prior = 0;  // family, then label, then entry: see Matcher
  // For ranking labels, which are chosen among the listed stacks: an even
  // prior over labels, then over the label's entries (no family share).
  double label_log_prior = 0;
  bool generic = false;  // a family's pooled entry: no label of its own
};

// A coarser view of option layouts (kinds in order, or the set of kinds):
// ids per string and the database-wide frequencies, as for a field.
struct LayoutLevel {
  std::unordered_map<std::string, int> ids;
  std::vector<double> background;
  double unseen_background = 0;
  double background_of(int id) const { return id < 0 ? unseen_background : background[id]; }
  int id_of(const std::string& text) const {
    auto it = ids.find(text);
    return it == ids.end() ? -1 : it->second;
  }
};

struct Matcher::Model {
  explicit Model(const MatcherOptions& options)
      : scoring(options), reply_lost(options.reply_lost), window_rule_share(options.window_rule_share) {}

  std::vector<CompiledField> fields;
  std::vector<double> changed;  // per field: chance the value was disturbed
  RetransmissionScoring scoring;
  double reply_lost;  // MatcherOptions::reply_lost
  int window_field = -1;
  // How often an unlisted stack's window is a whole number of segments.
  double window_in_segments_background = 0;
  double window_rule_share = 0;  // MatcherOptions::window_rule_share
  int options_field = -1;
  std::unordered_map<std::string, int> stripped_kinds_ids;
  // How often an unlisted stack's layout, stripped of one option, would
  // read as each stripped-kinds string (per id; then for any other).
  std::vector<double> stripped_background;
  double stripped_unseen_background = 0;
  LayoutLevel kinds_level;
  LayoutLevel set_level;
  int port0_syn_field = -1;
  int port0_ack_field = -1;
  std::vector<CompiledEntry> entries;
  std::vector<std::string> labels;
  std::vector<DeviceClass> label_devices;
  std::vector<Family> label_families;

  static Model compile(const Database& database, const MatcherOptions& options);
};

// Option kinds in order without the padding (N, E): "MNWST" -> "MWST".
std::string option_kinds(const std::string& layout);

// The set of option kinds, in a fixed order: "MWST" and "MSTW" -> "MSTW".
std::string option_set(const std::string& layout);

// Every layout kinds string with exactly one option removed, deduplicated.
std::vector<std::string> with_one_option_stripped(const std::string& kinds);

// log of P(observed gaps | expected, noise) / P(observed gaps | unlisted
// stack). `scratch` is reused between calls to spare allocations.
double retransmission_log_ratio(const std::vector<double>& observed_gaps, const GapModel& expected,
                                const RetransmissionScoring& scoring, std::vector<double>& scratch);

}  // namespace zeroscan::fingerprint
