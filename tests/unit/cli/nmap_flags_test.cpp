// nmap's everyday flags with nmap's meaning: -T templates (explicit flags
// win), rate bounds, --max-retries, -F, -g, --exclude-ports, --stats-every,
// --append-output, --reason, -sL, -Pn/-n; --help names them
// and every subcommand; a --config file can set them too.
#include "zeroscan/cli/nmap_flags.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "zeroscan/cli/list_targets.h"
#include "zeroscan/cli/scan_inputs.h"
#include "zeroscan/cli/scan_options.h"
#include "zeroscan/core/errors.h"
#include "zeroscan/ports/embedded_port_data.h"
#include "support/scratch_file.h"

namespace zeroscan {
namespace {

struct ParseRun {
  ParsedScanCommand parsed;
  std::string out, err;
};

ParseRun parse(std::vector<std::string> args) {
  args.insert(args.begin(), "zeroscan");
  std::vector<const char*> argv;
  for (auto& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  ParseRun run{parse_scan_options(int(argv.size()), argv.data(), out, err), {}, {}};
  run.out = out.str();
  run.err = err.str();
  return run;
}

ScanOptions scan(std::vector<std::string> args) {
  args.push_back("198.18.0.1");
  const ParseRun r = parse(args);
  EXPECT_EQ(r.parsed.outcome, ParseOutcome::Scan) << r.err;
  return r.parsed.options;
}

// Bad input: one line on stderr naming the problem, exit 2.
void expect_usage_error(std::vector<std::string> args, const std::string& message) {
  args.push_back("198.18.0.1");
  const ParseRun r = parse(args);
  EXPECT_EQ(r.parsed.outcome, ParseOutcome::Exit);
  EXPECT_EQ(r.parsed.exit_code, 2);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find(message), std::string::npos) << r.err;
}

TEST(NmapTimingTest, TemplatesSetRateRetriesAndWait) {
  for (unsigned level = 0; level <= 5; ++level) {
    const ScanOptions o = scan({"-T" + std::to_string(level)});
    const TimingPreset& preset = timing_preset(level);
    EXPECT_EQ(o.rate, preset.rate) << level;
    EXPECT_EQ(o.retries, preset.retries) << level;
    EXPECT_EQ(o.wait_seconds, preset.wait_seconds) << level;
  }
  EXPECT_EQ(scan({"-T4"}).rate, 50000);
  EXPECT_EQ(scan({"-T", "aggressive"}).rate, 50000);
  EXPECT_EQ(scan({"--timing=Insane"}).retries, 0u);
  // -T3 is the default: the same as no template.
  EXPECT_EQ(scan({"-T3"}).rate, scan({}).rate);
  EXPECT_EQ(scan({"-T3"}).retries, scan({}).retries);
  EXPECT_EQ(scan({"-T3"}).wait_seconds, scan({}).wait_seconds);
}

TEST(NmapTimingTest, HelpShowsTheTable) {
  const ParseRun r = parse({"--help"});
  EXPECT_NE(r.out.find("paranoid/sneaky/polite/normal/aggressive/insane"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("rate 1/10/100/10000/50000/200000 pps"), std::string::npos) << r.out;
}

TEST(NmapTimingTest, ExplicitFlagsWinOverTheTemplate) {
  const ScanOptions o = scan({"-T5", "--rate", "300", "--wait", "7"});
  EXPECT_EQ(o.rate, 300);
  EXPECT_EQ(o.wait_seconds, 7);
  EXPECT_EQ(o.retries, 0u);  // not given: the template's
  EXPECT_EQ(scan({"--retries", "3", "-T0"}).retries, 3u);
}

TEST(NmapTimingTest, BadTemplateIsAUsageError) {
  expect_usage_error({"-T6"}, "--timing must be a timing template number");
  expect_usage_error({"-T", "fastest"}, "--timing");
}

TEST(NmapRateTest, MaxRateCapsAndMinRateRaises) {
  EXPECT_EQ(scan({"--max-rate", "500"}).rate, 500);
  EXPECT_EQ(scan({"--min-rate", "40000"}).rate, 40000);
  EXPECT_EQ(scan({"-T5", "--max-rate", "1000"}).rate, 1000);
  EXPECT_EQ(scan({"-T0", "--min-rate", "50"}).rate, 50);
  EXPECT_EQ(scan({"--min-rate", "10", "--max-rate", "20000"}).rate, 10000);  // default inside
}

TEST(NmapRateTest, ContradictionsAreRefused) {
  expect_usage_error({"--min-rate", "500", "--max-rate", "100"}, "--min-rate");
  expect_usage_error({"--rate", "100", "--min-rate", "500"}, "below --min-rate 500");
  expect_usage_error({"--rate", "900", "--max-rate", "500"}, "above --max-rate 500");
}

TEST(NmapRetriesTest, MaxRetriesIsRetries) {
  EXPECT_EQ(scan({"--max-retries", "4"}).retries, 4u);
  EXPECT_EQ(scan({"-T5", "--max-retries", "2"}).retries, 2u);
  EXPECT_EQ(scan({"--retries", "2", "--max-retries", "2"}).retries, 2u);
  expect_usage_error({"--retries", "1", "--max-retries", "3"}, "--max-retries");
}

TEST(NmapPortsTest, FastIsTheTopHundred) {
  EXPECT_EQ(scan({"-F"}).top_ports, 100u);
  EXPECT_EQ(scan({"--fast"}).top_ports, 100u);
  expect_usage_error({"-F", "-p", "22"}, "-F");
  expect_usage_error({"-F", "--top-ports", "10"}, "-F");
}

TEST(NmapPortsTest, ExcludePortsLeavesThemOut) {
  ScanOptions o = scan({"-p", "1-10", "--exclude-ports", "2,5-7"});
  const ScanInputs in = resolve_scan_inputs(o, nullptr, 1);
  EXPECT_EQ(in.ports.size(), 6u);
  for (std::uint16_t port : {2, 5, 6, 7}) EXPECT_FALSE(in.ports.contains(port)) << port;
  EXPECT_TRUE(in.ports.contains(10));
  o.nmap.exclude_ports = "1-10";
  EXPECT_THROW(resolve_scan_inputs(o, nullptr, 1), UsageError);
}

TEST(NmapPortsTest, TopPortsHelpAdvertisesTheRankingsRealSize) {
  const std::size_t ranked =
      ports::load_embedded_port_database().top_ports(65535, ports::Protocol::Tcp).size();
  const ParseRun r = parse({"--help"});
  const std::size_t at = r.out.find("--top-ports");
  ASSERT_NE(at, std::string::npos);
  const std::string entry = r.out.substr(at, r.out.find("\n  -", at + 1) - at);
  EXPECT_NE(entry.find("N from 1 to " + std::to_string(ranked)), std::string::npos) << entry;
  EXPECT_EQ(entry.find("65536"), std::string::npos) << entry;
}

TEST(NmapSourcePortTest, GSetsOneFixedPort) {
  const ScanOptions o = scan({"-g", "53"});
  EXPECT_EQ(o.source_ports, "53");
  const ScanInputs in = resolve_scan_inputs(o, nullptr, 1);
  EXPECT_EQ(in.source_ports.first, 53);
  EXPECT_EQ(in.source_ports.count, 1);
  EXPECT_EQ(scan({"-g53"}).source_ports, "53");
  expect_usage_error({"-g", "53", "--source-port", "40000-41000"}, "-g");
  expect_usage_error({"-g", "53-60"}, "-g");
}

TEST(NmapMiscTest, StatsEveryTakesNmapTimes) {
  EXPECT_EQ(scan({"--stats-every", "10s"}).nmap.stats_every_seconds, 10);
  EXPECT_EQ(scan({"--stats-every", "500ms"}).nmap.stats_every_seconds, 0.5);
  EXPECT_EQ(scan({"--stats-every", "2m"}).nmap.stats_every_seconds, 120);
  EXPECT_EQ(scan({"--stats-every", "3"}).nmap.stats_every_seconds, 3);
  EXPECT_EQ(scan({}).nmap.stats_every_seconds, 0);
  expect_usage_error({"--stats-every", "soon"}, "bad --stats-every 'soon'");
  expect_usage_error({"--stats-every", "-1s"}, "bad --stats-every");
}

TEST(NmapMiscTest, AppendOutputReasonAndList) {
  EXPECT_TRUE(scan({"--append-output"}).append_outputs);
  EXPECT_FALSE(scan({}).append_outputs);
  EXPECT_TRUE(scan({"--reason"}).nmap.reason);
  EXPECT_FALSE(scan({}).nmap.reason);
  EXPECT_TRUE(scan({"-sL"}).nmap.list_only);
  EXPECT_TRUE(scan({"--list"}).nmap.list_only);
}

TEST(NmapMiscTest, PingAndResolveFlagsAreAcceptedNoOps) {
  const ScanOptions o = scan({"-Pn", "-n", "--no-ping", "--no-resolve"});
  ASSERT_EQ(o.targets.size(), 1u);
  EXPECT_EQ(o.targets[0], "198.18.0.1");
}

TEST(NmapMiscTest, ConfigFileSetsTheFlags) {
  const std::string path = scratch_path("nmap_flags.toml");
  {
    std::ofstream config(path);
    config << "timing = 4\nreason = true\nmax-rate = 2000\nexclude-ports = \"22\"\n";
  }
  const ScanOptions o = scan({"--config", path});
  EXPECT_EQ(o.rate, 2000);  // -T4's 50000, capped
  EXPECT_EQ(o.retries, timing_preset(4).retries);
  EXPECT_TRUE(o.nmap.reason);
  EXPECT_EQ(o.nmap.exclude_ports, "22");
  std::remove(path.c_str());
}

TEST(NmapHelpTest, HeaderNamesEverySubcommandAndNmapSpellings) {
  const ParseRun r = parse({"--help"});
  for (const char* sub : {"zeroscan ports", "zeroscan local", "zeroscan merge", "zeroscan analyze",
                          "zeroscan fingerprint"})
    EXPECT_NE(r.out.find(sub), std::string::npos) << sub;
  for (const char* spelling : {"-sS", "-sA", "-sL", "-Pn", "-n", "-iL", "-oJ", "-oN", "-oX", "-oG", "-oA",
                               "-T0", "-F", "-g", "--reason", "--min-rate", "--max-rate", "--max-retries",
                               "--exclude-ports", "--stats-every", "--append-output"})
    EXPECT_NE(r.out.find(spelling), std::string::npos) << spelling;
}

TEST(ListTargetsTest, ListsEveryAddressOnceAfterExcludes) {
  const TargetSet targets({{*Ipv4::parse("198.18.0.1"), *Ipv4::parse("198.18.0.4")},
                           {*Ipv4::parse("198.18.0.3"), *Ipv4::parse("198.18.0.6")}},
                          {{*Ipv4::parse("198.18.0.5"), *Ipv4::parse("198.18.0.5")}});
  std::ostringstream out, note;
  EXPECT_EQ(list_targets(targets, Ipv6TargetSet(), out, note), 0);
  EXPECT_EQ(out.str(), "198.18.0.1\n198.18.0.2\n198.18.0.3\n198.18.0.4\n198.18.0.6\n");
  EXPECT_NE(note.str().find("5 address(es) listed"), std::string::npos) << note.str();
}

TEST(ListTargetsTest, Ipv6AddressesFollowTheIpv4Ones) {
  const TargetSet targets({{*Ipv4::parse("198.18.0.1"), *Ipv4::parse("198.18.0.1")}}, {});
  const Ipv6TargetSet targets6({{*Ipv6::parse("2001:2::fe"), *Ipv6::parse("2001:2::101")}},
                               {{*Ipv6::parse("2001:2::ff"), *Ipv6::parse("2001:2::ff")}});
  std::ostringstream out, note;
  EXPECT_EQ(list_targets(targets, targets6, out, note), 0);
  EXPECT_EQ(out.str(), "198.18.0.1\n2001:2::fe\n2001:2::100\n2001:2::101\n");
  EXPECT_NE(note.str().find("4 address(es) listed"), std::string::npos) << note.str();
}

TEST(ListTargetsTest, AFailedWriteIsReported) {
  const TargetSet targets({{*Ipv4::parse("198.18.0.1"), *Ipv4::parse("198.18.0.9")}}, {});
  std::ostringstream out, note;
  out.setstate(std::ios::badbit);
  EXPECT_EQ(list_targets(targets, Ipv6TargetSet(), out, note), 1);
  EXPECT_NE(note.str().find("writing the list failed"), std::string::npos);
}

}  // namespace
}  // namespace zeroscan
