// The on-link path: single hosts on the scanner's own subnet, each of which
// the scanner must ARP for. The neighbour cache is flushed first, so the
// capture must show an ARP request for every host before its first probe,
// probes must carry the host's MAC, and every result must match the truth.
#include <algorithm>
#include <unordered_map>

#include <gtest/gtest.h>

#include "support/ipv4_text.h"
#include "support/lab_control.h"
#include "support/lab_paths.h"
#include "support/lab_truth.h"
#include "support/wire_capture.h"
#include "support/scanner_run.h"
#include "support/truth_compare.h"

namespace zeroscan::lab {
namespace {

TEST(OnLinkHostsTest, ArpsForEachHostAndMatchesTruth) {
  const LabTruth truth = LabTruth::load(truth_path());
  const LabGroup& hosts = truth.group("hosts");
  ASSERT_FALSE(hosts.hosts.empty());
  const std::string host_mac = netns_mac(hosts.attr("netns"), hosts.attr("peer"));
  ASSERT_FALSE(host_mac.empty()) << "cannot read the MAC of the on-link hosts";

  std::vector<std::string> args{"-sS", "-p", "22,80,443,8080", "--rate", "2000", "--retries", "1",
                                "--wait", "2", "--seed", "11", "-e", hosts.attr("iface")};
  for (const std::uint32_t a : hosts.hosts) args.push_back(format_ipv4(a));

  flush_neighbours(hosts.attr("iface"));
  ScratchDir scratch;
  WireCapture capture(hosts.attr("netns"), hosts.attr("peer"), Direction::In);
  const ScanRun run = run_scanner(args, scratch, std::chrono::seconds(60));
  capture.stop();
  ASSERT_TRUE(run.ok()) << run.failure();

  std::unordered_map<std::uint32_t, std::int64_t> first_arp, first_probe;
  Tally wire;
  for (const auto& f : capture.frames()) {
    if (f.ethertype == 0x0806 && f.arp_op == 1 && !first_arp.count(f.arp_target))
      first_arp[f.arp_target] = f.ts_ns;
    if (f.syn_only()) {
      if (!first_probe.count(f.dst)) first_probe[f.dst] = f.ts_ns;
      if (format_mac(f.dst_mac) != host_mac)
        wire.add("probe not addressed to the host's MAC " + host_mac,
                 format_ipv4(f.dst) + "->" + format_mac(f.dst_mac));
    }
  }
  for (const std::uint32_t a : hosts.hosts) {
    if (!first_probe.count(a)) wire.add("no probe reached the host", format_ipv4(a));
    if (!first_arp.count(a))
      wire.add("no ARP request for the host", format_ipv4(a));
    else if (first_probe.count(a) && first_probe[a] < first_arp[a])
      wire.add("probe before the ARP request", format_ipv4(a));
  }
  EXPECT_TRUE(wire.empty()) << wire.report("on-link wire");

  ASSERT_TRUE(run.output.problems.empty()) << join(run.output.problems, "\n");
  const TargetGrid grid(hosts.hosts, hosts.ports);
  const Comparison c = compare_with_truth(truth, grid, run.output.ports, "syn");
  EXPECT_TRUE(c.ok()) << c.problems.report("on-link hosts vs truth");
  const Tally summary = check_summary(run.output, grid);
  EXPECT_TRUE(summary.empty()) << summary.report("summary");
}

}  // namespace
}  // namespace zeroscan::lab
