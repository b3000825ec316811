// Silence records and summary counts, shared by the live scan and the replay.
#include "zeroscan/engine/conclusion.h"

#include "zeroscan/classify/classify.h"

namespace zeroscan {

PortRecord silence_record(const ProbeTarget& target, bool reachable, std::uint8_t attempts) {
  PortRecord record;
  record.ip = target.address();
  record.port = target.port;
  record.probe = target.kind;
  if (reachable) {
    const Classification silence = classify_silence(target.kind);
    record.state = silence.state;
    record.reason = silence.reason;
  } else {
    // An on-link target that never answered ARP (IPv6: NDP): no probe went.
    record.state = PortState::Filtered;
    record.reason = target.v6 ? StateReason::NdTimeout : StateReason::ArpTimeout;
  }
  record.attempt = std::uint8_t(attempts - 1);
  return record;
}

void fill_summary_counts(ScanSummary& summary, const ScanSpace& space, const ScanCounters& counters,
                         std::uint64_t seed, const ShardSpec& shard) {
  summary.targets = space.hosts();  // both families
  summary.ports = space.ports().size();
  summary.probes_planned = space.size();
  summary.received = counters.received.load();
  summary.matched = counters.matched.load();
  summary.invalid = counters.invalid.load();
  summary.duplicates = counters.duplicates.load();
  summary.inconclusive = counters.inconclusive.load();
  summary.kernel_dropped = counters.kernel_dropped.load();
  summary.results_lost = counters.results_lost.load();
  summary.open = counters.open.load();
  summary.closed = counters.closed.load();
  summary.filtered = counters.filtered.load();
  summary.unfiltered = counters.unfiltered.load();
  summary.seed = seed;
  summary.shard_index = shard.index;
  summary.shard_count = shard.count;
  summary.space_size = space.size();
}

}  // namespace zeroscan
