// Which shard outputs can be merged, and the merged summary. Pure: works on
// what record_reader found in each file, so every refusal is unit-tested.
// Shards belong together when seed, shard count, configuration and the
// scan's size agree; one shard index given twice is refused too. Missing
// shards, files that never got their summary and interrupted shards are
// not refusals: the merge goes ahead with what is complete and says what
// is not (`zeroscan merge` exits 1 then).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "zeroscan/core/errors.h"
#include "zeroscan/core/scan_results.h"
#include "zeroscan/output/record_reader.h"

namespace zeroscan {

// Outputs of different scans given to one merge. One line, naming the two
// files and the first field that differs.
struct MergeConflict : DataError {
  using DataError::DataError;
};

struct MergePlan {
  ScanSummary merged;                      // counters summed; shard 0/1; merged_from = files used
  std::uint32_t shard_count = 1;           // of the scan the shards came from
  std::vector<std::string> use;            // complete files, in shard order
  std::vector<std::uint32_t> missing;      // shard indices no complete file covers
  std::vector<std::string> incomplete;     // files without a summary line (not merged)
  std::vector<std::string> interrupted;    // complete files whose scan was interrupted
  bool complete() const { return missing.empty() && incomplete.empty() && interrupted.empty(); }
};

// Throws MergeConflict for mixed scans or a repeated shard, DataError when
// no file is complete (nothing says what the scan was).
MergePlan plan_merge(const std::vector<NdjsonFile>& files);

// "0, 2" for the report line.
std::string join_indices(const std::vector<std::uint32_t>& indices);

}  // namespace zeroscan
