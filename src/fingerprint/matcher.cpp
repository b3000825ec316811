// Matcher::match: score every entry against one host's features, then turn
// scores into family and label posteriors beside the "unlisted" hypothesis.
// Each feature contributes log(P(value | entry) / P(value | unlisted)),
// capped at log(max_feature_ratio), so the unlisted hypothesis scores
// exactly zero and needs no loop of its own; the sum is tempered.
#include "zeroscan/fingerprint/matcher.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "entry_fields.h"
#include "matcher_model.h"
#include "observation.h"
#include "zeroscan/fingerprint/learn.h"

namespace zeroscan::fingerprint {
namespace {

struct ObservedField {
  bool present = false;
  bool silent = false;  // "no reply", which a lost reply also shows
  int id = -1;
  double background = 0;
  // log ratios for the two common cases, so most entries cost no log():
  double log_if_certain = 0;  // the entry always shows this value
  double log_if_absent = 0;   // the entry never does
};

// The host's features looked up once, before the loop over entries.
struct Observation {
  std::vector<ObservedField> fields;
  std::optional<int> window_multiple;
  int stripped_kinds_id = -1;
  double stripped_background = 0;
  int kinds_id = -1;  // layout back-off levels
  double kinds_background = 0;
  int set_id = -1;
  double set_background = 0;
  std::optional<std::vector<double>> gaps;
};

// A port-0 answer that is the same RST the closed port sent says nothing
// the closed port's RST did not: counting it again would double its weight.
void drop_repeated_port0(const Matcher::Model& model, const Features& features,
                         Observation& observation) {
  auto repeats = [](const std::optional<Port0Answer>& answer, const std::optional<RstFeatures>& rst) {
    return answer && rst && *answer == (rst->ack_flag ? Port0Answer::RstAck : Port0Answer::Rst);
  };
  if (model.port0_syn_field >= 0 && repeats(features.port0_syn, features.syn_rst)) {
    observation.fields[model.port0_syn_field].present = false;
  }
  if (model.port0_ack_field >= 0 && repeats(features.port0_ack, features.ack_rst)) {
    observation.fields[model.port0_ack_field].present = false;
  }
}

// P(no reply heard) when the stack stays silent with probability `silent`:
// its own silence, or its reply lost on the way.
double heard_as_silence(double silent, double lost) { return silent + lost * (1 - silent); }

Observation observe(const Matcher::Model& model, const Features& features) {
  const Entry observed = observation_entry(features, TtlReading::Class);
  Observation observation;
  std::size_t index = 0;
  for_each_field([&](std::string_view, auto path, const auto& codec, FieldNoise) {
    const CompiledField& field = model.fields[index++];
    ObservedField slot;
    const auto& distribution = path.in(observed);
    if (!distribution.empty()) {
      slot.present = true;
      auto it = field.ids.find(codec.format(distribution.front().value));
      slot.id = it == field.ids.end() ? -1 : it->second;
      slot.background = field.background_of(slot.id);
      const double changed = model.changed[index - 1];
      slot.silent = slot.id >= 0 && slot.id == field.silent_id;
      if (slot.silent) slot.background = heard_as_silence(slot.background, model.reply_lost);
      slot.log_if_certain = std::log((1 - changed) / slot.background + changed);
      slot.log_if_absent = std::log(slot.silent ? (1 - changed) * model.reply_lost / slot.background + changed
                                                : changed);
    }
    observation.fields.push_back(slot);
  });
  if (features.syn_ack) {
    if (features.syn_ack->window_mss_multiple) {
      observation.window_multiple = *features.syn_ack->window_mss_multiple;
    }
    auto it = model.stripped_kinds_ids.find(option_kinds(features.syn_ack->options));
    if (it != model.stripped_kinds_ids.end()) observation.stripped_kinds_id = it->second;
    observation.stripped_background = it != model.stripped_kinds_ids.end()
                                          ? model.stripped_background[it->second]
                                          : model.stripped_unseen_background;
    observation.kinds_id = model.kinds_level.id_of(option_kinds(features.syn_ack->options));
    observation.kinds_background = model.kinds_level.background_of(observation.kinds_id);
    observation.set_id = model.set_level.id_of(option_set(features.syn_ack->options));
    observation.set_background = model.set_level.background_of(observation.set_id);
  }
  drop_repeated_port0(model, features, observation);
  if (features.retransmissions) {
    observation.gaps = retransmission_gaps(features.retransmissions->arrivals_s);
  }
  return observation;
}

// P(window | entry): the listed value; else the same multiple of the MSS;
// else, for a window of another whole number of segments, the entry's
// segment rule, spread over such windows as an unlisted stack's would be.
double window_clean_probability(const Matcher::Model& model, const CompiledEntry& entry,
                                const CompiledDistribution& windows, const Observation& observation,
                                const ObservedField& observed) {
  const double exact = probability_of(windows, observed.id);
  if (exact > 0 || !observation.window_multiple) return exact;
  double by_multiple = 0;
  for (const auto& multiple : entry.window_multiples) {
    if (multiple.multiple == *observation.window_multiple) {
      by_multiple += multiple.probability;
    }
  }
  if (by_multiple > 0) return by_multiple;
  return model.window_rule_share * entry.window_in_segments * observed.background /
         model.window_in_segments_background;
}

// P(layout | entry) with back-off: the exact layout; else the same kinds in
// order with padding as an unlisted stack would pad; else the same set of
// kinds in an order an unlisted stack might use.
double layout_probability(const MatcherOptions& options, const CompiledEntry& entry,
                          const CompiledDistribution& layouts, const Observation& observation,
                          const ObservedField& observed) {
  const double exact = probability_of(layouts, observed.id);
  const double kinds = probability_of(entry.layout_kinds, observation.kinds_id);
  const double set = probability_of(entry.layout_set, observation.set_id);
  const double exact_share = 1 - options.layout_kinds_share - options.layout_set_share;
  return exact_share * exact +
         options.layout_kinds_share * kinds * observed.background / observation.kinds_background +
         options.layout_set_share * set * observed.background / observation.set_background;
}

// Where log_ratio reports each feature's part (nullptr: not wanted).
struct Contributions {
  std::vector<double> fields;
  double retransmissions = 0;
};

double log_ratio(const Matcher::Model& model, const MatcherOptions& options,
                 const CompiledEntry& entry, const Observation& observation,
                 std::vector<double>& scratch, Contributions* contributions = nullptr) {
  const double cap = std::log(options.max_feature_ratio);
  double total = 0;
  for (std::size_t f = 0; f < observation.fields.size(); ++f) {
    const ObservedField& observed = observation.fields[f];
    const CompiledDistribution& expected = entry.fields[f];
    // Nothing observed, or nothing expected: the entry predicts no better
    // than an unlisted stack would, a ratio of one.
    if (!observed.present || expected.empty()) continue;
    const double changed = model.changed[f];
    double part = 0;
    if (int(f) == model.options_field) {
      // Both hypotheses may have had an option stripped on the way.
      const double clean = layout_probability(options, entry, expected, observation, observed);
      const double stripped = probability_of(entry.stripped_options, observation.stripped_kinds_id);
      const double strip = options.option_stripped;
      const double entry_probability =
          (1 - strip - changed) * clean + strip * stripped + changed * observed.background;
      const double unlisted_probability =
          (1 - strip) * observed.background + strip * observation.stripped_background;
      part = std::log(entry_probability / unlisted_probability);
    } else {
      double clean = int(f) == model.window_field
                         ? window_clean_probability(model, entry, expected, observation, observed)
                         : probability_of(expected, observed.id);
      if (observed.silent) clean = heard_as_silence(clean, model.reply_lost);
      if (clean == 0) {
        part = observed.log_if_absent;
      } else if (clean == 1) {
        part = observed.log_if_certain;
      } else {
        part = std::log((1 - changed) * clean / observed.background + changed);
      }
    }
    part = std::min(part, cap);
    if (contributions) contributions->fields[f] = part;
    total += part;
  }
  if (observation.gaps && entry.gaps) {
    // Timing is many features in one (every gap): its cap is one per gap.
    const double gaps = double(std::max<std::size_t>(1, observation.gaps->size()));
    const double part =
        std::min(retransmission_log_ratio(*observation.gaps, *entry.gaps, model.scoring, scratch),
                 std::log(options.max_gap_ratio) * gaps);
    if (contributions) contributions->retransmissions = part;
    total += part;
  }
  return total;
}

// The features that most favoured the answer's best entry, strongest first.
std::vector<Evidence> deciding_evidence(const Matcher::Model& model, const MatcherOptions& options,
                                        const CompiledEntry& entry, const Observation& observation,
                                        const Features& features) {
  Contributions parts;
  parts.fields.assign(observation.fields.size(), 0);
  std::vector<double> scratch;
  log_ratio(model, options, entry, observation, scratch, &parts);
  const Entry observed = observation_entry(features, TtlReading::Class);
  std::vector<Evidence> evidence;
  std::size_t index = 0;
  for_each_field([&](std::string_view key, auto path, const auto& codec, FieldNoise) {
    const double part = parts.fields[index++];
    const auto& distribution = path.in(observed);
    if (part > 0 && !distribution.empty()) {
      evidence.push_back({std::string(key), codec.format(distribution.front().value), part});
    }
  });
  if (parts.retransmissions > 0 && features.retransmissions) {
    evidence.push_back({std::string(kGapsKey),
                        format_gaps(*observed.retransmissions.gaps), parts.retransmissions});
  }
  std::sort(evidence.begin(), evidence.end(),
            [](const Evidence& a, const Evidence& b) { return a.log_ratio > b.log_ratio; });
  if (evidence.size() > options.evidence_k) evidence.resize(options.evidence_k);
  return evidence;
}

}  // namespace

Matcher::Matcher(const Database& database, MatcherOptions options)
    : model_(std::make_unique<const Model>(Model::compile(database, options))), options_(options) {}
Matcher::~Matcher() = default;
Matcher::Matcher(Matcher&&) noexcept = default;
Matcher& Matcher::operator=(Matcher&&) noexcept = default;

MatchResult Matcher::match(const Features& features) const {
  const Model& model = *model_;
  const Observation observation = observe(model, features);
  MatchResult result;
  result.observed_entry = signature_line(features);
  result.label = "unknown";
  if (model.entries.empty()) {
    result.unlisted_score = 1;
    return result;
  }

  // Log posterior weights: each entry's prior (family, label, entry) plus
  // its tempered likelihood ratio; the unlisted hypothesis has ratio one.
  // Families are scored with their generic entries; labels among the listed
  // entries only (with the unlisted hypothesis), so that a label's score says
  // how well it beats the other listed stacks.
  const double unlisted_log_weight = std::log(options_.unlisted_prior);
  std::vector<double> log_ratios(model.entries.size());
  std::vector<double> scratch;
  double max_log = unlisted_log_weight;
  double max_label_log = unlisted_log_weight;
  for (std::size_t e = 0; e < model.entries.size(); ++e) {
    const CompiledEntry& entry = model.entries[e];
    log_ratios[e] = log_ratio(model, options_, entry, observation, scratch) / options_.temperature;
    max_log = std::max(max_log, entry.log_prior + log_ratios[e]);
    if (!entry.generic) max_label_log = std::max(max_label_log, entry.label_log_prior + log_ratios[e]);
  }
  double normaliser = std::exp(unlisted_log_weight - max_log);
  double label_normaliser = std::exp(unlisted_log_weight - max_label_log);
  for (std::size_t e = 0; e < model.entries.size(); ++e) {
    const CompiledEntry& entry = model.entries[e];
    normaliser += std::exp(entry.log_prior + log_ratios[e] - max_log);
    if (!entry.generic) label_normaliser += std::exp(entry.label_log_prior + log_ratios[e] - max_label_log);
  }

  std::vector<double> label_scores(model.labels.size(), 0);
  std::vector<double> family_scores(std::size_t(Family::Unknown) + 1, 0);
  std::vector<double> log_weights(model.entries.size());
  for (std::size_t e = 0; e < model.entries.size(); ++e) {
    const CompiledEntry& entry = model.entries[e];
    log_weights[e] = entry.log_prior + log_ratios[e];
    family_scores[std::size_t(entry.family)] += std::exp(log_weights[e] - max_log) / normaliser;
    if (!entry.generic) {
      label_scores[entry.label] +=
          std::exp(entry.label_log_prior + log_ratios[e] - max_label_log) / label_normaliser;
    }
  }
  result.unlisted_score = std::exp(unlisted_log_weight - max_log) / normaliser;

  std::vector<int> order(model.labels.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = int(i);
  const std::size_t shown = std::min(std::max<std::size_t>(options_.top_k, 1), order.size());
  std::partial_sort(order.begin(), order.begin() + shown, order.end(),
                    [&](int a, int b) { return label_scores[a] > label_scores[b]; });
  for (std::size_t i = 0; i < shown; ++i) {
    const int label = order[i];
    result.candidates.push_back({model.labels[label], model.label_families[label],
                                 model.label_devices[label], label_scores[label]});
  }

  std::vector<int> family_order(family_scores.size());
  for (std::size_t i = 0; i < family_order.size(); ++i) family_order[i] = int(i);
  std::stable_sort(family_order.begin(), family_order.end(),
                   [&](int a, int b) { return family_scores[a] > family_scores[b]; });
  for (std::size_t i = 0; i < std::max<std::size_t>(options_.top_k, 1) && i < family_order.size(); ++i) {
    result.families.push_back({Family(family_order[i]), family_scores[family_order[i]]});
  }
  const FamilyCandidate& best_family = result.families.front();
  result.family_score = best_family.score;
  if (best_family.score >= options_.min_family_score && best_family.score >= result.unlisted_score) {
    result.family = best_family.family;
  }

  // Family first: the label is the best one of the best family, reported
  // only with its family.
  int best_label = order.front();
  for (std::size_t l = 0; l < model.labels.size(); ++l) {
    if (model.label_families[l] == best_family.family &&
        (model.label_families[best_label] != best_family.family ||
         label_scores[l] > label_scores[best_label])) {
      best_label = int(l);
    }
  }
  result.score = label_scores[best_label];
  result.device = model.label_devices[best_label];
  result.known = result.family != Family::Unknown && result.score >= options_.min_label_score &&
                 result.score >= result.unlisted_score;
  if (result.known) result.label = model.labels[best_label];

  // The evidence: the answered family's most probable entry.
  std::size_t best_entry = model.entries.size();
  for (std::size_t e = 0; e < model.entries.size(); ++e) {
    if (model.entries[e].family != best_family.family) continue;
    if (best_entry == model.entries.size() || log_weights[e] > log_weights[best_entry]) best_entry = e;
  }
  if (best_entry < model.entries.size()) {
    result.evidence =
        deciding_evidence(model, options_, model.entries[best_entry], observation, features);
  }
  return result;
}

std::string summary(const MatchResult& result) {
  char text[160];
  if (result.family == Family::Unknown) return "unknown";
  std::snprintf(text, sizeof text, "%s (%.0f%%)", std::string(to_string(result.family)).c_str(),
                100 * result.family_score);
  return text;
}

}  // namespace zeroscan::fingerprint
