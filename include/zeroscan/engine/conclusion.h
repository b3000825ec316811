// What the live scan (engine/scanner) and `analyze`'s offline replay
// (engine/offline_replay) conclude the same way, written once: the record
// of a probe that stayed silent, and the summary's counts.
#pragma once

#include <cstdint>

#include "zeroscan/core/scan_results.h"
#include "zeroscan/engine/scan_counters.h"
#include "zeroscan/engine/scan_space.h"
#include "zeroscan/targets/permutation.h"

namespace zeroscan {

// Silence after every attempt: filtered (no-response) for SYN, filtered for
// ACK as nmap says — or an ARP timeout when the target had no link-layer
// address, so no probe ever left.
PortRecord silence_record(const ProbeTarget& target, bool reachable, std::uint8_t attempts);

// The summary fields both fill from the scan space and the counters (sent,
// coverage, times and interruption stay with the caller).
void fill_summary_counts(ScanSummary& summary, const ScanSpace& space, const ScanCounters& counters,
                         std::uint64_t seed, const ShardSpec& shard);

}  // namespace zeroscan
