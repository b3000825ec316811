// Matcher::match: score every entry against one host's features, then turn
// scores into label and family posteriors beside the "unlisted" hypothesis.
// Each feature contributes log(P(value | entry) / P(value | unlisted)), so
// the unlisted hypothesis scores exactly zero and needs no loop of its own.
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
  std::optional<std::vector<double>> gaps;
};

Observation observe(const Matcher::Model& model, const Features& features) {
  const Entry observed = observation_entry(features);
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
      slot.log_if_certain = std::log((1 - changed) / slot.background + changed);
      slot.log_if_absent = std::log(changed);
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
  }
  if (features.retransmissions) {
    observation.gaps = retransmission_gaps(features.retransmissions->arrivals_s);
  }
  return observation;
}

double probability_of(const CompiledDistribution& distribution, int id) {
  if (id < 0) return 0;
  for (const ValueProbability& value : distribution) {
    if (value.id == id) return value.probability;
  }
  return 0;
}

double window_clean_probability(const CompiledEntry& entry, const CompiledDistribution& windows,
                                const Observation& observation, int id) {
  const double exact = probability_of(windows, id);
  if (exact > 0 || !observation.window_multiple) return exact;
  double by_multiple = 0;
  for (const auto& multiple : entry.window_multiples) {
    if (multiple.multiple == *observation.window_multiple) {
      by_multiple += multiple.probability * multiple.credit;
    }
  }
  return by_multiple;
}

double log_ratio(const Matcher::Model& model, const MatcherOptions& options,
                 const CompiledEntry& entry, const Observation& observation,
                 std::vector<double>& scratch) {
  double total = 0;
  for (std::size_t f = 0; f < observation.fields.size(); ++f) {
    const ObservedField& observed = observation.fields[f];
    const CompiledDistribution& expected = entry.fields[f];
    // Nothing observed, or nothing expected: the entry predicts no better
    // than an unlisted stack would, a ratio of one.
    if (!observed.present || expected.empty()) continue;
    const double changed = model.changed[f];
    if (int(f) == model.options_field) {
      // Both hypotheses may have had an option stripped on the way.
      const double clean = probability_of(expected, observed.id);
      const double stripped = probability_of(entry.stripped_options, observation.stripped_kinds_id);
      const double strip = options.option_stripped;
      const double entry_probability =
          (1 - strip - changed) * clean + strip * stripped + changed * observed.background;
      const double unlisted_probability =
          (1 - strip) * observed.background + strip * observation.stripped_background;
      total += std::log(entry_probability / unlisted_probability);
      continue;
    }
    const double clean = int(f) == model.window_field
                             ? window_clean_probability(entry, expected, observation, observed.id)
                             : probability_of(expected, observed.id);
    if (clean == 0) {
      total += observed.log_if_absent;
    } else if (clean == 1) {
      total += observed.log_if_certain;
    } else {
      total += std::log((1 - changed) * clean / observed.background + changed);
    }
  }
  if (observation.gaps && entry.gaps) {
    total += retransmission_log_ratio(*observation.gaps, *entry.gaps, model.scoring, scratch);
  }
  return total;
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
  result.signature = signature_line(features);
  result.label = "unknown";
  if (model.entries.empty()) {
    result.unlisted_score = 1;
    return result;
  }

  // Log posterior weights: entries share 1 - unlisted_prior evenly; the
  // unlisted hypothesis has ratio one by construction.
  const double entry_log_prior =
      std::log((1 - options_.unlisted_prior) / double(model.entries.size()));
  const double unlisted_log_weight = std::log(options_.unlisted_prior);
  std::vector<double> log_weights(model.entries.size());
  std::vector<double> scratch;
  double max_log = unlisted_log_weight;
  for (std::size_t e = 0; e < model.entries.size(); ++e) {
    log_weights[e] = entry_log_prior + log_ratio(model, options_, model.entries[e], observation, scratch);
    max_log = std::max(max_log, log_weights[e]);
  }
  double normaliser = std::exp(unlisted_log_weight - max_log);
  for (double log_weight : log_weights) normaliser += std::exp(log_weight - max_log);

  std::vector<double> label_scores(model.labels.size(), 0);
  std::vector<double> family_scores(std::size_t(Family::Unknown) + 1, 0);
  for (std::size_t e = 0; e < model.entries.size(); ++e) {
    const double posterior = std::exp(log_weights[e] - max_log) / normaliser;
    label_scores[model.entries[e].label] += posterior;
    family_scores[std::size_t(model.entries[e].family)] += posterior;
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

  const Candidate& best = result.candidates.front();
  result.score = best.score;
  result.device = best.device;
  result.known = best.score >= options_.min_label_score && best.score >= result.unlisted_score;
  if (result.known) result.label = best.label;

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
  return result;
}

std::string summary(const MatchResult& result) {
  char text[160];
  if (result.family != Family::Unknown) {
    std::snprintf(text, sizeof text, "%s (%.0f%%)", std::string(to_string(result.family)).c_str(),
                  100 * result.family_score);
  } else if (result.known) {
    std::snprintf(text, sizeof text, "%s (%.0f%%)", result.label.c_str(), 100 * result.score);
  } else {
    return "unknown";
  }
  return text;
}

}  // namespace zeroscan::fingerprint
