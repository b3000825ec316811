// evaluate() and family_figures() (see evaluation.h).
#include "evaluation.h"

#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "zeroscan/fingerprint/learn.h"

namespace zeroscan::eval_os {

using fingerprint::Database;
using fingerprint::Features;
using fingerprint::Matcher;

namespace {

// Groups of stack indices held out together.
std::vector<std::vector<std::size_t>> held_out_groups(const std::vector<Stack>& corpus,
                                                      Protocol protocol) {
  std::map<std::string, std::vector<std::size_t>> groups;
  for (std::size_t i = 0; i < corpus.size(); ++i) {
    const std::string key =
        protocol == Protocol::HeldOutShape ? corpus[i].shape : corpus[i].entry.label;
    groups[key].push_back(i);
  }
  std::vector<std::vector<std::size_t>> out;
  for (auto& [key, members] : groups) out.push_back(std::move(members));
  return out;
}

class Runner {
 public:
  Runner(const std::vector<Stack>& corpus, const EvaluationSetup& setup)
      : corpus_(corpus), setup_(setup), random_(setup.seed) {}

  void match(const Matcher& matcher, const Stack& stack, const Features& observation) {
    const NoiseTally before = result_.noise;
    const Features shown =
        through_live_path(observation, setup_.timed, setup_.noise, random_, result_.noise);
    const auto start = std::chrono::steady_clock::now();
    const fingerprint::MatchResult match = matcher.match(shown);
    matching_ += std::chrono::steady_clock::now() - start;
    Outcome outcome;
    outcome.truth = stack.entry.family;
    outcome.truth_label = stack.entry.label;
    outcome.source = stack.source;
    outcome.answered = match.family;
    outcome.ranked_first = match.families.empty() ? fingerprint::Family::Unknown
                                                  : match.families.front().family;
    outcome.confidence = match.family_score;
    outcome.label_right = !match.candidates.empty() && match.candidates.front().label == stack.entry.label;
    const bool family_miss =
        outcome.answered != fingerprint::Family::Unknown && outcome.answered != outcome.truth;
    if (family_miss && shown_misses_ < setup_.show_misses) {
      ++shown_misses_;
      print_miss(stack, match, noise_drawn(before, result_.noise));
    } else if (!outcome.label_right && shown_label_misses_ < setup_.show_label_misses) {
      ++shown_label_misses_;
      print_miss(stack, match, noise_drawn(before, result_.noise));
    }
    result_.outcomes.push_back(std::move(outcome));
  }

  // The noise kinds drawn for the last host, from the tally's growth.
  static std::string noise_drawn(const NoiseTally& before, const NoiseTally& after) {
    std::string kinds;
    if (after.mss_clamped > before.mss_clamped) kinds += " mss-clamped";
    if (after.option_nopped > before.option_nopped) kinds += " option-nopped";
    if (after.far_path > before.far_path) kinds += " far-path";
    if (after.replies_lost > before.replies_lost) kinds += " replies-lost";
    return kinds.empty() ? " none" : kinds;
  }

  static void print_miss(const Stack& stack, const fingerprint::MatchResult& match,
                         const std::string& noise) {
    std::fprintf(stderr, "miss: %s (%s, %s) -> %s %.2f", stack.entry.id.c_str(),
                 stack.entry.label.c_str(), std::string(to_string(stack.entry.family)).c_str(),
                 std::string(to_string(match.family)).c_str(), match.family_score);
    for (const auto& candidate : match.candidates) {
      std::fprintf(stderr, " | %s %.2f", candidate.label.c_str(), candidate.score);
    }
    std::fprintf(stderr, "\n  noise:%s\n  %s\n", noise.c_str(), match.observed_entry.c_str());
  }

  // Up to per_stack of the stack's observations, spread over its list.
  std::vector<std::size_t> picks(const Stack& stack) {
    std::vector<std::size_t> chosen;
    const std::size_t n = stack.observations.size();
    const std::size_t take = std::min(n, setup_.per_stack);
    for (std::size_t k = 0; k < take; ++k) chosen.push_back(k * n / take);
    return chosen;
  }

  void held_out() {
    for (const auto& group : held_out_groups(corpus_, setup_.protocol)) {
      const std::set<std::size_t> out(group.begin(), group.end());
      Database database;
      for (std::size_t i = 0; i < corpus_.size(); ++i) {
        if (!out.count(i)) database.entries.push_back(corpus_[i].entry);
      }
      const Matcher matcher(database, setup_.matcher);
      for (std::size_t i : group) {
        if (!corpus_[i].observed()) continue;
        for (std::size_t k : picks(corpus_[i])) match(matcher, corpus_[i], corpus_[i].observations[k]);
      }
    }
  }

  // Each Hershel+ stack's observations dealt into folds; the database holds
  // every stack (p0f and lab as listed, Hershel+ learned from the other folds).
  void known_stacks() {
    for (int fold = 0; fold < setup_.folds; ++fold) {
      Database database;
      for (const Stack& stack : corpus_) {
        if (stack.source != "hershel") {
          database.entries.push_back(stack.entry);
          continue;
        }
        std::vector<Features> training;
        for (std::size_t k = 0; k < stack.observations.size(); ++k) {
          if (int(k % setup_.folds) != fold) training.push_back(stack.observations[k]);
        }
        const auto& e = stack.entry;
        database.entries.push_back(
            fingerprint::learn_entry({e.id, e.label, e.family, e.device}, training));
      }
      const Matcher matcher(database, setup_.matcher);
      for (const Stack& stack : corpus_) {
        if (stack.source != "hershel") {
          // Listed as they are: every SYN-ACK they list, once (first fold).
          if (fold == 0 && stack.observed()) {
            for (const Features& observation : stack.observations) match(matcher, stack, observation);
          }
          continue;
        }
        int taken = 0;
        for (std::size_t k = fold; k < stack.observations.size() && taken < 2; k += setup_.folds) {
          match(matcher, stack, stack.observations[k]);
          ++taken;
        }
      }
    }
  }

  EvaluationResult finish() {
    result_.matching_seconds = std::chrono::duration<double>(matching_).count();
    return std::move(result_);
  }

 private:
  const std::vector<Stack>& corpus_;
  const EvaluationSetup& setup_;
  Random random_;
  EvaluationResult result_;
  std::chrono::steady_clock::duration matching_{};
  int shown_misses_ = 0;
  int shown_label_misses_ = 0;
};

}  // namespace

EvaluationResult evaluate(const std::vector<Stack>& corpus, const EvaluationSetup& setup) {
  Runner runner(corpus, setup);
  if (setup.protocol == Protocol::KnownStacks) {
    runner.known_stacks();
  } else {
    runner.held_out();
  }
  return runner.finish();
}

FamilyFigures family_figures(const std::vector<Outcome>& outcomes) {
  FamilyFigures figures;
  std::array<double, 10> bin_confidence{}, bin_right{};
  std::array<long, 10> bin_count{};
  for (const Outcome& o : outcomes) {
    ++figures.hosts;
    figures.first_right += o.ranked_first == o.truth;
    if (o.answered == fingerprint::Family::Unknown) continue;
    ++figures.answered;
    const bool right = o.answered == o.truth;
    figures.right += right;
    figures.mean_confidence += o.confidence;
    const std::size_t bin = std::min<std::size_t>(9, std::size_t(o.confidence * 10));
    bin_confidence[bin] += o.confidence;
    bin_right[bin] += right;
    ++bin_count[bin];
  }
  if (figures.answered > 0) {
    figures.mean_confidence /= double(figures.answered);
    for (std::size_t b = 0; b < 10; ++b) {
      if (bin_count[b] == 0) continue;
      figures.calibration_error +=
          std::fabs(bin_right[b] - bin_confidence[b]) / double(figures.answered);
    }
  }
  return figures;
}

}  // namespace zeroscan::eval_os
