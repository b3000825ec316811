// The ceiling: how well any classifier that sees only exact signatures could
// do. For each held-out sample, a lookup-table oracle trained on the same
// training split answers the label most training samples with the identical
// clean signature carry (ties: a fair coin among the tied labels, counted as
// its expected value); a signature absent from training counts as answered
// correctly, so the ceiling errs on the generous side.
#pragma once

#include <map>
#include <string>

#include "zeroscan/fingerprint/features.h"

namespace zeroscan::eval_os {

// The clean signature: SYN-ACK TTL, DF, window, options, MSS; with
// retransmissions also the give-up RST fields, the number of
// retransmissions and each gap rounded to `gap_resolution_s`.
std::string exact_signature(const fingerprint::Features& features, bool with_retransmissions,
                            double gap_resolution_s);

class SignatureOracle {
 public:
  void learn(const std::string& signature, const std::string& truth);
  // Expected correctness in [0,1] of the oracle's answer for this sample.
  double expected_correct(const std::string& signature, const std::string& truth) const;

 private:
  std::map<std::string, std::map<std::string, int>> counts_;
};

}  // namespace zeroscan::eval_os
