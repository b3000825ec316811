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

std::vector<PassRate> pass_rates(const std::vector<Probe>& probes) {
  std::vector<PassRate> rates;
  for (const auto& p : probes) {
    if (std::size_t(p.attempt) >= rates.size()) rates.resize(p.attempt + 1);
    rates[p.attempt].pass = p.attempt;
  }
  std::vector<std::int64_t> first(rates.size(), INT64_MAX), last(rates.size(), INT64_MIN);
  for (const auto& p : probes) {
    ++rates[p.attempt].probes;
    first[p.attempt] = std::min(first[p.attempt], p.ts_ns);
    last[p.attempt] = std::max(last[p.attempt], p.ts_ns);
  }
  std::vector<PassRate> judged;
  for (std::size_t k = 0; k < rates.size(); ++k) {
    rates[k].seconds = double(last[k] - first[k]) / 1e9;
    if (rates[k].probes > 0 && rates[k].seconds >= 1.0) judged.push_back(rates[k]);
  }
  return judged;
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
