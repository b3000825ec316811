// One host's Features in the shape of a database Entry (every distribution
// holds the one observed value, or nothing). Learning sums these, the
// signature line prints one, and the matcher compares one against entries.
// Internal to the fingerprint library.
#pragma once

#include <vector>

#include "zeroscan/fingerprint/entry.h"
#include "zeroscan/fingerprint/features.h"

namespace zeroscan::fingerprint {

// Which TTL an observation's `ttl` fields hold. Learning and the signature
// line keep the initial TTL, the stack's own as far as one host can tell;
// the matcher compares the TTL class (ttl_class()), which keeps AIX's 60
// apart from a 64 received on the link.
enum class TtlReading { Initial, Class };

Entry observation_entry(const Features& features, TtlReading ttl);

// Gaps between successive SYN-ACK copies: the first from the original
// SYN-ACK (arrival 0), then between retransmissions.
std::vector<double> retransmission_gaps(const std::vector<double>& arrivals_s);

}  // namespace zeroscan::fingerprint
