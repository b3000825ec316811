// Probe generation without sending.
#include "zeroscan/engine/dry_run.h"

#include <vector>

#include "zeroscan/engine/clock.h"

namespace zeroscan {

DryRunReport dry_run(const ScanSpace& space, const Permutation& permutation, const Cookie& cookie,
                     const ProbeTemplates& templates, const TargetMacs& macs, std::uint64_t max_probes,
                     const Ipv6Probing* v6) {
  DryRunReport report;
  std::vector<std::uint8_t> frame(256);
  const std::int64_t start = monotonic_ns();
  auto cursor = permutation.cursor();
  for (;;) {
    if (report.probes + report.unreachable >= max_probes) {
      auto peek = cursor;  // the order may end exactly here
      report.complete = !peek.next();
      break;
    }
    const auto index = cursor.next();
    if (!index) {
      report.complete = true;
      break;
    }
    // The same stamping the sender does; 0 means it would not send this one.
    const std::size_t size = stamp_probe(templates, macs, cookie, space.at(*index), 0, frame.data(), v6);
    if (size == 0) {
      ++report.unreachable;
      continue;
    }
    // Fold the patched words (ports, seq, checksum area) into the checksum.
    std::uint64_t word = 0;
    for (std::size_t i = size - 24; i < size; ++i) word = word * 131 + frame[i];
    report.checksum ^= word + report.probes;
    ++report.probes;
    report.bytes += size;
  }
  report.seconds = double(monotonic_ns() - start) / 1e9;
  return report;
}

}  // namespace zeroscan
