// evaluate(): the cross-validation loop (see evaluation.h).
#include "evaluation.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <set>

#include "ceiling.h"
#include "random.h"

namespace zeroscan::eval_os {

using fingerprint::Database;
using fingerprint::EntryIdentity;
using fingerprint::Family;
using fingerprint::Features;
using fingerprint::HershelObservation;
using fingerprint::Matcher;

namespace {

// fold_of[i]: the fold observation i is held out in; each class's
// observations are shuffled, then dealt round-robin.
std::vector<int> assign_folds(const std::vector<HershelObservation>& observations, int folds,
                              Random& random) {
  std::map<int, std::vector<std::size_t>> by_class;
  for (std::size_t i = 0; i < observations.size(); ++i) {
    by_class[observations[i].class_id].push_back(i);
  }
  std::vector<int> fold_of(observations.size(), 0);
  for (auto& [class_id, members] : by_class) {
    for (std::size_t i = members.size(); i > 1; --i) {  // Fisher-Yates
      std::swap(members[i - 1], members[random.below(i)]);
    }
    for (std::size_t i = 0; i < members.size(); ++i) fold_of[members[i]] = int(i % folds);
  }
  return fold_of;
}

Database learn_database(const std::vector<HershelObservation>& observations,
                        const std::vector<int>& fold_of, int held_out,
                        const std::map<int, EntryIdentity>& identities) {
  std::map<int, std::vector<Features>> training;
  for (std::size_t i = 0; i < observations.size(); ++i) {
    if (fold_of[i] != held_out) training[observations[i].class_id].push_back(observations[i].features);
  }
  Database database;
  for (const auto& [class_id, features] : training) {
    database.entries.push_back(fingerprint::learn_entry(identities.at(class_id), features));
  }
  return database;
}

struct Oracles {
  SignatureOracle label;
  SignatureOracle family;
};

void score_one(const fingerprint::MatchResult& result, const EntryIdentity& truth,
               double label_ceiling, double family_ceiling, Score& score) {
  ++score.samples;
  const bool label_right = result.candidates.front().label == truth.label;
  score.label_top1 += label_right;
  score.label_answered += label_right && result.known;
  score.label_ceiling += label_ceiling;
  score.unknown += !result.known;
  if (truth.family != Family::Unknown) {
    ++score.family_samples;
    score.family_top1 += result.families.front().family == truth.family;
    score.family_ceiling += family_ceiling;
  }
}

std::vector<std::uint16_t> windows_in(const std::vector<HershelObservation>& observations) {
  std::set<std::uint16_t> windows;
  for (const auto& observation : observations) {
    if (observation.features.syn_ack) windows.insert(observation.features.syn_ack->window);
  }
  return {windows.begin(), windows.end()};
}

}  // namespace

EvaluationResult evaluate(const std::vector<HershelObservation>& observations,
                          const std::map<int, EntryIdentity>& identities,
                          const EvaluationSetup& setup) {
  Random random(setup.seed);
  const std::vector<int> fold_of = assign_folds(observations, setup.folds, random);
  NoiseModel noise{setup.noise_rate, windows_in(observations)};
  EvaluationResult result;
  std::chrono::steady_clock::duration matching{};
  int shown_misses = 0;

  for (int fold = 0; fold < setup.folds; ++fold) {
    const Matcher matcher(learn_database(observations, fold_of, fold, identities), setup.matcher);
    // One oracle pair per feature set, trained on this fold's training part.
    Oracles oracles[2];
    for (std::size_t i = 0; i < observations.size(); ++i) {
      if (fold_of[i] == fold) continue;
      const EntryIdentity& truth = identities.at(observations[i].class_id);
      for (int timed = 0; timed < 2; ++timed) {
        const auto signature =
            exact_signature(observations[i].features, timed == 1, setup.gap_resolution_s);
        oracles[timed].label.learn(signature, truth.label);
        oracles[timed].family.learn(signature, std::string(to_string(truth.family)));
      }
    }
    for (std::size_t i = 0; i < observations.size(); ++i) {
      if (fold_of[i] != fold) continue;
      const EntryIdentity& truth = identities.at(observations[i].class_id);
      const Features clean = observations[i].features;
      Features noisy = inject_noise(clean, noise, random, result.noise);
      for (int timed = 0; timed < 2; ++timed) {
        Features shown = noisy;
        if (timed == 0) shown.retransmissions.reset();
        const auto signature = exact_signature(clean, timed == 1, setup.gap_resolution_s);
        const auto start = std::chrono::steady_clock::now();
        const auto match = matcher.match(shown);
        matching += std::chrono::steady_clock::now() - start;
        ++result.matches;
        if (shown_misses < setup.show_misses &&
            (!match.known || match.candidates.front().label != truth.label)) {
          ++shown_misses;
          std::fprintf(stderr, "miss: %s (%s) %s -> unlisted %.3f", truth.id.c_str(),
                       truth.label.c_str(), timed ? "timed" : "untimed", match.unlisted_score);
          for (const auto& candidate : match.candidates) {
            std::fprintf(stderr, " | %s %.3f", candidate.label.c_str(), candidate.score);
          }
          std::fprintf(stderr, "\n  %s\n", match.signature.c_str());
        }
        score_one(match, truth, oracles[timed].label.expected_correct(signature, truth.label),
                  oracles[timed].family.expected_correct(signature,
                                                         std::string(to_string(truth.family))),
                  timed ? result.with_retransmissions : result.syn_ack_only);
      }
    }
  }
  result.matching_seconds = std::chrono::duration<double>(matching).count();
  return result;
}

}  // namespace zeroscan::eval_os
