// Root only: `zeroscan` (run_scan, the whole command path) scanning IPv6
// targets on a veth pair between two test namespaces, addressed from
// 2001:2:ff::/64 only — targets parsed, the next hop planned over the
// namespace's routes with NDP, probes out of the AF_PACKET sink, replies
// captured and written as IPv6 records — and scanning 127.0.0.1 and ::1
// together in a fresh namespace (both families in one scan: one capture on
// lo, the two raw IP sinks behind a FamilySplitSink). Each runs in a forked
// child (run_scan drops root), bounded by alarm() and reaped by PID; the
// namespaces go with the fixture or the child.
#include <arpa/inet.h>
#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>

#include <map>

#include <gtest/gtest.h>

#include "support/scratch_file.h"
#include "support/test_namespace.h"
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

[[noreturn]] void scan_from_the_scanner_namespace(const VethPair& lab, const std::string& resume_file) {
  ::alarm(30);
  int listener = -1;
  {
    EnterNamespace inside(lab.target);
    listener = listen_on("2001:2:ff::2", kOpen);
  }
  EnterNamespace inside(lab.scanner);
  ScanOptions o;
  o.targets = {"2001:2:ff::2-2001:2:ff::3"};
  o.ports = "8080,8081";
  o.syn = o.ack = true;
  o.wait_seconds = 0.5;
  o.interface = VethPair::kScannerInterface;
  o.resume_file = resume_file;
  Records records;
  const int rc = run_scan(o, &records);
  ::close(listener);
  if (rc != 0) ::_exit(kScanFailed);
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
  ::_exit(records.states == expected ? kOk : kWrongRecords);
}

TEST(Ipv6NetnsScan, ZeroscanScansAnOnLinkIpv6HostFoundByNdp) {
  if (!running_as_root()) GTEST_SKIP() << "needs root: creates network namespaces";
  VethPair lab;
  // nodad: usable at once, no duplicate address detection to wait for.
  lab.scanner.ip("-6 addr add 2001:2:ff::1/64 dev zs0 nodad");
  lab.target.ip("-6 addr add 2001:2:ff::2/64 dev zs1 nodad");
  const std::string resume_file = scratch_path("ipv6_netns.resume");
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) scan_from_the_scanner_namespace(lab, resume_file);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status)) << "child killed by signal " << (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
  EXPECT_EQ(WEXITSTATUS(status), kOk) << "10 no listener, 11 run_scan failed, 12 records differ";
}

// 127.0.0.1 listens on kOpen, ::1 on kClosed: each family's answers must
// land on its own address.
[[noreturn]] void scan_both_loopbacks_in_new_namespace(const std::string& resume_file) {
  ::alarm(30);
  if (::unshare(CLONE_NEWNET) != 0 || !bring_loopback_up()) ::_exit(kNoNamespace);
  const int v4 = listen_on_ipv4_loopback(kOpen);
  const int v6 = listen_on("::1", kClosed);
  ScanOptions o;
  o.targets = {"::1", "127.0.0.1"};
  o.ports = "8080,8081";
  o.wait_seconds = 0.5;
  o.resume_file = resume_file;
  Records records;
  const int rc = run_scan(o, &records);
  ::close(v4);
  ::close(v6);
  if (rc != 0) ::_exit(kScanFailed);
  using Key = std::tuple<std::string, std::uint16_t, ProbeKind>;
  const std::map<Key, std::pair<PortState, StateReason>> expected = {
      {{"127.0.0.1", kOpen, ProbeKind::Syn}, {PortState::Open, StateReason::SynAck}},
      {{"127.0.0.1", kClosed, ProbeKind::Syn}, {PortState::Closed, StateReason::Rst}},
      {{"::1", kOpen, ProbeKind::Syn}, {PortState::Closed, StateReason::Rst}},
      {{"::1", kClosed, ProbeKind::Syn}, {PortState::Open, StateReason::SynAck}},
  };
  ::_exit(records.states == expected ? kOk : kWrongRecords);
}

TEST(Ipv6NetnsScan, OneScanOfBothLoopbacksAnswersPerFamily) {
  if (!running_as_root()) GTEST_SKIP() << "needs root: creates a network namespace";
  const std::string resume_file = scratch_path("both_loopbacks.resume");
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) scan_both_loopbacks_in_new_namespace(resume_file);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status)) << "child killed by signal " << (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
  if (WEXITSTATUS(status) == kNoNamespace) GTEST_SKIP() << "cannot create a network namespace here";
  EXPECT_EQ(WEXITSTATUS(status), kOk) << "10 no listener, 11 run_scan failed, 12 records differ";
}

}  // namespace
}  // namespace zeroscan
