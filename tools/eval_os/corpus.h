// The evaluation corpus: every stack the database knows (Hershel+, p0f, lab),
// each with its database entry and observations of it. Hershel+ stacks
// bring their recorded observations; p0f and lab stacks, which come as
// database lines, are observed by enumerating the SYN-ACKs their entry
// lists (one per option layout, values cycled through the listed ones).
#pragma once

#include <string>
#include <vector>

#include "zeroscan/fingerprint/entry.h"
#include "zeroscan/fingerprint/hershel_import.h"

namespace zeroscan::eval_os {

struct Stack {
  fingerprint::Entry entry;  // what the database holds for it
  std::string source;        // "hershel", "p0f", "lab", "documented"
  std::vector<fingerprint::Features> observations;
  std::string shape;  // its usual SYN-ACK: initial TTL, DF, window rule, option kinds
  // False for entries written from vendors' documented defaults
  // (fingerprints/vendor-defaults.txt): candidates in every database, never
  // test hosts, since nothing was observed.
  bool observed() const { return source != "documented"; }
};

// Hershel+ classes the built-in database keeps (the converter leaves most
// anonymous ones out) with their rows, then the built-in p0f, lab and
// documented entries.
std::vector<Stack> load_corpus(const std::vector<fingerprint::HershelObservation>& hershel);

// The SYN-ACKs an entry describes, one per option layout it lists.
std::vector<fingerprint::Features> observations_of(const fingerprint::Entry& entry);

// "64 df 65535 MWST": the initial TTL, DF, window (as mss*K when it is a
// multiple of the MSS) and option kinds in order, of one observation.
std::string shape_of(const fingerprint::Features& features);

}  // namespace zeroscan::eval_os
