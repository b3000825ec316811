// Reading Hershel+ observation rows (../shared/datasets/hershelplus,
// 420OS_db.txt layout: class_id, window, ttl, df, options layout, options
// code, mss, rst, rst_ack, rst_window, rst_seq, rst_nonzero, t1, t2, ...)
// as Features. Used by the evaluation and the tests; the database import
// itself is scripts/convert-hershel, which names entries hershel-<class_id>.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "zeroscan/fingerprint/features.h"

namespace zeroscan::fingerprint {

struct HershelObservation {
  int class_id = 0;
  Features features;
};

// Every bad row is reported as source_name:line in one DataError.
std::vector<HershelObservation> parse_hershel_observations(std::string_view text,
                                                           std::string_view source_name);

// "hershel-<class_id>", the entry id scripts/convert-hershel gives the class.
std::string hershel_entry_id(int class_id);

}  // namespace zeroscan::fingerprint
