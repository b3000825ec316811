// The lab's IPv6 truth (group6/host6/port6/verdict6 records): the reader
// keeps the families apart, every v6 address is in RFC 5180's 2001:2::/48,
// the truth covers every target pair coherently, its verdict lines follow
// from its port lines, the firewall and on-link twins mirror their IPv4
// groups pair by pair, the routes and interface settings keep the v6 side
// inside the machine, and nmap -6 sees what the truth says. None of it uses
// zeroscan, which is what makes it a referee for the scanner's v6 tests.
#include <unistd.h>

#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "support/ipv4_text.h"
#include "support/ipv6_text.h"
#include "support/lab_paths.h"
#include "support/lab_truth.h"
#include "support/subprocess.h"
#include "support/verdict_table.h"

namespace zeroscan::lab {
namespace {

const std::string kHeader = "#zeroscan-lab-truth\t1\n";

LabTruth parse_text(const std::string& text) {
  std::istringstream in(text);
  return LabTruth::parse(in, "test.tsv");
}

Ipv6 v6(const char* text) { return *parse_ipv6(text); }

bool in_benchmark_block(const Ipv6& a) {  // 2001:2::/48
  const Ipv6 base = v6("2001:2::");
  return std::equal(base.begin(), base.begin() + 6, a.begin());
}

TEST(Ipv6LabTruthTest, ReadsTheIpv6KindsApartFromTheIpv4Ones) {
  const LabTruth truth = parse_text(
      kHeader +
      "group\tg\t198.18.0.0\t198.18.0.255\t22\t-\t-\t-\t-\tttl=64\n"
      "group6\tg\t2001:2:0:1800::0\t2001:2:0:1800::ff\t22,80\t-\t-\t-\t-\tttl=63;iface=zs-lab-x0\n"
      "host6\tg\t2001:2:0:1800::10\t2001:2:0:1800::10\t-\t-\t-\t-\t-\tonlink=1\n"
      "port\tg\t198.18.0.0\t198.18.0.255\t*\tsyn\topen\tsyn-ack\t-\trule=v4\n"
      "port6\tg\t2001:2:0:1800::7\t2001:2:0:1800::7\t*\tsyn\tfiltered\tno-response\t-\trule=dead\n"
      "port6\tg\t2001:2:0:1800::0\t2001:2:0:1800::7f\t22\tsyn\tfiltered\ticmp-unreach\t1/4\trule=low\n"
      "port6\tg\t2001:2:0:1800::0\t2001:2:0:1800::ff\t*\tsyn\tclosed\treset\t-\trule=all;ttl=64\n"
      "verdict6\tg\t2001:2:0:1800::0\t2001:2:0:1800::ff\t*\tsyn+ack\treset-by-filter\t-\t-\tforged_reset=1;reset_ttl=64\n");
  ASSERT_EQ(truth.groups().size(), 1u);
  ASSERT_EQ(truth.groups6().size(), 1u);
  EXPECT_EQ(truth.group6("g").attr("ttl"), "63");
  EXPECT_EQ(truth.group6("g").targets(), std::vector<Ipv6>{v6("2001:2:0:1800::10")});
  EXPECT_EQ(truth.expect6(v6("2001:2:0:1800::7"), 22, "syn")->text(), "filtered no-response");
  EXPECT_EQ(truth.expect6(v6("2001:2:0:1800::8"), 22, "syn")->text(), "filtered icmp-unreach 1/4");
  EXPECT_EQ(truth.expect6(v6("2001:2:0:1800::80"), 22, "syn")->ttl, 64);
  EXPECT_EQ(truth.expect6(v6("2001:2:0:1800::100"), 22, "syn"), nullptr);
  EXPECT_EQ(truth.expect6(v6("2001:2:0:1800::8"), 22, "ack"), nullptr);
  EXPECT_TRUE(truth.verdict6(v6("2001:2:0:1800::8"), 80)->forged_reset);
  // The IPv4 lookups never see a v6 line, and the other way round.
  EXPECT_EQ(truth.expect(*parse_ipv4("198.18.0.7"), 22, "syn")->attrs, "rule=v4");
  EXPECT_EQ(truth.verdict(*parse_ipv4("198.18.0.7"), 22), nullptr);
  EXPECT_EQ(truth.group("g").ports.size(), 1u);
}

TEST(Ipv6LabTruthTest, RejectsMixedFamiliesAndOrphanHostsWithTheirLocation) {
  try {
    parse_text(kHeader +
               "port6\tg\t198.18.0.1\t198.18.0.7\t*\tsyn\topen\tsyn-ack\t-\t-\n"
               "host6\tnone\t2001:2::1\t2001:2::1\t-\t-\t-\t-\t-\t-\n"
               "port\tg\t2001:2::1\t2001:2::2\t*\tsyn\topen\tsyn-ack\t-\t-\n"
               "group6\tg\t2001:2::9\t2001:2::1\t22\t-\t-\t-\t-\t-\n");
    FAIL() << "malformed v6 truth was accepted";
  } catch (const std::runtime_error& e) {
    const std::string what = e.what();
    for (const char* where : {"test.tsv:2:", "test.tsv:3:", "test.tsv:4:", "test.tsv:5:"})
      EXPECT_NE(what.find(where), std::string::npos) << where << " missing in\n" << what;
  }
}

// The groups the lab mirrors in IPv6 (lwip and the stack variants have no
// v6 side).
const std::vector<std::string> kMirrored{"anyip", "hosts", "fwstate", "fwsyn",
                                         "fwmbox", "fwlreset", "fwicmp", "fwdrop"};

TEST(Ipv6LabTruthTest, EveryIpv6AddressIsInTheBenchmarkingBlock) {
  const LabTruth truth = LabTruth::load(truth_path());
  for (const std::string& name : kMirrored) ASSERT_NO_THROW(truth.group6(name)) << name;
  for (const LabGroup6& g : truth.groups6()) {
    EXPECT_TRUE(in_benchmark_block(g.first) && in_benchmark_block(g.last)) << g.name << " " << g.range_text();
    for (const Ipv6& h : g.hosts) EXPECT_TRUE(in_benchmark_block(h)) << g.name << " " << format_ipv6(h);
    for (const char* key : {"src", "gateway"}) {
      if (g.attr(key) == "onlink") continue;
      const auto a = parse_ipv6(g.attr(key));
      ASSERT_TRUE(a) << g.name << " " << key << "=" << g.attr(key);
      EXPECT_TRUE(in_benchmark_block(*a)) << g.name << " " << key << "=" << g.attr(key);
    }
    EXPECT_EQ(g.attr("iface").rfind("zs-lab-", 0), 0u) << g.name;
  }
}

TEST(Ipv6LabTruthTest, CoversEveryTargetPairOfEveryGroup) {
  const LabTruth truth = LabTruth::load(truth_path());
  ASSERT_FALSE(truth.groups6().empty()) << "the truth has no IPv6 groups (group6 lines)";
  const std::set<std::string> syn_states{"open syn-ack", "closed reset", "filtered no-response",
                                         "filtered icmp-unreach"};
  const std::set<std::string> ack_states{"unfiltered reset", "filtered no-response",
                                         "filtered icmp-unreach"};
  for (const LabGroup6& g : truth.groups6()) {
    ASSERT_FALSE(g.ports.empty()) << g.name;
    std::size_t holes = 0, incoherent = 0;
    for (const Ipv6& a : g.targets())
      for (const std::uint16_t p : g.ports)
        for (const char* probe : {"syn", "ack"}) {
          const Expectation* e = truth.expect6(a, p, probe);
          if (!e) {
            ADD_FAILURE() << "no expectation for [" << format_ipv6(a) << "]:" << p << " " << probe;
            if (++holes > 3) return;
            continue;
          }
          // ICMPv6 destination unreachable is type 1.
          const auto& allowed = std::string(probe) == "syn" ? syn_states : ack_states;
          const bool icmp = e->reason == "icmp-unreach";
          if (!allowed.count(e->state + " " + e->reason) || icmp != (e->icmp_type == 1)) {
            ADD_FAILURE() << "incoherent expectation " << e->text() << " for [" << format_ipv6(a) << "]:" << p
                          << " " << probe;
            if (++incoherent > 3) return;
          }
        }
  }
}

TEST(Ipv6LabTruthTest, VerdictLinesFollowFromThePortLines) {
  const LabTruth truth = LabTruth::load(truth_path());
  std::size_t checked = 0, problems = 0;
  for (const LabGroup6& g : truth.groups6()) {
    const int group_ttl = g.attr("ttl").empty() ? -1 : std::stoi(g.attr("ttl"));
    for (const Ipv6& a : g.targets()) {
      std::vector<const Expectation*> syn, ack;
      for (const std::uint16_t p : g.ports) {
        syn.push_back(truth.expect6(a, p, "syn"));
        ack.push_back(truth.expect6(a, p, "ack"));
      }
      const std::vector<std::string> derived = host_verdicts(syn, ack, group_ttl);
      for (std::size_t k = 0; k < g.ports.size(); ++k) {
        if (derived[k] == "?") continue;  // CoversEveryTargetPairOfEveryGroup reports it
        const VerdictExpectation* v = truth.verdict6(a, g.ports[k]);
        if (!v && g.attr("role") != "firewall") continue;
        ++checked;
        if (!v || v->verdict != derived[k] || v->forged_reset != (derived[k] == "reset-by-filter")) {
          ADD_FAILURE() << g.name << " [" << format_ipv6(a) << "]:" << g.ports[k] << ": verdict6 line says "
                        << (v ? v->verdict + " (" + v->attrs + ")" : std::string("nothing"))
                        << ", the port6 lines imply " << derived[k];
          if (++problems > 5) return;
        }
      }
    }
  }
  EXPECT_GT(checked, 0u);
}

// The ICMP code of an IPv4 expectation as its IPv6 twin group uses it: the
// lab's twins reject with admin-prohibited only (3/13 -> 1/1).
std::string as_v6(const Expectation& e) {
  if (e.icmp_type == 3 && e.icmp_code == 13) return e.state + " " + e.reason + " 1/1";
  return e.text();
}

// The firewall groups and the on-link hosts are twins: the k-th v6 target
// answers every probe as the k-th v4 target does (same state, reason, TTL,
// verdict), so one v6 scan test means what its v4 original means.
TEST(Ipv6LabTruthTest, TwinGroupsMirrorTheirIpv4GroupPairByPair) {
  const LabTruth truth = LabTruth::load(truth_path());
  std::size_t groups = 0, problems = 0;
  for (const LabGroup6& g6 : truth.groups6()) {
    if (g6.name == "anyip") continue;  // its own, smaller address plan (docs/lab.md)
    const LabGroup& g4 = truth.group(g6.name);
    ++groups;
    ASSERT_EQ(g6.ports, g4.ports) << g6.name;
    EXPECT_EQ(g6.attr("ttl"), g4.attr("ttl")) << g6.name;
    EXPECT_EQ(g6.attr("role"), g4.attr("role")) << g6.name;
    EXPECT_EQ(g6.attr("iface"), g4.attr("iface")) << g6.name << ": dual-stack on the same veth";
    const auto t6 = g6.targets();
    const auto t4 = g4.targets();
    ASSERT_EQ(t6.size(), t4.size()) << g6.name;
    for (std::size_t k = 0; k < t6.size(); ++k)
      for (const std::uint16_t p : g6.ports) {
        for (const char* probe : {"syn", "ack"}) {
          const Expectation* e6 = truth.expect6(t6[k], p, probe);
          const Expectation* e4 = truth.expect(t4[k], p, probe);
          if (!e6 || !e4) continue;  // CoversEveryTargetPairOfEveryGroup reports holes
          if (as_v6(*e4) != e6->text() || e4->ttl != e6->ttl) {
            ADD_FAILURE() << g6.name << " [" << format_ipv6(t6[k]) << "]:" << p << " " << probe << " is "
                          << e6->text() << " ttl " << e6->ttl << ", its twin " << format_ipv4(t4[k]) << " "
                          << e4->text() << " ttl " << e4->ttl;
            if (++problems > 5) return;
          }
        }
        const VerdictExpectation* v6v = truth.verdict6(t6[k], p);
        const VerdictExpectation* v4v = truth.verdict(t4[k], p);
        if ((v6v == nullptr) != (v4v == nullptr) ||
            (v6v && (v6v->verdict != v4v->verdict || v6v->reset_ttl != v4v->reset_ttl))) {
          ADD_FAILURE() << g6.name << " [" << format_ipv6(t6[k]) << "]:" << p << " verdict differs from "
                        << format_ipv4(t4[k]);
          if (++problems > 5) return;
        }
      }
  }
  EXPECT_EQ(groups, kMirrored.size() - 1);
}

std::string sh(const std::string& command, const ScratchDir& scratch) {
  run_process({"/bin/sh", "-c", command}, std::chrono::seconds(20), scratch.path("sh.out"), scratch.path("sh.err"));
  return read_file(scratch.path("sh.out"));
}

// Every lab v6 block is routed through its own interface by a route more
// specific than the safety route `unreachable 2001:2::/48`, which stays.
TEST(Ipv6LabTruthTest, RootRoutesAreMoreSpecificThanTheSafetyRoute) {
  const LabTruth truth = LabTruth::load(truth_path());
  ScratchDir scratch;
  EXPECT_NE(sh("ip -6 route show type unreachable 2001:2::/48", scratch).find("2001:2::/48"), std::string::npos)
      << "the safety route unreachable 2001:2::/48 is missing";
  for (const LabGroup6& g : truth.groups6()) {
    const std::string target = format_ipv6(g.targets().front());
    const std::string route = sh("ip -6 route get " + target, scratch);
    EXPECT_NE(route.find("dev " + g.attr("iface")), std::string::npos)
        << g.name << ": " << target << " is not routed through " << g.attr("iface") << ": " << route;
  }
}

// No lab interface takes router advertisements or autoconfigures: an RA on
// a root end would otherwise install a route in the root namespace. DAD is
// off so every address is usable at once.
TEST(Ipv6LabTruthTest, NoLabInterfaceTakesRouterAdvertisementsOrRunsDad) {
  const LabTruth truth = LabTruth::load(truth_path());
  ScratchDir scratch;
  std::set<std::string> seen;
  for (const LabGroup6& g : truth.groups6()) {
    const std::vector<std::pair<std::string, std::string>> ends{{"", g.attr("iface")},
                                                                 {g.attr("netns"), g.attr("peer")}};
    for (const auto& [ns, iface] : ends) {
      if (!seen.insert(ns + "/" + iface).second) continue;
      const std::string prefix = ns.empty() ? "" : "ip netns exec " + ns + " ";
      for (const char* knob : {"accept_ra", "autoconf", "accept_dad"}) {
        const std::string value =
            sh(prefix + "cat /proc/sys/net/ipv6/conf/" + iface + "/" + knob, scratch);
        EXPECT_EQ(value, "0\n") << (ns.empty() ? "root" : ns) << " " << iface << " " << knob;
      }
    }
  }
  EXPECT_GE(seen.size(), 2 * kMirrored.size());
}

// The truth is only worth something if the network agrees: scripts/lab
// verify --quick -6 runs nmap -6 -sS and -sA (-e each group's interface)
// over a sample of every rule region (lab addresses only).
TEST(Ipv6LabTruthTest, NmapSeesWhatTheTruthSays) {
  if (access("/usr/bin/nmap", X_OK) != 0) GTEST_SKIP() << "nmap is not installed";
  ScratchDir scratch;
  const ProcessResult r =
      run_process({"/bin/bash", lab_script(), "verify", "--quick", "-6"}, std::chrono::seconds(300),
                  scratch.path("verify.out"), scratch.path("verify.err"));
  EXPECT_EQ(r.exit_code, 0) << read_file(scratch.path("verify.out")) << r.stderr_tail;
}

}  // namespace
}  // namespace zeroscan::lab
