// The lab's ground truth itself: the reader gets first-match and errors
// right, the generated file covers every pair the sweeps ask about with a
// coherent expectation, and the network really behaves that way (nmap).
#include <unistd.h>

#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "support/ipv4_text.h"
#include "support/lab_paths.h"
#include "support/lab_truth.h"
#include "support/subprocess.h"
#include "support/verdict_table.h"

namespace zeroscan::lab {
namespace {

LabTruth parse_text(const std::string& text) {
  std::istringstream in(text);
  return LabTruth::parse(in, "test.tsv");
}

const std::string kHeader = "#zeroscan-lab-truth\t1\n";

TEST(LabTruthTest, FirstMatchingLineWins) {
  const LabTruth truth = parse_text(
      kHeader +
      "group\tg\t198.18.0.0\t198.18.0.255\t22,80\t-\t-\t-\t-\tttl=64\n"
      "port\tg\t198.18.0.7\t198.18.0.7\t*\tsyn\tfiltered\tno-response\t-\trule=dead\n"
      "port\tg\t198.18.0.0\t198.18.0.127\t22\tsyn\topen\tsyn-ack\t-\trule=low\n"
      "port\tg\t198.18.0.0\t198.18.0.255\t1-1024\tsyn\tfiltered\ticmp-unreach\t3/13\trule=all\n");
  const auto ip = [](const char* s) { return *parse_ipv4(s); };
  ASSERT_NE(truth.expect(ip("198.18.0.7"), 22, "syn"), nullptr);
  EXPECT_EQ(truth.expect(ip("198.18.0.7"), 22, "syn")->text(), "filtered no-response");
  EXPECT_EQ(truth.expect(ip("198.18.0.8"), 22, "syn")->text(), "open syn-ack");
  EXPECT_EQ(truth.expect(ip("198.18.0.200"), 22, "syn")->text(), "filtered icmp-unreach 3/13");
  EXPECT_EQ(truth.expect(ip("198.18.0.8"), 1024, "syn")->attrs, "rule=all");
  EXPECT_EQ(truth.expect(ip("198.18.0.8"), 1025, "syn"), nullptr);
  EXPECT_EQ(truth.expect(ip("198.18.1.0"), 22, "syn"), nullptr);
  EXPECT_EQ(truth.expect(ip("198.18.0.8"), 22, "ack"), nullptr);
  EXPECT_EQ(truth.group("g").attr("ttl"), "64");
  EXPECT_EQ(truth.group("g").targets().size(), 256u);
}

TEST(LabTruthTest, ReportsEveryMalformedLineWithItsLocation) {
  try {
    parse_text(kHeader +
               "port\tg\t198.18.0.300\t198.18.0.7\t*\tsyn\tfiltered\tno-response\t-\t-\n"
               "port\tg\t198.18.0.1\t198.18.0.7\t22\tsyn\topen\n");
    FAIL() << "malformed truth was accepted";
  } catch (const std::runtime_error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("test.tsv:2:"), std::string::npos) << what;
    EXPECT_NE(what.find("test.tsv:3:"), std::string::npos) << what;
  }
}

TEST(LabTruthTest, CoversEveryTargetPairOfEveryGroup) {
  const LabTruth truth = LabTruth::load(truth_path());
  ASSERT_NO_THROW(truth.group("anyip"));
  ASSERT_NO_THROW(truth.group("hosts"));
  const std::set<std::string> syn_states{"open syn-ack", "closed reset", "filtered no-response",
                                         "filtered icmp-unreach"};
  const std::set<std::string> ack_states{"unfiltered reset", "filtered no-response",
                                         "filtered icmp-unreach"};
  for (const LabGroup& g : truth.groups()) {
    ASSERT_FALSE(g.ports.empty()) << g.name;
    ASSERT_FALSE(g.attr("iface").empty()) << g.name;
    ASSERT_FALSE(g.attr("src").empty()) << g.name;
    std::size_t holes = 0, incoherent = 0;
    for (const std::uint32_t a : g.targets())
      for (const std::uint16_t p : g.ports)
        for (const char* probe : {"syn", "ack"}) {
          const Expectation* e = truth.expect(a, p, probe);
          if (!e) {
            ADD_FAILURE() << "no expectation for " << format_ipv4(a)
                                           << ":" << p << " " << probe;
            if (++holes > 3) return;
            continue;
          }
          const auto& allowed = std::string(probe) == "syn" ? syn_states : ack_states;
          const bool icmp = e->reason == "icmp-unreach";
          if (!allowed.count(e->state + " " + e->reason) || icmp != (e->icmp_type == 3)) {
            ADD_FAILURE() << "incoherent expectation " << e->text() << " for " << format_ipv4(a)
                          << ":" << p << " " << probe;
            if (++incoherent > 3) return;
          }
        }
  }
}

// The verdict lines are checked against the SYN x ACK table written out
// again in support/verdict_table (not the scanner's code): every pair of a
// firewall group must have one; other groups are checked where they have one.
TEST(LabTruthTest, VerdictLinesFollowFromThePortLines) {
  const LabTruth truth = LabTruth::load(truth_path());
  std::size_t checked = 0, problems = 0;
  for (const LabGroup& g : truth.groups()) {
    const int group_ttl = g.attr("ttl").empty() ? -1 : std::stoi(g.attr("ttl"));
    for (const std::uint32_t a : g.targets()) {
      std::vector<const Expectation*> syn, ack;
      for (const std::uint16_t p : g.ports) {
        syn.push_back(truth.expect(a, p, "syn"));
        ack.push_back(truth.expect(a, p, "ack"));
      }
      const std::vector<std::string> derived = host_verdicts(syn, ack, group_ttl);
      for (std::size_t k = 0; k < g.ports.size(); ++k) {
        if (derived[k] == "?") continue;  // CoversEveryTargetPairOfEveryGroup reports it
        const std::string& want = derived[k];
        const VerdictExpectation* v = truth.verdict(a, g.ports[k]);
        // Firewall groups must have a verdict for every pair; other groups
        // may (rule-table groups do; hand-written ones such as lwip need not).
        if (!v && g.attr("role") != "firewall") continue;
        ++checked;
        if (!v || v->verdict != want) {
          ADD_FAILURE() << g.name << " " << format_ipv4(a) << ":" << g.ports[k] << ": verdict line says "
                        << (v ? v->verdict + " (" + v->attrs + ")" : std::string("nothing"))
                        << ", the port lines imply " << want;
          if (++problems > 5) return;
        } else if (v->forged_reset != (want == "reset-by-filter")) {
          ADD_FAILURE() << g.name << " " << format_ipv4(a) << ":" << g.ports[k]
                        << ": forged_reset attr disagrees with the verdict " << want;
          if (++problems > 5) return;
        }
      }
    }
  }
  EXPECT_GT(checked, 0u);
}

// The truth is only worth something if the network agrees: scripts/lab
// verify --quick nmaps a sample from every rule region (lab addresses only).
TEST(LabTruthTest, NmapSeesWhatTheTruthSays) {
  if (access("/usr/bin/nmap", X_OK) != 0) GTEST_SKIP() << "nmap is not installed";
  ScratchDir scratch;
  const ProcessResult r =
      run_process({"/bin/bash", lab_script(), "verify", "--quick"}, std::chrono::seconds(300),
                  scratch.path("verify.out"), scratch.path("verify.err"));
  EXPECT_EQ(r.exit_code, 0) << read_file(scratch.path("verify.out")) << r.stderr_tail;
}

}  // namespace
}  // namespace zeroscan::lab
