// Turning observations into database entries: learn_entry aggregates many
// observations of one stack (the Hershel+ import, lab measurements, the
// evaluation's training split); signature_line writes one observation as a
// database line a user can paste into fingerprints/ and then name.
#pragma once

#include <string>
#include <vector>

#include "zeroscan/fingerprint/entry.h"
#include "zeroscan/fingerprint/features.h"

namespace zeroscan::fingerprint {

struct EntryIdentity {
  std::string id;
  std::string label;
  Family family = Family::Unknown;
  DeviceClass device = DeviceClass::Unknown;
};

// Each feature's observed values weighted by how many observations showed
// them (heaviest first). Retransmission gaps: the most common number of
// retransmissions; per position, mean and spread (population standard
// deviation) over the observations that got that far.
Entry learn_entry(const EntryIdentity& identity, const std::vector<Features>& observations);

// "new-stack | new stack | unknown | unknown | ttl=64 df=yes ..." — the
// observed features of one host as a loadable database line.
std::string signature_line(const Features& features);

}  // namespace zeroscan::fingerprint
