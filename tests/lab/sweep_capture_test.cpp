// What the scanner puts on the wire, witnessed by an in-process capture of
// the lab's veth (at its namespace end): nothing to excluded or non-target addresses,
// exactly the probes the retry semantics imply per pair, and the configured
// rate: never over it by more than 3% in any full second, reached within 2%
// in some second, and at least 90% of it over each pass.
#include <arpa/inet.h>

#include <cmath>
#include <cstdio>
#include <unordered_map>

#include <gtest/gtest.h>

#include "support/ipv4_text.h"
#include "support/lab_control.h"
#include "support/lab_paths.h"
#include "support/lab_truth.h"
#include "support/wire_capture.h"
#include "support/probe_audit.h"
#include "support/scanner_run.h"
#include "support/truth_compare.h"

namespace zeroscan::lab {
namespace {

constexpr int kRate = 100000;
constexpr int kRetries = 1;

struct Range {
  std::uint32_t first, last;
  bool contains(std::uint32_t a) const { return a >= first && a <= last; }
};

// Subranges of every size, across regions with different policies.
const char* const kExclude = "198.18.10.0/24,198.18.77.128/25,198.18.163.0/24,198.18.200.5,198.18.255.0/24";
const Range kExcluded[] = {
    {*parse_ipv4("198.18.10.0"), *parse_ipv4("198.18.10.255")},
    {*parse_ipv4("198.18.77.128"), *parse_ipv4("198.18.77.255")},
    {*parse_ipv4("198.18.163.0"), *parse_ipv4("198.18.163.255")},
    {*parse_ipv4("198.18.200.5"), *parse_ipv4("198.18.200.5")},
    {*parse_ipv4("198.18.255.0"), *parse_ipv4("198.18.255.255")},
};

bool excluded(std::uint32_t a) {
  for (const auto& r : kExcluded)
    if (r.contains(a)) return true;
  return false;
}

std::string pair_text(std::uint32_t ip, std::uint16_t port) {
  return format_ipv4(ip) + ":" + std::to_string(port);
}

TEST(SweepCaptureTest, WireShowsExcludesRetriesAndRate) {
  const LabTruth truth = LabTruth::load(truth_path());
  const LabGroup& anyip = truth.group("anyip");
  const std::uint32_t source = *parse_ipv4(anyip.attr("src"));
  std::vector<std::uint32_t> targets;
  for (const std::uint32_t a : anyip.targets())
    if (!excluded(a)) targets.push_back(a);
  const TargetGrid grid(targets, anyip.ports);
  const std::string gateway_mac = netns_mac(anyip.attr("netns"), anyip.attr("peer"));
  ASSERT_FALSE(gateway_mac.empty()) << "cannot read the MAC of the lab gateway";

  ScratchDir scratch;
  // Before the scan, so it sees the first probe; at the namespace end, where
  // the probes arrive (see wire_capture.h for why not the root end).
  WireCapture capture(anyip.attr("netns"), anyip.attr("peer"), Direction::In);
  const ScanRun run = run_scanner(
      {"-sS", "-p", "22,80,443,8080", "--rate", std::to_string(kRate), "--retries",
       std::to_string(kRetries), "--wait", "2", "--seed", "7", "--exclude", kExclude, "-e",
       anyip.attr("iface"), "198.18.0.0/16"},
      scratch, std::chrono::seconds(180));
  capture.stop();
  ASSERT_TRUE(run.ok()) << run.failure();
  ASSERT_EQ(capture.kernel_dropped(), 0u) << "the capture itself lost frames: no verdict possible";

  // 1. Every IPv4 frame goes to a target, never to an excluded address.
  Tally wire;
  for (const auto& f : capture.frames()) {
    if (!f.ipv4()) continue;
    if (excluded(f.dst))
      wire.add("frame to an EXCLUDED address", format_ipv4(f.dst));
    else if (grid.index(f.dst, anyip.ports.front()) < 0)
      wire.add("frame to a non-target address", format_ipv4(f.dst));
  }

  // 2. Probes: only target pairs, through the gateway, as many as retries imply.
  const std::vector<Probe> probes = extract_probes(capture.frames(), source, false);
  std::vector<std::uint8_t> count(grid.size(), 0);
  for (const auto& p : probes) {
    const long i = grid.index(p.dst, p.dport);
    if (i < 0) {
      wire.add("probe to a non-target pair", pair_text(p.dst, p.dport));
      continue;
    }
    if (count[i] < 255) ++count[i];
  }
  for (const auto& f : capture.frames())
    if (f.syn_only() && f.src == source && format_mac(f.dst_mac) != gateway_mac) {
      wire.add("probe not addressed to the gateway MAC " + gateway_mac, format_mac(f.dst_mac));
    }
  for (std::size_t i = 0; i < grid.size(); ++i) {
    const Expectation* want = truth.expect(grid.address_at(i), grid.port_at(i), "syn");
    if (!want) continue;  // CoversEveryTargetPairOfEveryGroup reports holes
    const int expected = want->answered() ? 1 : 1 + kRetries;
    if (count[i] != expected)
      wire.add("pair probed " + std::to_string(count[i]) + "x, expected " + std::to_string(expected) +
                   " (" + (want->answered() ? "answered" : "unanswered") + ")",
               pair_text(grid.address_at(i), grid.port_at(i)));
  }
  EXPECT_TRUE(wire.empty()) << wire.report("what the capture saw");

  // 3. Rate. Above --rate is a pacing fault whatever the machine does: no
  //    full second of any pass may carry more than 3% over it (the limiter
  //    catches up at most 20 ms, 2%, after a late wake-up). Below it, a busy
  //    machine can hold the sender (or the softirq that delivers its frames)
  //    off the CPU for 50-150 ms: one second then falls 5-10% short and a
  //    pass as a whole a few percent (seen at load 6.6 on 2 cores: 94.2%).
  //    So from below: some full second must hit --rate within 2% (a limiter
  //    pacing at a wrong rate never does), and each pass must hold 90% of it
  //    (gross loss of time). The limiter's own handling of late wake-ups is
  //    pinned exactly by RateLimiterTest, where the clock is simulated.
  const std::vector<RateWindow> windows = full_second_windows(probes);
  const std::vector<PassRate> passes = pass_rates(probes);
  ASSERT_FALSE(windows.empty()) << "no full second of sending to judge the rate by\n" << describe(windows);
  ASSERT_FALSE(passes.empty());
  const std::string load = last_lines(read_file("/proc/loadavg"), 1);
  std::size_t over_rate = 0, on_rate = 0;
  for (const auto& w : windows) {
    if (double(w.probes) > 1.03 * kRate) ++over_rate;
    if (std::abs(double(w.probes) - kRate) <= 0.02 * kRate) ++on_rate;
  }
  EXPECT_EQ(over_rate, 0u) << over_rate << " of " << windows.size() << " full seconds more than 3% over --rate "
                           << kRate << ":\n"
                           << describe(windows);
  EXPECT_GT(on_rate, 0u) << "no full second within 2% of --rate " << kRate << ":\n"
                         << describe(windows) << "load average while testing: " << load;
  for (const auto& p : passes) {
    std::printf("    pass %d: %llu probes in %.3f s = %.0f pps (--rate %d, load %s)\n", p.pass,
                static_cast<unsigned long long>(p.probes), p.seconds, p.rate(), kRate,
                load.substr(0, load.find(' ')).c_str());
    EXPECT_GE(p.rate(), 0.90 * kRate) << "pass " << p.pass << ": " << p.probes << " probes in " << p.seconds
                                      << " s\n"
                                      << describe(windows) << "load average while testing: " << load;
    EXPECT_LE(p.rate(), 1.02 * kRate) << "pass " << p.pass << " ran above --rate";
  }

  // 4. What the scanner reports agrees with the wire and the truth.
  ASSERT_TRUE(run.output.problems.empty()) << join(run.output.problems, "\n");
  const Comparison c = compare_with_truth(truth, grid, run.output.ports, "syn");
  EXPECT_TRUE(c.ok()) << c.problems.report("sweep with excludes vs truth");
  const Tally summary = check_summary(run.output, grid);
  EXPECT_TRUE(summary.empty()) << summary.report("summary");
  if (run.output.summary && run.output.summary->contains("sent")) {
    EXPECT_EQ((*run.output.summary)["sent"].get<std::size_t>(), probes.size())
        << "summary 'sent' differs from the probes on the wire";
  }
}

}  // namespace
}  // namespace zeroscan::lab
