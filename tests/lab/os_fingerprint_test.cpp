// OS fingerprinting against the lab's own stacks: every host with a `stack`
// truth line (the Linux stack-variant groups and the foreign stacks lwIP,
// LWIPv6, gVisor) is scanned with `zeroscan -O -sZ -e <group iface>`, and the
// family the scanner names must be the truth's family (the target is 100%).
// Every foreign stack must also have a held-out host (stack attr heldout=1:
// fingerprints/lab.txt's entry was learned on another host of that stack),
// so its family is shown to come from an entry learned elsewhere, not from
// resubstitution. The labels found are printed as a table for
// docs/fingerprinting.md; they are not asserted, because sysctl-dependent
// details (the window scale follows the machine's memory) may make two Linux
// variants trade places on another machine.
#include <cstdio>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "support/ipv4_text.h"
#include "support/lab_paths.h"
#include "support/lab_truth.h"
#include "support/os_host_records.h"
#include "support/scanner_run.h"

namespace zeroscan::lab {
namespace {

// Figures of one kind of host (all, or the held-out foreign ones).
struct Tally {
  std::size_t hosts = 0, right = 0;
  void add(bool ok) { ++hosts, right += ok; }
};

bool held_out(const StackExpectation& s) { return s.attr("heldout") == "1"; }

TEST(OsFingerprintTest, EveryLabStackIsNamedWithItsFamily) {
  const LabTruth truth = LabTruth::load(truth_path());
  std::map<std::string, std::vector<const StackExpectation*>> by_group;
  for (const StackExpectation& s : truth.stacks()) by_group[s.group].push_back(&s);
  std::size_t variant_groups = 0;
  std::set<std::string> variant_group_names;
  for (const LabGroup& g : truth.groups())
    if (g.attr("role") == "stack") ++variant_groups, variant_group_names.insert(g.name);
  ASSERT_GE(variant_groups, 6u) << "too few stack-variant groups (role=stack) in the truth";
  // Foreign stacks (not a Linux variant), by id: does each have a held-out host?
  std::map<std::string, bool> foreign_held_out;
  for (const StackExpectation& s : truth.stacks())
    if (!variant_group_names.count(s.group)) foreign_held_out[s.attr("id")] |= held_out(s);
  for (const auto& [id, has] : foreign_held_out)
    EXPECT_TRUE(has) << id << ": no held-out host (stack attr heldout=1); its family would only be resubstituted";

  std::ostringstream table;
  table << "| group | host | held out | truth family | truth label | found family | found label | family score |\n"
        << "|---|---|---|---|---|---|---|---|\n";
  Tally all, foreign_held;
  for (const auto& [name, stacks] : by_group) {
    const LabGroup& g = truth.group(name);
    SCOPED_TRACE("group " + name);
    std::vector<std::uint32_t> targets;
    for (const auto* s : stacks)
      for (std::uint32_t a = s->first; a <= s->last && targets.size() < 16; ++a) targets.push_back(a);
    // The group's open and closed ports; port 0 comes with -sZ.
    std::string ports;
    for (const auto p : g.ports)
      if (p != 0) ports += (ports.empty() ? "" : ",") + std::to_string(p);
    std::vector<std::string> args{"-O", "-sZ", "-p", ports, "--rate", "2000", "--retries", "1",
                                  "--wait", "1", "--seed", "4242", "-e", g.attr("iface")};
    for (const auto a : targets) args.push_back(format_ipv4(a));
    ScratchDir scratch;
    const ScanRun run = run_scanner(args, scratch, std::chrono::seconds(30));
    ASSERT_TRUE(run.ok()) << run.failure();
    std::vector<std::string> problems = run.output.problems;
    const auto found = read_os_host_records(scratch.path("scan.ndjson"), problems);
    EXPECT_TRUE(problems.empty()) << join(problems, "\n");
    for (const auto* s : stacks) {
      const bool held = held_out(*s);
      for (std::uint32_t a = s->first; a <= s->last; ++a) {
        const std::string host = format_ipv4(a);
        const auto it = found.find(host);
        const bool ok = it != found.end() && it->second.family == s->family;
        all.add(ok);
        if (held && !variant_group_names.count(name)) foreign_held.add(ok);
        table << "| " << name << " | " << host << " | " << (held ? "yes" : "") << " | " << s->family << " | "
              << s->label << " | ";
        if (it == found.end()) {
          ADD_FAILURE() << host << ": no host record (" << s->label << ")";
          table << "(none) | | |\n";
          continue;
        }
        const OsHostRecord& f = it->second;
        EXPECT_EQ(f.family, s->family) << host << " (" << s->label << (held ? ", held out" : "")
                                       << ") was named " << f.label;
        char score[32];
        std::snprintf(score, sizeof score, "%.0f%%", f.family_score * 100);
        table << f.family << " | " << f.label << " | " << score << " |\n";
      }
    }
  }
  std::cout << "\nfamily right on " << all.right << " of " << all.hosts << " lab stack hosts; "
            << foreign_held.right << " of " << foreign_held.hosts
            << " held-out foreign stack hosts (entry learned on another host)\n"
            << table.str();
  EXPECT_EQ(all.right, all.hosts);
}

}  // namespace
}  // namespace zeroscan::lab
