// Results at line rate (issue 9): with the default outputs (NDJSON to a
// file and the text report on stdout) a fast, large sweep loses nothing —
// no kernel drops, no result-queue losses, every pair as the lab truth says
// — in bounded memory; and the text report's per-host folds ("Not shown:
// N closed tcp ports (reset)") add up to exactly what the NDJSON says.
//
// The NDJSON of these scans has millions of lines, so it is checked while
// streaming through it, never held in memory. Peak RSS comes from
// /usr/bin/time (Debian's `time`, in scripts/setup).
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unordered_map>
#include <vector>

#include "support/ipv4_text.h"
#include "support/lab_paths.h"
#include "support/lab_truth.h"
#include "support/subprocess.h"

namespace zeroscan::lab {
namespace {

constexpr const char* kTime = "/usr/bin/time";

struct MeasuredScan {
  ProcessResult process;
  std::string command;
  long peak_rss_kib = -1;
  std::string json_path, text_path;
  bool ok() const { return process.start_error.empty() && !process.timed_out && process.exit_code == 0; }
};

// build/zeroscan ARGS -oJ scan.ndjson > report.txt, under /usr/bin/time.
MeasuredScan run_measured(const std::vector<std::string>& args, const ScratchDir& scratch,
                          std::chrono::seconds timeout) {
  MeasuredScan run;
  run.json_path = scratch.path("scan.ndjson");
  run.text_path = scratch.path("report.txt");
  const std::string rss_path = scratch.path("rss");
  std::vector<std::string> argv{kTime, "-f", "%M", "-o", rss_path, scanner_path()};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.push_back("-oJ");
  argv.push_back(run.json_path);
  run.command = join(argv, " ");
  run.process = run_process(argv, timeout, run.text_path, scratch.path("stderr.txt"));
  std::ifstream rss(rss_path);
  rss >> run.peak_rss_kib;
  return run;
}

// What the NDJSON says, tallied while streaming: per answering host the
// answered ports by "state (reason)" and the silent ones; truth mismatches;
// duplicates; the summary.
struct HostCounts {
  std::map<std::string, std::uint64_t> by_class;  // "closed (reset)" -> ports
  std::uint64_t silent = 0;
  bool operator==(const HostCounts& o) const { return by_class == o.by_class && silent == o.silent; }
};

struct StreamedScan {
  std::uint64_t records = 0, matched = 0, open = 0;
  std::vector<std::string> problems;  // first few
  std::uint64_t problem_count = 0;
  std::unordered_map<std::uint32_t, HostCounts> hosts;  // hosts that answered something
  std::unordered_map<std::uint32_t, std::uint64_t> silent_elsewhere;  // silence of hosts not (yet) answering
  nlohmann::json summary;

  void problem(const std::string& text) {
    if (++problem_count <= 5) problems.push_back(text);
  }
};

StreamedScan stream_ndjson(const std::string& path, const LabTruth& truth, std::uint32_t first,
                           std::uint32_t last, std::uint16_t ports) {
  StreamedScan s;
  std::vector<bool> seen(std::size_t(last - first + 1) * ports, false);
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    const auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded()) {
      s.problem("unparseable line: " + line.substr(0, 80));
      continue;
    }
    if (j.value("type", "") == "summary") {
      s.summary = j;
      continue;
    }
    if (j.value("type", "") != "port") continue;
    ++s.records;
    const auto ip = parse_ipv4(j.value("ip", ""));
    const int port = j.value("port", 0);
    if (!ip || *ip < first || *ip > last || port < 1 || port > ports) {
      s.problem("record outside the scan: " + line.substr(0, 80));
      continue;
    }
    const std::size_t index = std::size_t(*ip - first) * ports + std::size_t(port - 1);
    if (seen[index]) s.problem("duplicate record: " + line.substr(0, 80));
    seen[index] = true;
    const std::string state = j.value("state", ""), reason = j.value("reason", "");
    std::string got = state + " " + reason;
    if (j.contains("icmp_type"))
      got += " " + std::to_string(j["icmp_type"].get<int>()) + "/" + std::to_string(j["icmp_code"].get<int>());
    const Expectation* want = truth.expect(*ip, std::uint16_t(port), "syn");
    if (!want || want->text() != got)
      s.problem(format_ipv4(*ip) + ":" + std::to_string(port) + " want " + (want ? want->text() : "none") +
                ", got " + got);
    else
      ++s.matched;
    if (state == "open") ++s.open;
    if (j.contains("ttl"))
      ++s.hosts[*ip].by_class[state + " (" + reason + ")"];
    else
      ++s.silent_elsewhere[*ip];
  }
  // Silence only counts for hosts that answered something (the report
  // lists only those).
  for (auto& [ip, host] : s.hosts)
    if (auto it = s.silent_elsewhere.find(ip); it != s.silent_elsewhere.end()) host.silent = it->second;
  for (std::size_t i = 0; i < seen.size(); ++i)
    if (!seen[i]) {
      s.problem("no record for " + format_ipv4(first + std::uint32_t(i / ports)) + ":" +
                std::to_string(i % ports + 1));
      break;
    }
  return s;
}

// The text report read back: per host, listed rows by "state (reason)"
// plus the folds, and the silent count (SYN scans: no ACK column; the scans
// pass --reason so that rows show their reason as the fold lines do).
std::unordered_map<std::uint32_t, HostCounts> read_report(const std::string& path) {
  std::unordered_map<std::uint32_t, HostCounts> hosts;
  std::ifstream in(path);
  HostCounts* host = nullptr;
  for (std::string line; std::getline(in, line);) {
    std::istringstream words(line);
    std::vector<std::string> w;
    for (std::string word; words >> word;) w.push_back(word);
    if (w.size() == 2 && w[0] == "Host") {
      host = &hosts[parse_ipv4(w[1]).value_or(0)];
    } else if (host && w.size() >= 4 && w[0].find("/tcp") != std::string::npos) {
      ++host->by_class[w[1] + " (" + w[3] + ")"];  // port, state, service, reason...
    } else if (host && w.size() >= 6 && w[0] == "Not" && w[1] == "shown:") {
      const std::uint64_t n = std::stoull(w[2]);
      if (line.find("(no-response)") != std::string::npos && w[4] == "tcp" && w[5] == "port(s)")
        host->silent += n;
      else
        host->by_class[w[3] + " " + w.back()] += n;  // "closed (reset)"
    } else if (w.empty()) {
      host = nullptr;
    }
  }
  return hosts;
}

std::string report(const StreamedScan& s) {
  return std::to_string(s.problem_count) + " problem(s):\n  " + join(s.problems, "\n  ");
}

std::uint64_t summary_number(const StreamedScan& s, const char* key) {
  return s.summary.is_object() ? s.summary.value(key, std::uint64_t(0)) : ~std::uint64_t(0);
}

double achieved_pps(const StreamedScan& s) {
  const double send = s.summary.is_object() ? s.summary.value("send_seconds", 0.0) : 0.0;
  return send > 0 ? double(summary_number(s, "sent")) / send : 0.0;
}

double requested_pps(const StreamedScan& s) {
  return s.summary.is_object() && s.summary.contains("config") ? s.summary["config"].value("rate", 0.0) : 0.0;
}

// The machine's load matters to the achieved rate: on the 2-core VM the
// lab's kernel answers every probe on the sender's own core (docs/lab.md,
// "How fast the lab answers").
std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string one;
  in >> one;
  return one;
}

void print_figures(const char* what, const MeasuredScan& run, const StreamedScan& s) {
  std::printf("    %s: %llu records, asked %.0f pps, achieved %.0f pps (load %s), peak RSS %ld KiB, "
              "kernel drops %llu, lost %llu\n",
              what, static_cast<unsigned long long>(s.records), requested_pps(s), achieved_pps(s),
              load_average().c_str(), run.peak_rss_kib,
              static_cast<unsigned long long>(summary_number(s, "kernel_dropped")),
              static_cast<unsigned long long>(summary_number(s, "results_lost")));
}

// What the rate check can honestly say: the scan ran at the rate asked for
// or below it, never above (the pacing's catch-up allowance is 2% of a
// second). Whether it reaches 1 M pps is the machine's matter, not the
// scanner's: on the 2-core VM the lab's own answering costs more CPU per
// probe than 1 M pps leaves (figures in docs/lab.md), so the scans ask for
// 1 M and print what they achieved instead of asserting it.
void expect_rate_asked(const StreamedScan& s, double asked) {
  EXPECT_EQ(requested_pps(s), asked);
  EXPECT_GT(achieved_pps(s), 0.0);
  EXPECT_LE(achieved_pps(s), asked * 1.02);
}

class LineRateOutputsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (access(kTime, X_OK) != 0) GTEST_SKIP() << kTime << " missing (Debian package `time`; scripts/setup)";
  }
  const LabTruth truth_ = LabTruth::load(truth_path());
  const LabGroup& anyip_ = truth_.group("anyip");
};

// /16 x 64 ports asked at 1 M pps with the default outputs: 4.2 M pairs,
// 3.2 M answers. Nothing lost, every state as the truth says, text folds
// agree with the NDJSON, peak RSS <= 128 MiB. One pass (--retries 0): no
// second chance hides a lost answer, and sent / send_seconds is the rate of
// that pass alone (a retry pass would add its gap and its few probes).
TEST_F(LineRateOutputsTest, Slash16x64PortsDefaultOutputsLoseNothing) {
  ScratchDir scratch;
  const MeasuredScan run = run_measured({"-sS", "-p", "1-64", "--rate", "1000000", "--retries", "0", "--wait",
                                         "2", "--seed", "20261203", "--reason", "-e", anyip_.attr("iface"),
                                         "198.18.0.0/16"},
                                        scratch, std::chrono::seconds(420));
  ASSERT_TRUE(run.ok()) << run.command << "\n" << run.process.stderr_tail;
  const std::uint32_t first = *parse_ipv4("198.18.0.0"), last = *parse_ipv4("198.18.255.255");
  const StreamedScan s = stream_ndjson(run.json_path, truth_, first, last, 64);
  print_figures("/16 x 64, default outputs", run, s);
  expect_rate_asked(s, 1e6);
  EXPECT_EQ(s.problem_count, 0u) << report(s);
  EXPECT_EQ(s.records, 65536u * 64u);
  EXPECT_EQ(s.matched, 65536u * 64u);
  EXPECT_EQ(summary_number(s, "kernel_dropped"), 0u);
  EXPECT_EQ(summary_number(s, "results_lost"), 0u);
  EXPECT_LE(run.peak_rss_kib, 128 * 1024);
  const auto text = read_report(run.text_path);
  EXPECT_EQ(text.size(), s.hosts.size()) << "hosts in the text report vs answering hosts in the NDJSON";
  std::size_t disagree = 0;
  for (const auto& [ip, counts] : s.hosts) {
    auto it = text.find(ip);
    if (it == text.end() || !(it->second == counts))
      if (++disagree <= 3) ADD_FAILURE() << "text report and NDJSON disagree on " << format_ipv4(ip);
  }
  EXPECT_EQ(disagree, 0u);
}

// /18 x 1024 ports (16.8 M pairs, nearly all answered) twice: --open -oJ,
// and the default text report, one pass each. Peak RSS <= 256 MiB each;
// the folds agree.
TEST_F(LineRateOutputsTest, Slash18x1024PortsInBoundedMemory) {
  const std::uint32_t first = *parse_ipv4("198.18.0.0"), last = *parse_ipv4("198.18.63.255");
  const std::vector<std::string> scan{"-sS", "-p", "1-1024", "--rate", "1000000", "--retries", "0", "--wait",
                                      "2", "--reason", "-e", anyip_.attr("iface"), "198.18.0.0/18"};
  std::uint64_t truth_open = 0;
  for (std::uint32_t ip = first; ip <= last; ++ip)
    for (std::uint16_t port = 1; port <= 1024; ++port)
      if (const Expectation* e = truth_.expect(ip, port, "syn"); e && e->state == "open") ++truth_open;
  {
    ScratchDir scratch;
    std::vector<std::string> args = scan;
    args.insert(args.end(), {"--open", "--seed", "20261204"});
    const MeasuredScan run = run_measured(args, scratch, std::chrono::seconds(600));
    ASSERT_TRUE(run.ok()) << run.command << "\n" << run.process.stderr_tail;
    const StreamedScan s = stream_ndjson(run.json_path, truth_, first, last, 1024);
    print_figures("/18 x 1024, --open -oJ", run, s);
    expect_rate_asked(s, 1e6);
    EXPECT_EQ(s.open, truth_open);
    EXPECT_EQ(s.records, truth_open) << "--open writes open ports only";
    EXPECT_EQ(summary_number(s, "kernel_dropped"), 0u);
    EXPECT_EQ(summary_number(s, "results_lost"), 0u);
    EXPECT_LE(run.peak_rss_kib, 256 * 1024);
  }
  {
    ScratchDir scratch;
    std::vector<std::string> args = scan;
    args.insert(args.end(), {"--seed", "20261205"});
    const MeasuredScan run = run_measured(args, scratch, std::chrono::seconds(600));
    ASSERT_TRUE(run.ok()) << run.command << "\n" << run.process.stderr_tail;
    const StreamedScan s = stream_ndjson(run.json_path, truth_, first, last, 1024);
    print_figures("/18 x 1024, default outputs", run, s);
    expect_rate_asked(s, 1e6);
    EXPECT_EQ(s.problem_count, 0u) << report(s);
    EXPECT_EQ(s.open, truth_open);
    EXPECT_EQ(summary_number(s, "kernel_dropped"), 0u);
    EXPECT_EQ(summary_number(s, "results_lost"), 0u);
    EXPECT_LE(run.peak_rss_kib, 256 * 1024);
    const auto text = read_report(run.text_path);
    EXPECT_EQ(text.size(), s.hosts.size());
    std::size_t disagree = 0;
    for (const auto& [ip, counts] : s.hosts) {
      auto it = text.find(ip);
      if (it == text.end() || !(it->second == counts))
        if (++disagree <= 3) ADD_FAILURE() << "text report and NDJSON disagree on " << format_ipv4(ip);
    }
    EXPECT_EQ(disagree, 0u);
  }
}

}  // namespace
}  // namespace zeroscan::lab
