// --pcap and `zeroscan analyze` against the lab (issue 11): one live scan of
// both families through the anyip group's interface (IPv4 slices of its four
// policy regions and its whole IPv6 /116), recorded with --pcap; `zeroscan
// analyze` of the capture alone must write the live run's port and firewall
// records, line for line and in the same order.
#include <chrono>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "support/ipv4_text.h"
#include "support/ipv6_text.h"
#include "support/lab_control.h"
#include "support/lab_paths.h"
#include "support/lab_truth.h"
#include "support/scanner_run.h"
#include "support/subprocess.h"

namespace zeroscan::lab {
namespace {

std::string port_list(const std::vector<std::uint16_t>& ports) {
  std::string s;
  for (const auto p : ports) s += (s.empty() ? "" : ",") + std::to_string(p);
  return s;
}

// NDJSON lines other than the summary (which carries timings).
std::vector<std::string> record_lines(const std::string& path) {
  std::vector<std::string> lines;
  std::string text = read_file(path);
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t end = text.find('\n', at);
    const std::string line = text.substr(at, end == std::string::npos ? std::string::npos : end - at);
    if (line.find("\"type\":\"summary\"") == std::string::npos) lines.push_back(line);
    if (end == std::string::npos) break;
    at = end + 1;
  }
  return lines;
}

std::size_t count_records(const ScanOutput& out, bool v6, const char* state) {
  std::size_t n = 0;
  for (const auto& r : out.ports)
    if (r.ip6.has_value() == v6 && r.state == state) ++n;
  return n;
}

TEST(PcapAnalyzeTest, AnalyzeOfAMixedLabScanGivesTheLiveRecords) {
  const LabTruth truth = LabTruth::load(truth_path());
  const LabGroup& anyip = truth.group("anyip");
  const LabGroup6& anyip6 = truth.group6("anyip");
  ASSERT_EQ(anyip.attr("iface"), anyip6.attr("iface")) << "one scan, one interface: anyip is dual-stack";

  // 64 addresses at the start of each /18 policy region, and the v6 block.
  std::vector<std::string> targets;
  for (std::uint32_t region = 0; region < 4; ++region)
    targets.push_back(format_ipv4(anyip.first + region * 16384) + "/26");
  const auto span = ipv6_distance(anyip6.first, anyip6.last);
  ASSERT_TRUE(span);
  int bits = 0;
  for (std::uint64_t n = std::uint64_t(*span) + 1; n > 1; n >>= 1) ++bits;
  targets.push_back(format_ipv6(anyip6.first) + "/" + std::to_string(128 - bits));

  ScratchDir scratch;
  const std::string pcap = scratch.path("scan.pcap");
  std::vector<std::string> args = {"-sS", "-sA", "-p", port_list(anyip6.ports), "--rate", "20000",
                                   "--retries", "1", "--wait", "2", "--seed", "4245", "-e", anyip.attr("iface"),
                                   "--pcap", pcap};
  args.insert(args.end(), targets.begin(), targets.end());
  const ScanRun run = run_scanner(args, scratch, std::chrono::seconds(120));
  ASSERT_TRUE(run.ok()) << run.failure();
  ASSERT_TRUE(run.output.problems.empty()) << join(run.output.problems, "\n");
  const std::size_t hosts = 4 * 64 + std::size_t(*span) + 1;
  ASSERT_EQ(run.output.ports.size(), hosts * anyip6.ports.size() * 2) << "every pair of both families once";
  // The comparison means something only if the live run saw answers of
  // each kind in both families.
  for (const bool v6 : {false, true})
    for (const char* state : {"open", "closed", "filtered", "unfiltered"})
      EXPECT_GT(count_records(run.output, v6, state), 0u) << (v6 ? "IPv6 " : "IPv4 ") << state;

  const std::string offline = scratch.path("analyze.ndjson");
  const ProcessResult analyze = run_process({scanner_path(), "analyze", pcap, "-oJ", offline},
                                            std::chrono::seconds(60), scratch.path("analyze.out"),
                                            scratch.path("analyze.err"));
  ASSERT_EQ(analyze.exit_code, 0) << analyze.start_error << analyze.stderr_tail;
  EXPECT_EQ(read_file(scratch.path("analyze.err")), "");
  const auto live = record_lines(scratch.path("scan.ndjson"));
  const auto replayed = record_lines(offline);
  ASSERT_EQ(replayed.size(), live.size());
  std::size_t differ = 0;
  for (std::size_t i = 0; i < live.size(); ++i)
    if (replayed[i] != live[i] && ++differ <= 5)
      ADD_FAILURE() << "line " << i << "\n live:     " << live[i] << "\n analyze:  " << replayed[i];
  EXPECT_EQ(differ, 0u) << "lines that differ, of " << live.size();
}

}  // namespace
}  // namespace zeroscan::lab
