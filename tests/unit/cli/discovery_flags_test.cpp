// Host discovery flags: nmap's spellings (-sn, -PE, -PS[LIST], -PA[LIST])
// and --discover parse to the right probe slots, contradictions are one
// clear error line, a config file sets them, and a -sn plan probes the
// discovery slots only.
#include "zeroscan/cli/discovery_flags.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "zeroscan/cli/scan_description.h"
#include "zeroscan/cli/scan_plan.h"
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
  args.push_back("198.18.0.1");
  std::vector<const char*> argv;
  for (auto& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  ParseRun run{parse_scan_options(int(argv.size()), argv.data(), out, err), {}, {}};
  run.out = out.str();
  run.err = err.str();
  return run;
}

ScanOptions options(std::vector<std::string> args) {
  const ParseRun r = parse(std::move(args));
  EXPECT_EQ(r.parsed.outcome, ParseOutcome::Scan) << r.err;
  return r.parsed.options;
}

void expect_usage_error(std::vector<std::string> args, const std::string& message) {
  const ParseRun r = parse(std::move(args));
  EXPECT_EQ(r.parsed.outcome, ParseOutcome::Exit);
  EXPECT_EQ(r.parsed.exit_code, 2);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find(message), std::string::npos) << r.err;
}

std::vector<std::pair<int, std::uint16_t>> slots_of(const ScanOptions& o) {
  std::vector<std::pair<int, std::uint16_t>> out;
  for (const ProbeSlot& s : discovery_slots(o.discovery)) out.emplace_back(int(s.kind), s.port);
  return out;
}

using Slots = std::vector<std::pair<int, std::uint16_t>>;
constexpr int kEcho = int(ProbeKind::Echo), kSyn = int(ProbeKind::Syn), kAck = int(ProbeKind::Ack);

TEST(DiscoveryFlagsTest, PingScanDefaultsToNmapsProbes) {
  const ScanOptions o = options({"-sn"});
  EXPECT_TRUE(o.discovery.ping_scan);
  EXPECT_EQ(slots_of(o), (Slots{{kEcho, 0}, {kSyn, 443}, {kAck, 80}}));
  EXPECT_EQ(discovery_label(discovery_slots(o.discovery)), "echo,syn:443,ack:80");
}

TEST(DiscoveryFlagsTest, NmapSpellingsChooseTheProbes) {
  EXPECT_EQ(slots_of(options({"-sn", "-PE"})), (Slots{{kEcho, 0}}));
  EXPECT_EQ(slots_of(options({"-sn", "-PS22,443"})), (Slots{{kSyn, 22}, {kSyn, 443}}));
  EXPECT_EQ(slots_of(options({"-sn", "-PS"})), (Slots{{kSyn, 80}})) << "nmap: -PS alone is port 80";
  EXPECT_EQ(slots_of(options({"-sn", "-PA"})), (Slots{{kAck, 80}}));
  EXPECT_EQ(slots_of(options({"-sn", "-PE", "-PA3389"})), (Slots{{kEcho, 0}, {kAck, 3389}}));
  EXPECT_EQ(slots_of(options({"--ping-scan", "--ping-syn", "1-3"})), (Slots{{kSyn, 1}, {kSyn, 2}, {kSyn, 3}}));
}

TEST(DiscoveryFlagsTest, DiscoverKeepsThePortScan) {
  const ScanOptions o = options({"--discover", "-p", "22", "-PE"});
  EXPECT_TRUE(o.discovery.discover);
  EXPECT_FALSE(o.discovery.ping_scan);
  EXPECT_EQ(o.ports, "22");
}

TEST(DiscoveryFlagsTest, ContradictionsAreOneLine) {
  expect_usage_error({"-PE"}, "add -sn or --discover");
  expect_usage_error({"-PS22"}, "add -sn or --discover");
  expect_usage_error({"-sn", "--discover"}, "give one");
  expect_usage_error({"-sn", "-p", "22"}, "drop --ports");
  expect_usage_error({"-sn", "-F"}, "drop --fast");
  expect_usage_error({"-sn", "-sA"}, "drop --ack");
  expect_usage_error({"-sn", "-O"}, "drop --os");
  expect_usage_error({"-sn", "--exclude-ports", "22"}, "drop --exclude-ports");
}

TEST(DiscoveryFlagsTest, BadPortListsAreUsageErrors) {
  EXPECT_THROW(discovery_slots(options({"-sn", "-PSfoo"}).discovery), UsageError);
  EXPECT_THROW(discovery_slots(options({"-sn", "-PA0"}).discovery), UsageError);
}

TEST(DiscoveryFlagsTest, ConfigFileSetsThem) {
  const std::string path = scratch_path("discovery.toml");
  {
    std::ofstream config(path);
    config << "ping-scan = true\nping-echo = true\nping-syn = \"22\"\n";
  }
  const ScanOptions o = options({"--config", path});
  EXPECT_EQ(slots_of(o), (Slots{{kEcho, 0}, {kSyn, 22}}));
  std::remove(path.c_str());
}

TEST(DiscoveryFlagsTest, HelpNamesThem) {
  std::vector<const char*> argv{"zeroscan", "--help"};
  std::ostringstream out, err;
  parse_scan_options(int(argv.size()), argv.data(), out, err);
  for (const char* name : {"--ping-scan", "nmap -sn", "--discover", "nmap -PE", "nmap -PS", "nmap -PA"})
    EXPECT_NE(out.str().find(name), std::string::npos) << name;
}

TEST(DiscoveryFlagsTest, PingScanPlanProbesOnlyTheDiscoverySlots) {
  const ports::PortDatabase db = ports::load_embedded_port_database();
  ScanOptions o = options({"-sn", "-PE", "-PS443"});
  o.targets = {"198.18.0.0/30"};
  const ScanPlan plan(o, db, 1);
  EXPECT_EQ(plan.space.slots().size(), 2u);
  EXPECT_EQ(plan.space.size(), 8u);
  EXPECT_TRUE(plan.inputs.kinds.empty());
  const ScanSummary d = describe_scan(plan.options, plan.inputs);
  EXPECT_TRUE(d.host_discovery);
  EXPECT_EQ(d.config.probes, "discovery:echo,syn:443");
}

TEST(DiscoveryFlagsTest, PlansThatCannotWorkAreRefusedBeforeAnythingOpens) {
  const ports::PortDatabase db = ports::load_embedded_port_database();
  auto refused = [&](std::vector<std::string> args, const std::string& message) {
    ScanOptions o = options(std::move(args));
    const ScanPlan plan(o, db, 1);
    try {
      validate(plan);
      ADD_FAILURE() << "not refused: " << message;
    } catch (const UsageError& e) {
      EXPECT_NE(std::string(e.what()).find(message), std::string::npos) << e.what();
    }
  };
  refused({"--discover", "--seed", "1", "--shard", "0/2"}, "--discover cannot be sharded");
  refused({"-sn", "--pcap", "/tmp/zs-never-written.pcap"}, "does not replay a discovery");
  const ScanPlan fine(options({"--discover", "-p", "22", "-O"}), db, 1);
  EXPECT_NO_THROW(validate(fine));
}

}  // namespace
}  // namespace zeroscan
