// OS fingerprinting against the lab's own stacks: every host with a `stack`
// truth line (the Linux stack-variant groups and the lwIP host) is scanned
// with `zeroscan -O -sZ -e <group iface>`, and the family the scanner names
// must be the truth's family (the target is 100%). The labels found are
// printed as a table for docs/fingerprinting.md; they are not asserted,
// because sysctl-dependent details (the window scale follows the machine's
// memory) may make two Linux variants trade places on another machine.
#include <cstdio>
#include <iostream>
#include <map>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/ipv4_text.h"
#include "support/lab_paths.h"
#include "support/lab_truth.h"
#include "support/scanner_run.h"

namespace zeroscan::lab {
namespace {

struct HostFound {
  std::string family;
  std::string label;
  double score = 0;
  double family_score = 0;
};

// The {"type":"host"} records of one NDJSON output, by address.
std::map<std::uint32_t, HostFound> host_records(const std::string& path, std::vector<std::string>& problems) {
  std::map<std::uint32_t, HostFound> out;
  std::istringstream in(read_file(path));
  std::string line;
  while (std::getline(in, line)) {
    const auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded()) {
      problems.push_back("unparseable line: " + line);
      continue;
    }
    if (j.value("type", "") != "host") continue;
    const auto address = parse_ipv4(j.value("ip", ""));
    if (!address || !j.contains("os")) {
      problems.push_back("host record without ip/os: " + line);
      continue;
    }
    const auto& os = j.at("os");
    out[*address] = HostFound{os.value("family", ""), os.value("label", ""), os.value("score", 0.0),
                              os.value("family_score", 0.0)};
  }
  return out;
}

TEST(OsFingerprintTest, EveryLabStackIsNamedWithItsFamily) {
  const LabTruth truth = LabTruth::load(truth_path());
  std::map<std::string, std::vector<const StackExpectation*>> by_group;
  for (const StackExpectation& s : truth.stacks()) by_group[s.group].push_back(&s);
  std::size_t variant_groups = 0;
  for (const LabGroup& g : truth.groups())
    if (g.attr("role") == "stack") ++variant_groups;
  ASSERT_GE(variant_groups, 6u) << "too few stack-variant groups (role=stack) in the truth";

  std::ostringstream table;
  table << "| group | host | truth family | truth label | found family | found label | score |\n"
        << "|---|---|---|---|---|---|---|\n";
  std::size_t hosts = 0, right = 0;
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
    const auto found = host_records(scratch.path("scan.ndjson"), problems);
    EXPECT_TRUE(problems.empty()) << join(problems, "\n");
    for (const auto* s : stacks) {
      for (std::uint32_t a = s->first; a <= s->last; ++a) {
        ++hosts;
        const std::string host = format_ipv4(a);
        const auto it = found.find(a);
        if (it == found.end()) {
          ADD_FAILURE() << host << ": no host record (" << s->label << ")";
          table << "| " << name << " | " << host << " | " << s->family << " | " << s->label
                << " | (none) | | |\n";
          continue;
        }
        const HostFound& f = it->second;
        EXPECT_EQ(f.family, s->family) << host << " (" << s->label << ") was named " << f.label;
        if (f.family == s->family) ++right;
        char score[32];
        std::snprintf(score, sizeof score, "%.0f%%", f.family_score * 100);
        table << "| " << name << " | " << host << " | " << s->family << " | " << s->label << " | " << f.family
              << " | " << f.label << " | " << score << " |\n";
      }
    }
  }
  std::cout << "\nfamily right on " << right << " of " << hosts << " lab stack hosts\n" << table.str();
  EXPECT_EQ(right, hosts);
}

}  // namespace
}  // namespace zeroscan::lab
