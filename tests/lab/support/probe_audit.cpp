// Probe extraction and rate windows; see probe_audit.h.
#include "support/probe_audit.h"

#include <algorithm>
#include <cstdio>
#include <unordered_map>

namespace zeroscan::lab {

std::vector<Probe> extract_probes(const std::vector<CapturedFrame>& frames, std::uint32_t source,
                                  bool ack_probes) {
  std::vector<Probe> probes;
  std::unordered_map<std::uint64_t, int> sent;
  for (const auto& f : frames) {
    if (f.src != source || !(ack_probes ? f.ack_only() : f.syn_only())) continue;
    const std::uint64_t key = std::uint64_t(f.dst) << 16 | f.dport;
    probes.push_back({f.ts_ns, f.dst, f.dport, sent[key]++});
  }
  return probes;
}

std::vector<RateWindow> full_second_windows(const std::vector<Probe>& probes) {
  constexpr std::int64_t kSecond = 1000000000;
  int passes = 0;
  for (const auto& p : probes) passes = std::max(passes, p.attempt + 1);
  std::vector<RateWindow> windows;
  for (int pass = 0; pass < passes; ++pass) {
    std::vector<std::int64_t> ts;
    for (const auto& p : probes)
      if (p.attempt == pass) ts.push_back(p.ts_ns);
    std::sort(ts.begin(), ts.end());
    const std::int64_t first = ts.front();
    const std::int64_t whole = (ts.back() - first) / kSecond;
    for (std::int64_t w = 0; w < whole; ++w) {
      const auto lo = std::lower_bound(ts.begin(), ts.end(), first + w * kSecond);
      const auto hi = std::lower_bound(ts.begin(), ts.end(), first + (w + 1) * kSecond);
      windows.push_back({pass, double(w), std::uint64_t(hi - lo)});
    }
  }
  return windows;
}

std::string describe(const std::vector<RateWindow>& windows) {
  std::string s;
  for (const auto& w : windows) {
    char line[96];
    std::snprintf(line, sizeof line, "  pass %d second %.0f: %llu probes\n", w.pass, w.start_s,
                  static_cast<unsigned long long>(w.probes));
    s += line;
  }
  return s.empty() ? "  (no full second in any pass)\n" : s;
}

}  // namespace zeroscan::lab
