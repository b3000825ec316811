// Probe generation without sending.
#include "zeroscan/engine/dry_run.h"

#include <vector>

#include "zeroscan/engine/clock.h"

namespace zeroscan {

DryRunReport dry_run(const ScanSpace& space, const Permutation& permutation, const Cookie& cookie,
                     const ProbeTemplates& templates, const TargetMacs& macs) {
  DryRunReport report;
  std::vector<std::uint8_t> frame(256);
  const std::int64_t start = monotonic_ns();
  auto cursor = permutation.cursor();
  while (auto index = cursor.next()) {
    const ProbeTarget t = space.at(*index);
    const MacAddress* mac = macs.lookup(t.ip);
    if (!mac && !macs.reachable(t.ip)) {
      ++report.unreachable;
      continue;
    }
    const ProbeTemplate& tmpl = *templates[int(t.kind)];
    tmpl.stamp(frame.data(), t.ip, t.port, cookie.probe_fields(t.ip, t.port, t.kind, 0), mac);
    // Fold the patched words (ports, seq, checksum area) into the checksum.
    std::uint64_t word = 0;
    for (std::size_t i = tmpl.size() - 24; i < tmpl.size(); ++i) word = word * 131 + frame[i];
    report.checksum ^= word + report.probes;
    ++report.probes;
    report.bytes += tmpl.size();
  }
  report.seconds = double(monotonic_ns() - start) / 1e9;
  return report;
}

}  // namespace zeroscan
