// The headline check: a 198.18.0.0/16 x 4 ports SYN sweep at 100k pps
// against the AnyIP namespace concludes exactly what the lab truth says,
// for every one of the 262,144 pairs, and the summary agrees. The same for
// an ACK sweep (unfiltered/filtered).
#include <gtest/gtest.h>

#include "support/lab_paths.h"
#include "support/lab_truth.h"
#include "support/scanner_run.h"
#include "support/truth_compare.h"

namespace zeroscan::lab {
namespace {

TEST(AnyIpSweepTest, SynSweepAt100kppsMatchesTruth) {
  const LabTruth truth = LabTruth::load(truth_path());
  const LabGroup& anyip = truth.group("anyip");
  ScratchDir scratch;
  const ScanRun run = run_scanner({"-sS", "-p", "22,80,443,8080", "--rate", "100000", "--retries",
                                   "1", "--wait", "2", "--seed", "20240601", "-e",
                                   anyip.attr("iface"), "198.18.0.0/16"},
                                  scratch, std::chrono::seconds(180));
  ASSERT_TRUE(run.ok()) << run.failure();
  ASSERT_TRUE(run.output.problems.empty()) << join(run.output.problems, "\n");

  const TargetGrid grid(anyip.targets(), anyip.ports);
  const Comparison c = compare_with_truth(truth, grid, run.output.ports, "syn");
  EXPECT_TRUE(c.ok()) << c.matched << " of " << grid.size() << " pairs as the truth says\n"
                      << c.problems.report("SYN sweep vs truth");
  const Tally summary = check_summary(run.output, grid);
  EXPECT_TRUE(summary.empty()) << summary.report("summary");
}

// The same /16 x 4 ports with ACK probes: every pair the truth calls
// unfiltered must draw a RST, every filtered one silence or its ICMP error.
TEST(AnyIpSweepTest, AckSweepAt100kppsMatchesTruth) {
  const LabTruth truth = LabTruth::load(truth_path());
  const LabGroup& anyip = truth.group("anyip");
  ScratchDir scratch;
  const ScanRun run = run_scanner({"-sA", "-p", "22,80,443,8080", "--rate", "100000", "--retries",
                                   "1", "--wait", "2", "--seed", "20240602", "-e",
                                   anyip.attr("iface"), "198.18.0.0/16"},
                                  scratch, std::chrono::seconds(180));
  ASSERT_TRUE(run.ok()) << run.failure();
  ASSERT_TRUE(run.output.problems.empty()) << join(run.output.problems, "\n");

  const TargetGrid grid(anyip.targets(), anyip.ports);
  const Comparison c = compare_with_truth(truth, grid, run.output.ports, "ack");
  EXPECT_EQ(c.checked, grid.size());
  EXPECT_TRUE(c.ok()) << c.matched << " of " << grid.size() << " pairs as the truth says\n"
                      << c.problems.report("ACK sweep vs truth");
  const Tally summary = check_summary(run.output, grid);
  EXPECT_TRUE(summary.empty()) << summary.report("summary");
}

}  // namespace
}  // namespace zeroscan::lab
