// Firewall verdicts end to end: one combined SYN+ACK scan (-sS -sA) of every
// firewall group (group attr role=firewall: fwstate, fwsyn, fwmbox,
// fwlreset, fwicmp, fwdrop) must report every pair of both probe kinds as
// the truth's `port` lines say, and every pair's firewall record as its
// `verdict` line says, including the forged resets of the middlebox.
#include <set>

#include <gtest/gtest.h>

#include "support/ipv4_text.h"
#include "support/lab_paths.h"
#include "support/lab_truth.h"
#include "support/scanner_run.h"
#include "support/truth_compare.h"

namespace zeroscan::lab {
namespace {

std::vector<const LabGroup*> firewall_groups(const LabTruth& truth) {
  std::vector<const LabGroup*> out;
  for (const LabGroup& g : truth.groups())
    if (g.attr("role") == "firewall") out.push_back(&g);
  return out;
}

std::string port_list(const std::vector<std::uint16_t>& ports) {
  std::string s;
  for (const auto p : ports) s += (s.empty() ? "" : ",") + std::to_string(p);
  return s;
}

std::string range_text(const LabGroup& g) { return format_ipv4(g.first) + "-" + format_ipv4(g.last); }

TEST(FirewallVerdictTest, SynAckScanOfEveryFirewallGroupMatchesTruth) {
  const LabTruth truth = LabTruth::load(truth_path());
  const auto groups = firewall_groups(truth);
  ASSERT_GE(groups.size(), 6u) << "the truth lists too few firewall groups (role=firewall)";

  std::set<std::string> verdicts_seen;
  for (const LabGroup* g : groups) {
    SCOPED_TRACE("group " + g->name + " " + range_text(*g));
    ScratchDir scratch;
    // Rate: the groups are small (256 addresses); 20k pps keeps each scan
    // short without testing the lab's headroom (the anyip sweeps do that).
    std::vector<std::string> args{"-sS", "-sA", "-p", port_list(g->ports), "--rate", "20000",
                                  "--retries", "1", "--wait", "2", "--seed", "4242",
                                  "-e", g->attr("iface")};
    if (g->hosts.empty())
      args.push_back(range_text(*g));
    else
      for (const auto a : g->hosts) args.push_back(format_ipv4(a));
    const ScanRun run = run_scanner(args, scratch, std::chrono::seconds(60));
    ASSERT_TRUE(run.ok()) << run.failure();
    ASSERT_TRUE(run.output.problems.empty()) << join(run.output.problems, "\n");

    const TargetGrid grid(g->targets(), g->ports);
    for (const char* probe : {"syn", "ack"}) {
      const Comparison c = compare_with_truth(truth, grid, run.output.ports, probe);
      EXPECT_EQ(c.checked, grid.size()) << probe;
      EXPECT_TRUE(c.ok()) << g->name << ": " << c.matched << " of " << grid.size() << " " << probe
                          << " records as the truth says\n"
                          << c.problems.report(g->name + " " + probe + " records vs truth");
    }
    const Comparison v = compare_verdicts(truth, grid, run.output);
    EXPECT_TRUE(v.ok()) << g->name << ": " << v.matched << " of " << grid.size()
                        << " verdicts as the truth says\n"
                        << v.problems.report(g->name + " verdicts vs truth");
    for (const auto& f : run.output.firewall) verdicts_seen.insert(f.verdict);
    const Tally summary = check_summary(run.output, grid, 2);
    EXPECT_TRUE(summary.empty()) << summary.report(g->name + " summary");
  }
  // Together the groups exercise the whole SYN x ACK table.
  for (const char* v : {"open", "open-stateful", "closed", "closed-stateful", "stateless-filter",
                        "stateful-filter", "drop", "rejected", "reset-by-filter"})
    EXPECT_TRUE(verdicts_seen.count(v)) << "no firewall group produced the verdict " << v;
}

}  // namespace
}  // namespace zeroscan::lab
