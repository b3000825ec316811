// Host discovery (-sn) against the lab truth. Routed hosts (anyip): a host
// is up exactly when one of the discovery probes draws an answer from the
// host itself in the truth (syn-ack, reset, or an ICMP unreachable other
// than net/host unreachable), so dropped hosts are never reported up and
// excluded addresses never see a probe. On-link hosts: ARP decides, as in
// nmap (every host that answers ARP is up, reason arp-response; an
// address nobody holds is down), and no other probe goes to them.
// --discover: the port scan covers exactly the hosts found up.
#include <algorithm>
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "support/discovery_truth.h"
#include "support/ipv4_text.h"
#include "support/lab_paths.h"
#include "support/lab_truth.h"
#include "support/scanner_run.h"
#include "support/wire_capture.h"

namespace zeroscan::lab {
namespace {

std::uint32_t ip(const char* text) { return *parse_ipv4(text); }

const auto& kProbes = kDiscoveryProbes;
const auto& kProbeFlags = kDiscoveryProbeFlags;

// Small stretches of every anyip policy region and exception.
std::vector<std::string> anyip_samples() {
  return {"198.18.0.0/28",   "198.18.64.0/29",  "198.18.100.0/29", "198.18.128.0/29",
          "198.18.160.0/29", "198.18.192.0/29", "198.18.255.0/29"};
}

std::vector<std::uint32_t> addresses_of(const std::vector<std::string>& blocks) {
  std::vector<std::uint32_t> out;
  for (const std::string& block : blocks) {
    const auto slash = block.find('/');
    const std::uint32_t first = ip(block.substr(0, slash).c_str());
    const std::uint32_t count = 1u << (32 - std::stoi(block.substr(slash + 1)));
    for (std::uint32_t i = 0; i < count; ++i) out.push_back(first + i);
  }
  return out;
}

TEST(HostDiscoveryTest, RoutedHostsUpExactlyAsTheTruthSays) {
  const LabTruth truth = LabTruth::load(truth_path());
  const LabGroup& anyip = truth.group("anyip");
  const std::uint32_t excluded = ip("198.18.0.9");  // web region: it would be up
  std::vector<std::string> args{"-sn", "--rate", "2000", "--retries", "1", "--wait", "1", "--seed", "5",
                                "-e", anyip.attr("iface"), "--exclude", "198.18.0.9"};
  args.insert(args.end(), kProbeFlags.begin(), kProbeFlags.end());
  const std::vector<std::string> blocks = anyip_samples();
  args.insert(args.end(), blocks.begin(), blocks.end());

  ScratchDir scratch;
  WireCapture capture(anyip.attr("netns"), anyip.attr("peer"), Direction::In);
  const ScanRun run = run_scanner(args, scratch, std::chrono::seconds(60));
  capture.stop();
  ASSERT_TRUE(run.ok()) << run.failure();
  ASSERT_TRUE(run.output.problems.empty()) << join(run.output.problems, "\n");
  EXPECT_TRUE(run.output.ports.empty()) << "-sn writes no port records";

  std::map<std::uint32_t, std::string> reported;
  for (const HostUpRecord& h : run.output.hosts_up)
    EXPECT_TRUE(reported.emplace(h.ip, h.reason).second) << format_ipv4(h.ip) << " reported twice";

  std::vector<std::string> wrong;
  std::size_t expected_up = 0, expected_down = 0;
  for (const std::uint32_t a : addresses_of(blocks)) {
    if (a == excluded) continue;
    bool up = false;
    for (const auto& [port, probe] : kProbes) {
      const Expectation* e = truth.expect(a, port, probe);
      ASSERT_NE(e, nullptr) << "no truth for " << format_ipv4(a) << ":" << port << " " << probe;
      up = up || proves_up(*e);
    }
    (up ? expected_up : expected_down)++;
    if (up != bool(reported.count(a)))
      wrong.push_back(format_ipv4(a) + (up ? " is up in the truth, not reported" : " is down in the truth, reported up (" +
                                                                                     reported[a] + ")"));
  }
  EXPECT_TRUE(wrong.empty()) << wrong.size() << " host(s) wrong, e.g.:\n" << join(wrong, "\n");
  EXPECT_GT(expected_up, 10u) << "the samples must hold hosts up";
  EXPECT_GT(expected_down, 10u) << "and hosts down (dropped, dark, host-unreachable)";
  EXPECT_FALSE(reported.count(excluded));
  ASSERT_TRUE(run.output.summary);
  EXPECT_EQ((*run.output.summary)["hosts_up"], reported.size());

  std::size_t probes_to_excluded = 0;
  for (const CapturedFrame& f : capture.frames())
    if (f.ipv4() && f.dst == excluded) ++probes_to_excluded;
  EXPECT_EQ(probes_to_excluded, 0u) << "an excluded address was probed";
}

TEST(HostDiscoveryTest, OnLinkHostsAreFoundByArpAlone) {
  const LabTruth truth = LabTruth::load(truth_path());
  const LabGroup& hosts = truth.group("hosts");
  ASSERT_FALSE(hosts.hosts.empty());
  const std::uint32_t nobody = ip("198.19.1.30");  // on the hosts' subnet, held by no one
  ASSERT_EQ(std::count(hosts.hosts.begin(), hosts.hosts.end(), nobody), 0);
  std::vector<std::string> args{"-sn", "--rate", "2000", "--wait", "1", "-e", hosts.attr("iface"),
                                format_ipv4(nobody)};
  for (const std::uint32_t a : hosts.hosts) args.push_back(format_ipv4(a));

  ScratchDir scratch;
  WireCapture capture(hosts.attr("netns"), hosts.attr("peer"), Direction::In);
  const ScanRun run = run_scanner(args, scratch, std::chrono::seconds(60));
  capture.stop();
  ASSERT_TRUE(run.ok()) << run.failure();
  ASSERT_TRUE(run.output.problems.empty()) << join(run.output.problems, "\n");

  std::set<std::uint32_t> up;
  for (const HostUpRecord& h : run.output.hosts_up) {
    EXPECT_EQ(h.reason, "arp-response") << format_ipv4(h.ip);
    up.insert(h.ip);
  }
  // Every lab host answers ARP, even 198.19.1.20 which drops all TCP.
  EXPECT_EQ(up, std::set<std::uint32_t>(hosts.hosts.begin(), hosts.hosts.end()));
  std::size_t ip_frames = 0;
  for (const CapturedFrame& f : capture.frames()) ip_frames += f.ipv4() && f.src == ip(hosts.attr("src").c_str());
  EXPECT_EQ(ip_frames, 0u) << "ARP decided: no echo/SYN/ACK should follow it";
}

TEST(HostDiscoveryTest, DiscoverScansOnlyTheHostsFoundUp) {
  const LabTruth truth = LabTruth::load(truth_path());
  const LabGroup& anyip = truth.group("anyip");
  // The web region (up) and the dark region (down but for 198.18.192.1).
  const std::vector<std::string> blocks{"198.18.0.0/29", "198.18.192.0/29"};
  std::vector<std::string> args{"--discover", "-p", "22,80", "--rate", "2000", "--retries", "1", "--wait", "1",
                                "--seed", "9", "-e", anyip.attr("iface")};
  args.insert(args.end(), kProbeFlags.begin(), kProbeFlags.end());
  args.insert(args.end(), blocks.begin(), blocks.end());

  ScratchDir scratch;
  const ScanRun run = run_scanner(args, scratch, std::chrono::seconds(60));
  ASSERT_TRUE(run.ok()) << run.failure();
  ASSERT_TRUE(run.output.problems.empty()) << join(run.output.problems, "\n");

  std::set<std::uint32_t> expected_hosts, scanned_hosts;
  for (const std::uint32_t a : addresses_of(blocks))
    for (const auto& [port, probe] : kProbes)
      if (proves_up(*truth.expect(a, port, probe))) expected_hosts.insert(a);
  std::vector<std::string> wrong;
  for (const PortRecord& r : run.output.ports) {
    scanned_hosts.insert(r.ip);
    const Expectation* e = truth.expect(r.ip, r.port, "syn");
    if (!e || e->state != r.state) wrong.push_back(format_ipv4(r.ip) + ":" + std::to_string(r.port) + " " + r.state);
  }
  EXPECT_EQ(scanned_hosts, expected_hosts);
  EXPECT_EQ(run.output.ports.size(), expected_hosts.size() * 2) << "one record per (host up, port)";
  EXPECT_TRUE(wrong.empty()) << join(wrong, "\n");
  EXPECT_TRUE(scanned_hosts.count(ip("198.18.192.1"))) << "the dark region's one open host";
}

}  // namespace
}  // namespace zeroscan::lab
