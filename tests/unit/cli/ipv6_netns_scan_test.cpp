// Root only: `zeroscan` (run_scan, the whole command path) scanning IPv6
// targets on a veth pair between two test namespaces, addressed from
// 2001:2:ff::/64 only — targets parsed, the next hop planned over the
// namespace's routes with NDP, probes out of the AF_PACKET sink, replies
// captured and written as IPv6 records — and scanning 127.0.0.1 and ::1
// together in a fresh namespace (both families in one scan: one capture on
// lo, the two raw IP sinks behind a FamilySplitSink). Each runs in a forked
// child (run_scan drops root; support/forked_child); the namespaces go
// with the fixture or the child. Each scan is run again with
// --pcap, and `zeroscan analyze` of its capture must write the live run's
// port records (issue 11).
#include <arpa/inet.h>
#include <sched.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "support/forked_child.h"
#include "support/scratch_file.h"
#include "support/test_namespace.h"
#include "zeroscan/cli/analyze_command.h"
#include "zeroscan/cli/scan_command.h"

namespace zeroscan {
namespace {

constexpr std::uint16_t kOpen = 8080;
constexpr std::uint16_t kClosed = 8081;

class Records : public ResultSink {
 public:
  void port(const PortRecord& r) override { states[{r.ip.to_string(), r.port, r.probe}] = {r.state, r.reason}; }
  void finish(const ScanSummary&) override {}
  std::string error() const override { return {}; }
  std::map<std::tuple<std::string, std::uint16_t, ProbeKind>, std::pair<PortState, StateReason>> states;
};

enum ChildResult : int { kOk = 0, kNoListener = 10, kScanFailed, kWrongRecords, kNoNamespace };

int listen_on(const char* address, std::uint16_t port) {
  const int fd = ::socket(AF_INET6, SOCK_STREAM, 0);
  sockaddr_in6 to{};
  to.sin6_family = AF_INET6;
  to.sin6_port = htons(port);
  ::inet_pton(AF_INET6, address, &to.sin6_addr);
  // A fresh ::1 may be tentative for a moment.
  for (int tries = 0; tries < 50; ++tries) {
    if (fd >= 0 && ::bind(fd, reinterpret_cast<sockaddr*>(&to), sizeof to) == 0 && ::listen(fd, 8) == 0) return fd;
    ::usleep(20000);
  }
  ::_exit(kNoListener);
}

int listen_on_ipv4_loopback(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(port);
  to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&to), sizeof to) != 0 || ::listen(fd, 8) != 0)
    ::_exit(kNoListener);
  return fd;
}

// --pcap FILE and -oJ FILE for a scan, both empty for a plain one.
struct Recording {
  std::string pcap;
  std::string json;
};

void record(const Recording& recording, ScanOptions& o) {
  o.pcap = recording.pcap;
  o.output_json = recording.json;
}

// NDJSON lines other than the summary (which carries timings).
std::vector<std::string> record_lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);)
    if (line.find("\"type\":\"summary\"") == std::string::npos) out.push_back(line);
  return out;
}

// `zeroscan analyze` of the recorded capture writes the live records, in order.
void expect_analyze_gives_the_live_records(const Recording& recording) {
  const std::string offline = recording.json + ".offline";
  std::ostringstream out, err;
  ASSERT_EQ(run_analyze({recording.pcap, "-oJ", offline}, out, err), 0) << err.str();
  EXPECT_EQ(err.str(), "");
  const auto live = record_lines(recording.json);
  const auto replayed = record_lines(offline);
  ASSERT_FALSE(live.empty());
  ASSERT_EQ(replayed.size(), live.size());
  for (std::size_t i = 0; i < live.size(); ++i) EXPECT_EQ(replayed[i], live[i]) << "line " << i;
  if (::testing::Test::HasFailure()) return;  // kept, to look at
  for (const std::string& file : {recording.pcap, recording.pcap + ".scan.json", recording.json, offline})
    std::remove(file.c_str());
}

int scan_from_the_scanner_namespace(const VethPair& lab, const std::string& resume_file,
                                    const Recording& recording) {
  int listener = -1;
  {
    EnterNamespace inside(lab.target);
    listener = listen_on("2001:2:ff::2", kOpen);
  }
  // For good: run_scan drops root, so the child could not switch back.
  if (::setns(lab.scanner.fd(), CLONE_NEWNET) != 0) return kNoNamespace;
  ScanOptions o;
  o.targets = {"2001:2:ff::2-2001:2:ff::3"};
  o.ports = "8080,8081";
  o.syn = o.ack = true;
  o.wait_seconds = 0.5;
  o.interface = VethPair::kScannerInterface;
  o.resume_file = resume_file;
  record(recording, o);
  Records records;
  const int rc = run_scan(o, &records);
  ::close(listener);
  if (rc != 0) return kScanFailed;
  using Key = std::tuple<std::string, std::uint16_t, ProbeKind>;
  const std::map<Key, std::pair<PortState, StateReason>> expected = {
      {{"2001:2:ff::2", kOpen, ProbeKind::Syn}, {PortState::Open, StateReason::SynAck}},
      {{"2001:2:ff::2", kClosed, ProbeKind::Syn}, {PortState::Closed, StateReason::Rst}},
      {{"2001:2:ff::2", kOpen, ProbeKind::Ack}, {PortState::Unfiltered, StateReason::Rst}},
      {{"2001:2:ff::2", kClosed, ProbeKind::Ack}, {PortState::Unfiltered, StateReason::Rst}},
      // Nobody answers NDP for ::3: never probed, concluded filtered.
      {{"2001:2:ff::3", kOpen, ProbeKind::Syn}, {PortState::Filtered, StateReason::NdTimeout}},
      {{"2001:2:ff::3", kClosed, ProbeKind::Syn}, {PortState::Filtered, StateReason::NdTimeout}},
      {{"2001:2:ff::3", kOpen, ProbeKind::Ack}, {PortState::Filtered, StateReason::NdTimeout}},
      {{"2001:2:ff::3", kClosed, ProbeKind::Ack}, {PortState::Filtered, StateReason::NdTimeout}},
  };
  return records.states == expected ? kOk : kWrongRecords;
}

void scan_an_on_link_host_found_by_ndp(const Recording& recording) {
  VethPair lab;
  // nodad: usable at once, no duplicate address detection to wait for.
  lab.scanner.ip("-6 addr add 2001:2:ff::1/64 dev zs0 nodad");
  lab.target.ip("-6 addr add 2001:2:ff::2/64 dev zs1 nodad");
  const std::string resume_file = scratch_path("ipv6_netns.resume");
  ForkedChildOptions bounded;
  bounded.timeout_seconds = 30;
  const ForkedChildExit child =
      run_in_forked_child([&] { return scan_from_the_scanner_namespace(lab, resume_file, recording); }, bounded);
  ASSERT_EQ(child.code, kOk) << child.describe()
                             << " (10 no listener, 11 run_scan failed, 12 records differ, 13 setns failed)";
}

TEST(Ipv6NetnsScan, ZeroscanScansAnOnLinkIpv6HostFoundByNdp) {
  if (!running_as_root()) GTEST_SKIP() << "needs root: creates network namespaces";
  scan_an_on_link_host_found_by_ndp({});
}

// The same scan recorded: analyze concludes ::2's answers and ::3's
// NDP silence (never probed: filtered/arp-timeout) from the capture alone.
TEST(Ipv6NetnsScan, AnalyzeOfARecordedNdpScanGivesTheLiveRecords) {
  if (!running_as_root()) GTEST_SKIP() << "needs root: creates network namespaces";
  const Recording recording{scratch_path("ndp.pcap"), scratch_path("ndp.json")};
  scan_an_on_link_host_found_by_ndp(recording);
  expect_analyze_gives_the_live_records(recording);
}

// 127.0.0.1 listens on kOpen, ::1 on kClosed: each family's answers must
// land on its own address.
int scan_both_loopbacks_in_new_namespace(const std::string& resume_file, const Recording& recording) {
  const int v4 = listen_on_ipv4_loopback(kOpen);
  const int v6 = listen_on("::1", kClosed);
  ScanOptions o;
  o.targets = {"::1", "127.0.0.1"};
  o.ports = "8080,8081";
  o.wait_seconds = 0.5;
  o.resume_file = resume_file;
  record(recording, o);
  Records records;
  const int rc = run_scan(o, &records);
  ::close(v4);
  ::close(v6);
  if (rc != 0) return kScanFailed;
  using Key = std::tuple<std::string, std::uint16_t, ProbeKind>;
  const std::map<Key, std::pair<PortState, StateReason>> expected = {
      {{"127.0.0.1", kOpen, ProbeKind::Syn}, {PortState::Open, StateReason::SynAck}},
      {{"127.0.0.1", kClosed, ProbeKind::Syn}, {PortState::Closed, StateReason::Rst}},
      {{"::1", kOpen, ProbeKind::Syn}, {PortState::Closed, StateReason::Rst}},
      {{"::1", kClosed, ProbeKind::Syn}, {PortState::Open, StateReason::SynAck}},
  };
  return records.states == expected ? kOk : kWrongRecords;
}

// False when no namespace could be made (the caller skips).
bool scan_both_loopbacks(const Recording& recording) {
  const std::string resume_file = scratch_path("both_loopbacks.resume");
  const ForkedChildExit child = run_in_forked_child(
      [&] { return scan_both_loopbacks_in_new_namespace(resume_file, recording); }, in_fresh_network_namespace(30));
  if (child.no_namespace) return false;
  EXPECT_EQ(child.code, kOk) << child.describe() << " (10 no listener, 11 run_scan failed, 12 records differ)";
  return true;
}

TEST(Ipv6NetnsScan, OneScanOfBothLoopbacksAnswersPerFamily) {
  if (!running_as_root()) GTEST_SKIP() << "needs root: creates a network namespace";
  if (!scan_both_loopbacks({})) GTEST_SKIP() << "cannot create a network namespace here";
}

// 127.0.0.1 and ::1 recorded from lo (our probes and the replies in one
// capture, both raw IP sinks): analyze gives the live records.
TEST(Ipv6NetnsScan, AnalyzeOfARecordedScanOfBothLoopbacksGivesTheLiveRecords) {
  if (!running_as_root()) GTEST_SKIP() << "needs root: creates a network namespace";
  const Recording recording{scratch_path("loopbacks.pcap"), scratch_path("loopbacks.json")};
  if (!scan_both_loopbacks(recording)) GTEST_SKIP() << "cannot create a network namespace here";
  if (HasFailure()) return;
  expect_analyze_gives_the_live_records(recording);
}

}  // namespace
}  // namespace zeroscan
