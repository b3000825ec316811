// Root only: host discovery (-sn) of IPv6 targets through the whole command
// path (run_scan), mixed with IPv4 in one scan, between two test
// namespaces addressed from 198.19.250.0/24 and 2001:2:ff::/48 only:
//  - on-link targets by ARP and NDP alone (arp-response, nd-response); an
//    on-link address nobody holds is down;
//  - a routed IPv6 target by its ICMPv6 echo reply (-PE, echo-reply), a
//    routed address nobody holds is down;
//  - ::1 and 127.0.0.1 in a fresh namespace by their echo replies (the raw
//    IP sinks, the capture on lo that must not take our requests for
//    answers).
// Each scan runs in a forked child (run_scan drops root), bounded by
// alarm() and reaped by PID; the namespaces go with the fixture or the child.
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

class HostsUp : public ResultSink {
 public:
  void port(const PortRecord&) override { ++ports; }
  void host_up(const HostUpRecord& r) override { up[r.ip.to_string()] = r.reason; }
  void finish(const ScanSummary& s) override { hosts_up = s.hosts_up; }
  std::string error() const override { return {}; }
  std::map<std::string, StateReason> up;
  int ports = 0;
  std::uint64_t hosts_up = 0;
};

enum ChildResult : int { kOk = 0, kScanFailed = 10, kWrongHosts, kNoNamespace, kPortRecords };

[[noreturn]] void exit_with(int rc, const HostsUp& hosts, const std::map<std::string, StateReason>& expected) {
  if (rc != 0) ::_exit(kScanFailed);
  if (hosts.ports != 0) ::_exit(kPortRecords);
  ::_exit(hosts.up == expected && hosts.hosts_up == expected.size() ? kOk : kWrongHosts);
}

[[noreturn]] void discover_from_the_scanner_namespace(const VethPair& lab, const std::string& resume_file) {
  ::alarm(30);
  EnterNamespace inside(lab.scanner);
  ScanOptions o;
  // On link: .2 / ::2 are held, .3 / ::3 not. Routed: 2001:2:ff:1::5 is
  // held by the target namespace, ::6 by nobody.
  o.targets = {"198.19.250.2-198.19.250.3", "2001:2:ff::2-2001:2:ff::3", "2001:2:ff:1::5-2001:2:ff:1::6"};
  o.discovery.ping_scan = true;
  o.discovery.echo = true;
  o.wait_seconds = 0.5;
  o.interface = VethPair::kScannerInterface;
  o.resume_file = resume_file;
  HostsUp hosts;
  const int rc = run_scan(o, &hosts);
  exit_with(rc, hosts,
            {{"198.19.250.2", StateReason::ArpResponse},
             {"2001:2:ff::2", StateReason::NdResponse},
             {"2001:2:ff:1::5", StateReason::EchoReply}});
}

TEST(Ipv6NetnsDiscovery, MixedFamiliesOnLinkByArpAndNdpRoutedByIcmpv6Echo) {
  if (!running_as_root()) GTEST_SKIP() << "needs root: creates network namespaces";
  VethPair lab;
  // nodad: usable at once, no duplicate address detection to wait for.
  lab.scanner.ip("-6 addr add 2001:2:ff::1/64 dev zs0 nodad");
  lab.target.ip("-6 addr add 2001:2:ff::2/64 dev zs1 nodad");
  lab.target.ip("-6 addr add 2001:2:ff:1::5/128 dev lo nodad");
  lab.scanner.ip("-6 route add 2001:2:ff:1::/64 via 2001:2:ff::2 dev zs0");
  const std::string resume_file = scratch_path("ipv6_netns_discovery.resume");
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) discover_from_the_scanner_namespace(lab, resume_file);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status)) << "child killed by signal " << (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
  EXPECT_EQ(WEXITSTATUS(status), kOk) << "10 run_scan failed, 11 hosts up differ, 13 port records written";
}

[[noreturn]] void ping_both_loopbacks_in_new_namespace(const std::string& resume_file) {
  ::alarm(30);
  if (::unshare(CLONE_NEWNET) != 0 || !bring_loopback_up()) ::_exit(kNoNamespace);
  ::usleep(200000);  // a fresh ::1 may be tentative for a moment
  ScanOptions o;
  o.targets = {"::1", "127.0.0.1"};
  o.discovery.ping_scan = true;
  o.discovery.echo = true;
  o.wait_seconds = 0.5;
  o.resume_file = resume_file;
  HostsUp hosts;
  const int rc = run_scan(o, &hosts);
  exit_with(rc, hosts, {{"127.0.0.1", StateReason::EchoReply}, {"::1", StateReason::EchoReply}});
}

TEST(Ipv6NetnsDiscovery, BothLoopbacksAnswerTheEchoPing) {
  if (!running_as_root()) GTEST_SKIP() << "needs root: creates a network namespace";
  const std::string resume_file = scratch_path("ping_loopbacks.resume");
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) ping_both_loopbacks_in_new_namespace(resume_file);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status)) << "child killed by signal " << (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
  if (WEXITSTATUS(status) == kNoNamespace) GTEST_SKIP() << "cannot create a network namespace here";
  EXPECT_EQ(WEXITSTATUS(status), kOk) << "10 run_scan failed, 11 hosts up differ, 13 port records written";
}

}  // namespace
}  // namespace zeroscan
