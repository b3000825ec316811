// Host discovery (-sn) of the lab's IPv6 side, mixed with its IPv4 side in
// one run (host_discovery_test.cpp's twin). Routed hosts (anyip): a host is
// up exactly when a discovery probe draws a SYN-ACK or a reset from it in
// the truth; the v6 AnyIP block's ICMPv6 errors come from the link address,
// not from the target (docs/lab.md), so none of them proves a host up;
// excluded addresses never see a probe. On-link hosts: NDP decides, as in
// nmap (every host that answers a neighbour solicitation is up, reason
// nd-response; an address nobody holds is down), and no other probe goes to
// them. --discover: the port scan covers exactly the IPv6 hosts found up.
#include <algorithm>
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "support/discovery_truth.h"
#include "support/ipv4_text.h"
#include "support/ipv6_text.h"
#include "support/lab_paths.h"
#include "support/lab_truth.h"
#include "support/scanner_run.h"
#include "support/wire_capture.h"

namespace zeroscan::lab {
namespace {

std::uint32_t ip(const char* text) { return *parse_ipv4(text); }

const auto& kProbes = kDiscoveryProbes;
const auto& kProbeFlags = kDiscoveryProbeFlags;

// `first` + n, within the last 16 bits (the lab's v6 ranges stay there).
Ipv6 plus(Ipv6 first, unsigned n) {
  const unsigned low = (unsigned(first[14]) << 8 | first[15]) + n;
  first[14] = std::uint8_t(low >> 8);
  first[15] = std::uint8_t(low);
  return first;
}

// Eight addresses of every v6 AnyIP region and exception (offsets into
// 2001:2:0:1800::/116): web (with ::7, dropped on every port), no-route,
// ssh, addr-unreachable, mixed (with ::801), admin-prohibited, dark (with
// ::c01), and the closed tail ::ff8-::fff.
std::vector<Ipv6> anyip6_samples(const LabGroup6& anyip) {
  std::vector<Ipv6> out;
  for (unsigned start : {0x000u, 0x200u, 0x400u, 0x500u, 0x800u, 0xa00u, 0xc00u, 0xff8u})
    for (unsigned i = 0; i < 8; ++i) out.push_back(plus(anyip.first, start + i));
  return out;
}

std::vector<std::uint32_t> anyip4_samples() {
  std::vector<std::uint32_t> out;
  for (const char* block : {"198.18.0.0", "198.18.64.0", "198.18.192.0"})
    for (std::uint32_t i = 0; i < 8; ++i) out.push_back(ip(block) + i);
  return out;
}

TEST(Ipv6HostDiscoveryTest, MixedSweepFindsExactlyTheHostsTheTruthSaysUp) {
  const LabTruth truth = LabTruth::load(truth_path());
  const LabGroup& anyip4 = truth.group("anyip");
  const LabGroup6& anyip6 = truth.group6("anyip");
  ASSERT_EQ(anyip4.attr("iface"), anyip6.attr("iface")) << "one interface for both families";
  const Ipv6 excluded = plus(anyip6.first, 2);  // web region: it would be up
  std::vector<std::string> args{"-sn", "--rate", "2000", "--retries", "1", "--wait", "1", "--seed", "6",
                                "-e", anyip6.attr("iface"), "--exclude", format_ipv6(excluded)};
  args.insert(args.end(), kProbeFlags.begin(), kProbeFlags.end());
  const std::vector<Ipv6> samples6 = anyip6_samples(anyip6);
  const std::vector<std::uint32_t> samples4 = anyip4_samples();
  for (const Ipv6& a : samples6) args.push_back(format_ipv6(a));
  for (const std::uint32_t a : samples4) args.push_back(format_ipv4(a));

  ScratchDir scratch;
  WireCapture capture(anyip6.attr("netns"), anyip6.attr("peer"), Direction::In);
  const ScanRun run = run_scanner(args, scratch, std::chrono::seconds(60));
  capture.stop();
  ASSERT_TRUE(run.ok()) << run.failure();
  ASSERT_TRUE(run.output.problems.empty()) << join(run.output.problems, "\n");
  EXPECT_TRUE(run.output.ports.empty()) << "-sn writes no port records";

  std::map<std::uint32_t, std::string> reported4;
  std::map<Ipv6, std::string> reported6;
  bool ipv6_seen = false, ipv4_after_ipv6 = false;  // NDJSON: arrival order, no family order promised
  for (const HostUpRecord& h : run.output.hosts_up) {
    if (h.ip6) {
      ipv6_seen = true;
      EXPECT_TRUE(reported6.emplace(*h.ip6, h.reason).second) << format_ipv6(*h.ip6) << " reported twice";
    } else {
      ipv4_after_ipv6 = ipv4_after_ipv6 || ipv6_seen;
      EXPECT_TRUE(reported4.emplace(h.ip, h.reason).second) << format_ipv4(h.ip) << " reported twice";
    }
  }

  std::vector<std::string> wrong;
  std::size_t up6 = 0, down6 = 0;
  for (const Ipv6& a : samples6) {
    if (a == excluded) continue;
    std::set<std::string> reasons;  // what the host's answers to the probes are named
    for (const auto& [port, probe] : kProbes) {
      const Expectation* e = truth.expect6(a, port, probe);
      ASSERT_NE(e, nullptr) << "no truth for " << format_ipv6(a) << ":" << port << " " << probe;
      if (proves_up6(*e)) reasons.insert(e->reason);
    }
    const bool up = !reasons.empty();
    (up ? up6 : down6)++;
    const auto found = reported6.find(a);
    if (up != (found != reported6.end()))
      wrong.push_back(format_ipv6(a) + (up ? " is up in the truth, not reported"
                                           : " is down in the truth, reported up (" + found->second + ")"));
    else if (up && !reasons.count(found->second))
      wrong.push_back(format_ipv6(a) + " reported up by " + found->second + ", which no probe of it draws");
  }
  for (const std::uint32_t a : samples4) {
    bool up = false;
    for (const auto& [port, probe] : kProbes) {
      const Expectation* e = truth.expect(a, port, probe);
      ASSERT_NE(e, nullptr) << "no truth for " << format_ipv4(a) << ":" << port << " " << probe;
      up = up || proves_up(*e);
    }
    if (up != bool(reported4.count(a)))
      wrong.push_back(format_ipv4(a) + (up ? " is up in the truth, not reported" : " is down, reported up"));
  }
  EXPECT_TRUE(wrong.empty()) << wrong.size() << " host(s) wrong, e.g.:\n" << join(wrong, "\n");
  EXPECT_GT(up6, 10u) << "the v6 samples must hold hosts up";
  EXPECT_GT(down6, 10u) << "and hosts down (dropped, dark, ICMPv6-rejected)";
  EXPECT_FALSE(reported6.count(excluded));
  EXPECT_FALSE(reported4.empty()) << "the IPv4 side of the same run";
  ASSERT_TRUE(run.output.summary);
  EXPECT_EQ((*run.output.summary)["hosts_up"], reported4.size() + reported6.size());

  std::size_t probes_to_excluded = 0;
  for (const CapturedFrame& f : capture.frames())
    if (f.ipv6() && f.dst6 == excluded) ++probes_to_excluded;
  EXPECT_EQ(probes_to_excluded, 0u) << "an excluded address was probed";
}

TEST(Ipv6HostDiscoveryTest, OnLinkHostsAreFoundByNdpAndArpAlone) {
  const LabTruth truth = LabTruth::load(truth_path());
  const LabGroup& hosts4 = truth.group("hosts");
  const LabGroup6& hosts6 = truth.group6("hosts");
  ASSERT_FALSE(hosts6.hosts.empty());
  ASSERT_EQ(hosts4.attr("iface"), hosts6.attr("iface"));
  const Ipv6 nobody = *parse_ipv6("2001:2:0:1901::30");  // on the hosts' link, held by no one
  ASSERT_EQ(std::count(hosts6.hosts.begin(), hosts6.hosts.end(), nobody), 0);
  std::vector<std::string> args{"-sn", "--rate", "2000", "--wait", "1", "-e", hosts6.attr("iface"),
                                format_ipv6(nobody)};
  for (const Ipv6& a : hosts6.hosts) args.push_back(format_ipv6(a));
  for (const std::uint32_t a : hosts4.hosts) args.push_back(format_ipv4(a));

  ScratchDir scratch;
  WireCapture capture(hosts6.attr("netns"), hosts6.attr("peer"), Direction::In);
  const ScanRun run = run_scanner(args, scratch, std::chrono::seconds(60));
  capture.stop();
  ASSERT_TRUE(run.ok()) << run.failure();
  ASSERT_TRUE(run.output.problems.empty()) << join(run.output.problems, "\n");

  std::set<Ipv6> up6;
  std::set<std::uint32_t> up4;
  for (const HostUpRecord& h : run.output.hosts_up) {
    if (h.ip6) {
      EXPECT_EQ(h.reason, "nd-response") << format_ipv6(*h.ip6);
      up6.insert(*h.ip6);
    } else {
      EXPECT_EQ(h.reason, "arp-response") << format_ipv4(h.ip);
      up4.insert(h.ip);
    }
  }
  // Every lab host answers NDP, even ::20 which drops all TCP.
  EXPECT_EQ(up6, std::set<Ipv6>(hosts6.hosts.begin(), hosts6.hosts.end()));
  EXPECT_EQ(up4, std::set<std::uint32_t>(hosts4.hosts.begin(), hosts4.hosts.end()));
  const auto src6 = parse_ipv6(hosts6.attr("src"));
  ASSERT_TRUE(src6);
  std::size_t probes = 0;
  for (const CapturedFrame& f : capture.frames())
    probes += (f.ipv6() && f.src6 == *src6 && !f.neighbour_solicitation()) ||
              (f.ipv4() && f.src == ip(hosts4.attr("src").c_str()));
  EXPECT_EQ(probes, 0u) << "NDP and ARP decided: no echo/SYN/ACK should follow them";
}

TEST(Ipv6HostDiscoveryTest, DiscoverScansOnlyTheIpv6HostsFoundUp) {
  const LabTruth truth = LabTruth::load(truth_path());
  const LabGroup6& anyip = truth.group6("anyip");
  // The web region (up but ::7) and the dark region (down but ::c01).
  std::vector<Ipv6> targets;
  for (unsigned start : {0x000u, 0xc00u})
    for (unsigned i = 0; i < 8; ++i) targets.push_back(plus(anyip.first, start + i));
  std::vector<std::string> args{"--discover", "-p", "22,80", "--rate", "2000", "--retries", "1", "--wait", "1",
                                "--seed", "10", "-e", anyip.attr("iface")};
  args.insert(args.end(), kProbeFlags.begin(), kProbeFlags.end());
  for (const Ipv6& a : targets) args.push_back(format_ipv6(a));

  ScratchDir scratch;
  const ScanRun run = run_scanner(args, scratch, std::chrono::seconds(60));
  ASSERT_TRUE(run.ok()) << run.failure();
  ASSERT_TRUE(run.output.problems.empty()) << join(run.output.problems, "\n");

  std::set<Ipv6> expected_hosts, scanned_hosts;
  for (const Ipv6& a : targets)
    for (const auto& [port, probe] : kProbes)
      if (proves_up6(*truth.expect6(a, port, probe))) expected_hosts.insert(a);
  std::vector<std::string> wrong;
  for (const PortRecord& r : run.output.ports) {
    ASSERT_TRUE(r.ip6) << "only IPv6 targets were given";
    scanned_hosts.insert(*r.ip6);
    const Expectation* e = truth.expect6(*r.ip6, r.port, "syn");
    if (!e || e->state != r.state) wrong.push_back(format_ipv6(*r.ip6) + ":" + std::to_string(r.port) + " " + r.state);
  }
  EXPECT_EQ(scanned_hosts, expected_hosts);
  EXPECT_EQ(run.output.ports.size(), expected_hosts.size() * 2) << "one record per (host up, port)";
  EXPECT_TRUE(wrong.empty()) << join(wrong, "\n");
  EXPECT_TRUE(scanned_hosts.count(plus(anyip.first, 0xc01))) << "the dark region's one open host";
  EXPECT_FALSE(scanned_hosts.count(plus(anyip.first, 7))) << "::7 drops everything";
}

}  // namespace
}  // namespace zeroscan::lab
