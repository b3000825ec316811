// The stack-variant groups (group attr role=stack: stkbase, stkttl, stkts,
// stksack, stkws, stkrmem) for the OS fingerprint evaluation: each differs
// from the default Linux stack in one known way, and the `stack` truth
// lines say which and what a fingerprint must then see. Checked here: the
// truth is coherent (each variant differs from stkbase exactly in the
// features its knob governs), and the hosts really answer that way, as far
// as the scanner's port records show it (TTL, DF, IP ID, window, options,
// MSS of the SYN-ACK; flags, window, ack, DF, TTL, IP ID of both RSTs).
// wscale and tsecho are not in the port records; docs/lab.md says how they
// were checked.
#include <map>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "support/ipv4_text.h"
#include "support/lab_paths.h"
#include "support/lab_truth.h"
#include "support/scanner_run.h"
#include "support/truth_compare.h"

namespace zeroscan::lab {
namespace {

std::map<std::string, std::string> features_of(const StackExpectation& s) {
  std::map<std::string, std::string> out;
  std::istringstream in(s.attr("features"));
  std::string kv;
  while (in >> kv) {
    const auto eq = kv.find('=');
    if (eq != std::string::npos) out[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  return out;
}

std::vector<const StackExpectation*> linux_variants(const LabTruth& truth) {
  std::vector<const StackExpectation*> out;
  for (const auto& s : truth.stacks())
    for (const auto& g : truth.groups())
      if (g.name == s.group && g.attr("role") == "stack") out.push_back(&s);
  return out;
}

// Which fingerprint features each knob may change.
const std::map<std::string, std::set<std::string>> kGoverned = {
    {"ttl", {"ttl", "synrst.ttl", "ackrst.ttl"}},
    {"timestamps", {"options", "window", "tsecho"}},
    {"sack", {"options"}},
    {"wscale", {"options", "wscale"}},
    {"rmem", {"window", "wscale"}},
};

TEST(StackVariantTest, EachVariantDiffersFromTheDefaultInItsOwnFeatures) {
  const LabTruth truth = LabTruth::load(truth_path());
  const auto variants = linux_variants(truth);
  const StackExpectation* base = nullptr;
  std::set<std::string> differs_seen;
  for (const auto* s : variants) {
    EXPECT_EQ(s->family, "Linux") << s->group;
    if (s->differs() == "default") base = s;
    differs_seen.insert(s->differs());
  }
  ASSERT_NE(base, nullptr) << "no stack line with differs=default";
  for (const auto& [knob, keys] : kGoverned) EXPECT_TRUE(differs_seen.count(knob)) << "no variant " << knob;
  const auto want_base = features_of(*base);
  for (const auto* s : variants) {
    if (s->differs() == "default") continue;
    const auto it = kGoverned.find(s->differs());
    ASSERT_NE(it, kGoverned.end()) << s->group << ": unknown differs=" << s->differs();
    const auto f = features_of(*s);
    std::set<std::string> changed;
    for (const auto& [k, v] : want_base)
      if (!f.count(k) || f.at(k) != v) changed.insert(k);
    for (const auto& [k, v] : f)
      if (!want_base.count(k)) changed.insert(k);
    EXPECT_FALSE(changed.empty()) << s->group << " looks exactly like the default";
    for (const auto& k : changed)
      EXPECT_TRUE(it->second.count(k)) << s->group << " (" << s->differs() << ") also changes " << k;
  }
}

TEST(StackVariantTest, HostsAnswerAsTheirStackLinesSay) {
  const LabTruth truth = LabTruth::load(truth_path());
  std::size_t groups = 0;
  for (const LabGroup& g : truth.groups()) {
    if (g.attr("role") != "stack") continue;
    ++groups;
    SCOPED_TRACE("group " + g.name);
    std::string ports;
    for (const auto p : g.ports) ports += (ports.empty() ? "" : ",") + std::to_string(p);
    std::vector<std::string> args{"-sS", "-sA", "-p", ports, "--rate", "2000", "--retries", "1",
                                  "--wait", "1", "--seed", "99", "-e", g.attr("iface")};
    for (const auto a : g.hosts) args.push_back(format_ipv4(a));
    ScratchDir scratch;
    const ScanRun run = run_scanner(args, scratch, std::chrono::seconds(30));
    ASSERT_TRUE(run.ok()) << run.failure();
    ASSERT_TRUE(run.output.problems.empty()) << join(run.output.problems, "\n");
    const TargetGrid grid(g.hosts, g.ports);
    for (const char* probe : {"syn", "ack"}) {
      const Comparison c = compare_with_truth(truth, grid, run.output.ports, probe);
      EXPECT_TRUE(c.ok()) << c.problems.report(g.name + " " + probe + " records vs truth");
    }

    Tally t;
    for (const auto& r : run.output.ports) {
      const StackExpectation* st = nullptr;
      for (const auto& s : truth.stacks())
        if (s.group == g.name && r.ip >= s.first && r.ip <= s.last) st = &s;
      if (!st) {
        t.add("no stack line for the host", format_ipv4(r.ip));
        continue;
      }
      const auto f = features_of(*st);
      const std::string where = format_ipv4(r.ip) + ":" + std::to_string(r.port) + "/" + r.probe;
      const auto check = [&](const std::string& key, const std::string& got) {
        if (f.count(key) && f.at(key) != got) t.add(key + ": want " + f.at(key) + ", got " + got, where);
      };
      const auto yes_no = [](const std::optional<bool>& b) { return b ? (*b ? "yes" : "no") : "?"; };
      const auto zero = [](const auto& v) { return v ? (*v == 0 ? "zero" : "nonzero") : "?"; };
      const auto num = [](const auto& v) { return v ? std::to_string(*v) : std::string("?"); };
      if (r.probe == "syn" && r.state == "open") {
        check("ttl", num(r.ttl));
        check("df", yes_no(r.df));
        check("ipid", zero(r.ip_id));
        check("window", num(r.window));
        check("options", r.options.value_or("-"));
        check("mss", num(r.mss));
      } else if (r.reason == "reset") {
        const std::string pre = r.probe == "syn" ? "synrst." : "ackrst.";
        const int flags = r.tcp_flags.value_or(-1);
        check(pre + "flags", flags == 0x14 ? "rst-ack" : flags == 0x04 ? "rst" : num(r.tcp_flags));
        check(pre + "window", num(r.window));
        check(pre + "ack", zero(r.ack));
        check(pre + "df", yes_no(r.df));
        check(pre + "ttl", num(r.ttl));
        check(pre + "ipid", zero(r.ip_id));
      }
    }
    EXPECT_TRUE(t.empty()) << t.report(g.name + " answers vs its stack line");
  }
  EXPECT_GE(groups, 6u) << "too few stack-variant groups (role=stack) in the truth";
}

}  // namespace
}  // namespace zeroscan::lab
