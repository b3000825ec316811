// exact_signature and SignatureOracle: see ceiling.h.
#include "ceiling.h"

#include <cmath>

namespace zeroscan::eval_os {

std::string exact_signature(const fingerprint::Features& features, bool with_retransmissions,
                            double gap_resolution_s) {
  std::string signature;
  if (const auto& syn_ack = features.syn_ack) {
    signature += std::to_string(syn_ack->initial_ttl) + (syn_ack->df ? " df " : " - ") +
                 std::to_string(syn_ack->window) + " " + syn_ack->options + " " +
                 (syn_ack->mss ? std::to_string(*syn_ack->mss) : "-");
  }
  if (with_retransmissions && features.retransmissions) {
    const auto& timing = *features.retransmissions;
    signature += " | " + std::string(fingerprint::to_string(timing.give_up));
    if (timing.give_up_window) signature += " " + std::to_string(*timing.give_up_window);
    if (timing.give_up_seq_advanced) signature += *timing.give_up_seq_advanced ? " adv" : " same";
    signature += " | " + std::to_string(timing.arrivals_s.size()) + ":";
    double previous = 0;
    for (double arrival : timing.arrivals_s) {
      const long steps = std::lround((arrival - previous) / gap_resolution_s);
      signature += " " + std::to_string(steps);
      previous = arrival;
    }
  }
  return signature;
}

void SignatureOracle::learn(const std::string& signature, const std::string& truth) {
  ++counts_[signature][truth];
}

double SignatureOracle::expected_correct(const std::string& signature,
                                         const std::string& truth) const {
  auto it = counts_.find(signature);
  if (it == counts_.end()) return 1.0;
  int best = 0;
  int tied = 0;
  for (const auto& [answer, count] : it->second) {
    if (count > best) {
      best = count;
      tied = 1;
    } else if (count == best) {
      ++tied;
    }
  }
  auto truth_count = it->second.find(truth);
  if (truth_count == it->second.end() || truth_count->second != best) return 0.0;
  return 1.0 / tied;
}

}  // namespace zeroscan::eval_os
