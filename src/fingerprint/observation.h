// One host's Features in the shape of a database Entry (every distribution
// holds the one observed value, or nothing). Learning sums these, the
// signature line prints one, and the matcher compares one against entries.
// Internal to the fingerprint library.
#pragma once

#include <vector>

#include "zeroscan/fingerprint/entry.h"
#include "zeroscan/fingerprint/features.h"

namespace zeroscan::fingerprint {

Entry observation_entry(const Features& features);

// Gaps between successive SYN-ACK copies: the first from the original
// SYN-ACK (arrival 0), then between retransmissions.
std::vector<double> retransmission_gaps(const std::vector<double>& arrivals_s);

}  // namespace zeroscan::fingerprint
