// -O over IPv6 against the lab's dual-stack on-link hosts (group `hosts`:
// 198.19.1.10-.13, .20 and their twins 2001:2:0:1901::10-::13, ::20, pair by
// pair, all answered by the one Linux stack of namespace zs-lab-hosts). The
// IPv6 twin of OsFingerprintTest, scanned the way it scans: `zeroscan -O
// -sZ -p PORTS -e zs-lab-hst0`, once per family. Every IPv6 host that
// answers must be named family Linux, and each IPv6 host must get the
// family and label its IPv4 twin gets: it is the same stack, seen with a
// 20-byte smaller MSS and without DF or IP IDs. The table is printed for
// docs/fingerprinting.md.
#include <iostream>
#include <map>
#include <sstream>

#include <gtest/gtest.h>

#include "support/ipv4_text.h"
#include "support/ipv6_text.h"
#include "support/lab_paths.h"
#include "support/lab_truth.h"
#include "support/os_host_records.h"
#include "support/scanner_run.h"

namespace zeroscan::lab {
namespace {

std::string port_list(const std::vector<std::uint16_t>& ports) {
  std::string s;
  for (const auto p : ports)
    if (p != 0) s += (s.empty() ? "" : ",") + std::to_string(p);
  return s;
}

// One -O scan of `targets` through `iface`; the host records it wrote.
std::map<std::string, OsHostRecord> os_scan(const std::vector<std::string>& targets, const std::string& ports,
                                         const std::string& iface) {
  std::vector<std::string> args{"-O", "-sZ", "-p", ports, "--rate", "2000", "--retries", "1",
                                "--wait", "1", "--seed", "4243", "-e", iface};
  args.insert(args.end(), targets.begin(), targets.end());
  ScratchDir scratch;
  const ScanRun run = run_scanner(args, scratch, std::chrono::seconds(30));
  EXPECT_TRUE(run.ok()) << run.failure();
  std::vector<std::string> problems = run.output.problems;
  auto found = read_os_host_records(scratch.path("scan.ndjson"), problems);
  EXPECT_TRUE(problems.empty()) << join(problems, "\n");
  return found;
}

TEST(Ipv6OsFingerprintTest, OnLinkLinuxHostsAreNamedLinuxAsTheirIpv4TwinsAre) {
  const LabTruth truth = LabTruth::load(truth_path());
  const LabGroup& hosts4 = truth.group("hosts");
  const LabGroup6& hosts6 = truth.group6("hosts");
  std::vector<std::string> v4, v6;
  for (const auto a : hosts4.targets()) v4.push_back(format_ipv4(a));
  for (const auto& a : hosts6.targets()) v6.push_back(format_ipv6(a));
  ASSERT_EQ(v4.size(), v6.size()) << "the IPv6 hosts mirror the IPv4 ones pair by pair";
  ASSERT_FALSE(v6.empty());

  const auto found4 = os_scan(v4, port_list(hosts4.ports), hosts4.attr("iface"));
  const auto found6 = os_scan(v6, port_list(hosts6.ports), hosts6.attr("iface"));

  std::ostringstream table;
  table << "| IPv4 host | family | label | score | IPv6 host | family | label | score |\n"
        << "|---|---|---|---|---|---|---|---|\n";
  std::ostringstream flow_labels;
  std::size_t named6 = 0;
  for (std::size_t i = 0; i < v4.size(); ++i) {
    const auto a = found4.find(v4[i]);
    const auto b = found6.find(v6[i]);
    EXPECT_EQ(a != found4.end(), b != found6.end())
        << v4[i] << " and " << v6[i] << ": one has a host record, the other not";
    auto cells = [](const auto& it, const auto& map) {
      if (it == map.end()) return std::string("(none) | | |");
      char score[32];
      std::snprintf(score, sizeof score, "%.0f%%", it->second.family_score * 100);
      return it->second.family + " | " + it->second.label + " | " + score + " |";
    };
    table << "| " << v4[i] << " | " << cells(a, found4) << " " << v6[i] << " | " << cells(b, found6) << "\n";
    if (b == found6.end()) continue;
    ++named6;
    const OsHostRecord& h6 = b->second;
    EXPECT_EQ(h6.family, "Linux") << v6[i] << " was named " << h6.label << "; features " << h6.features.dump();
    ASSERT_TRUE(h6.features.contains("syn_ack") || h6.features.contains("syn_rst")) << h6.features.dump();
    for (const char* role : {"syn_ack", "syn_rst", "ack_rst"}) {
      if (!h6.features.contains(role)) continue;
      EXPECT_FALSE(h6.features[role].contains("df")) << v6[i] << " " << role << ": IPv6 has no DF bit";
      EXPECT_FALSE(h6.features[role].contains("ip_id_zero")) << v6[i] << " " << role << ": IPv6 has no IP ID";
    }
    flow_labels << v6[i] << ": flow label " << h6.features.value("flow_label", "(not classed)") << "\n";
    // Linux's default (net.ipv6.auto_flowlabels=1) hashes each flow to a label.
    EXPECT_EQ(h6.features.value("flow_label", ""), "per-connection") << v6[i] << ": " << h6.features.dump();
    if (a == found4.end()) continue;
    EXPECT_EQ(h6.family, a->second.family) << v6[i] << " vs " << v4[i];
    EXPECT_EQ(h6.label, a->second.label) << v6[i] << " vs " << v4[i];
  }
  std::cout << "\n-O over both families of the on-link lab hosts\n" << table.str() << flow_labels.str();
  EXPECT_GE(named6, v6.size() - 1) << "every IPv6 host but the silent one answers";
}

}  // namespace
}  // namespace zeroscan::lab
