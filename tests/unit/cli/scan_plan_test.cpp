// Parse and validate (ScanPlan): the checks a dry run and a real scan share
// before anything is opened — issue 10 findings 1 and 6.
#include "zeroscan/cli/scan_plan.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

#include "zeroscan/core/errors.h"
#include "zeroscan/ports/embedded_port_data.h"
#include "support/scratch_file.h"

namespace zeroscan {
namespace {

ScanOptions options(std::vector<std::string> targets, std::string ports = "22") {
  ScanOptions o;
  o.targets = std::move(targets);
  o.ports = std::move(ports);
  o.dry_run = true;
  return o;
}

std::string validate_error(const ScanOptions& o) {
  const ports::PortDatabase db = ports::load_embedded_port_database();
  try {
    const ScanPlan plan(o, db, 1);
    validate(plan);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "";
}

TEST(ScanPlanTest, TwoOutputsOnStdoutAreRefused) {
  ScanOptions o = options({"198.18.0.1"});
  o.output_json = "-";
  o.output_normal = "-";
  EXPECT_NE(validate_error(o).find("stdout"), std::string::npos);
}

TEST(ScanPlanTest, AnOutputThatIsAnInputListIsRefused) {
  const std::string list = scratch_path("targets.txt");
  std::ofstream(list) << "198.18.0.1\n";
  ScanOptions o = options({});
  o.input_lists = {list};
  o.output_grepable = list;
  EXPECT_NE(validate_error(o).find("is also an input"), std::string::npos);
  std::remove(list.c_str());
}

// --append-output continues the file (in a copy renamed over it); the
// same-inode refusal keeps an input from being an output there too.
TEST(ScanPlanTest, AnAppendedOutputThatIsAnInputIsRefused) {
  const std::string list = scratch_path("append_targets.txt");
  std::ofstream(list) << "198.18.0.1\n";
  const std::string other_name = scratch_path("append_link.nmap");
  std::remove(other_name.c_str());
  ASSERT_EQ(::link(list.c_str(), other_name.c_str()), 0);
  ScanOptions o = options({});
  o.input_lists = {list};
  o.output_normal = other_name;
  o.append_outputs = true;
  EXPECT_NE(validate_error(o).find("is also an input"), std::string::npos) << validate_error(o);
  std::remove(list.c_str());
  std::remove(other_name.c_str());
}

TEST(ScanPlanTest, UnknownInterfaceIsRefusedEvenInADryRun) {
  ScanOptions o = options({"198.18.0.1"});
  o.interface = "nosuchif0";
  EXPECT_NE(validate_error(o).find("no such interface"), std::string::npos);
}

TEST(ScanPlanTest, OsDbNeedsOsAndAPathThatExists) {
  ScanOptions o = options({"198.18.0.1"});
  o.os_db = scratch_path("missing_db.txt");
  EXPECT_NE(validate_error(o).find("add -O"), std::string::npos) << validate_error(o);
  o.os = true;
  EXPECT_NE(validate_error(o).find("--os-db"), std::string::npos) << validate_error(o);
  std::ofstream(o.os_db) << "# an empty database\n";
  EXPECT_EQ(validate_error(o), "");
  std::remove(o.os_db.c_str());
}

TEST(ScanPlanTest, HugeScanNeedsYesAndSaysHowLong) {
  ScanOptions o = options({"198.18.0.0/15", "10.0.0.0/8"}, "-");
  o.dry_run = false;
  const std::string error = validate_error(o);
  EXPECT_NE(error.find("add --yes"), std::string::npos) << error;
  EXPECT_NE(error.find("years at --rate 10000"), std::string::npos) << error;
  o.yes = true;
  EXPECT_EQ(validate_error(o), "");
  o.yes = false;
  o.dry_run = true;  // a dry run only reports it
  EXPECT_EQ(validate_error(o), "");
}

TEST(ScanPlanTest, CostIsProbesBytesAndTimeAtTheRate) {
  const ports::PortDatabase db = ports::load_embedded_port_database();
  ScanOptions o = options({"198.18.0.0/24"}, "1-100");
  o.rate = 1000;
  const ScanPlan plan(o, db, 1);
  const ScanCost cost = plan.cost(74);
  EXPECT_EQ(cost.probes, 25600u);
  EXPECT_EQ(cost.bytes, 25600u * 74);
  EXPECT_DOUBLE_EQ(cost.seconds, 25.6);
  EXPECT_EQ(describe_cost(cost, 1000), "25600 probes (2^14.6, 1894400 bytes), about 26 seconds at --rate 1000");
}

TEST(ScanPlanTest, Ipv6TargetsFollowTheIpv4OnesInOneSpace) {
  const ports::PortDatabase db = ports::load_embedded_port_database();
  ScanOptions o = options({"2001:2::1-2001:2::2", "198.18.0.1"}, "22,80");
  o.source_ip = "2001:2::ff";
  const ScanPlan plan(o, db, 1);
  EXPECT_EQ(plan.space.hosts(), 3u);
  EXPECT_EQ(plan.space.size(), 6u);
  EXPECT_FALSE(plan.space.at(1).v6);
  EXPECT_TRUE(plan.space.at(2).v6);
  EXPECT_EQ(plan.space.at(5).ip6, *Ipv6::parse("2001:2::2"));
  EXPECT_EQ(plan.source_ip6, Ipv6::parse("2001:2::ff"));
  EXPECT_FALSE(plan.overrides.source_ip);  // -S was the IPv6 source, not an IPv4 one
  EXPECT_EQ(validate_error(o), "");
}

TEST(ScanPlanTest, OsDetectionTakesIpv6Targets) {
  ScanOptions o = options({"::1", "198.18.0.1"});
  o.os = true;
  EXPECT_EQ(validate_error(o), "");
  o.os_rto = true;
  o.wait_seconds = 40;
  EXPECT_EQ(validate_error(o), "");
}

// --pcap records IPv6 targets too: the sidecar keeps their ranges and the
// IPv6 source, and analyze replays them (issue 11).
TEST(ScanPlanTest, PcapRecordsScansWithIpv6Targets) {
  ScanOptions o = options({"::1", "127.0.0.1"});
  o.pcap = scratch_path("v6.pcap");
  EXPECT_EQ(validate_error(o), "");
  o = options({"2001:2::1-2001:2::3"});
  o.pcap = scratch_path("v6only.pcap");
  EXPECT_EQ(validate_error(o), "");
}

// Host discovery handles IPv6 targets (issue 11): -sn over both families
// is one space of discovery slots, IPv4 hosts first.
TEST(ScanPlanTest, HostDiscoveryTakesIpv6TargetsMixedWithIpv4) {
  ScanOptions o = options({"198.18.0.1", "2001:2::1-2001:2::2"});
  o.discovery.ping_scan = true;
  o.discovery.echo = true;
  o.discovery.syn_ports = "443";
  EXPECT_EQ(validate_error(o), "");
  const ScanPlan plan(o, ports::load_embedded_port_database(), 1);
  ASSERT_EQ(plan.space.slots().size(), 2u);
  EXPECT_EQ(plan.space.size(), 6u);
  EXPECT_EQ(plan.space.at(0).kind, ProbeKind::Echo);
  EXPECT_FALSE(plan.space.at(1).v6);
  EXPECT_TRUE(plan.space.at(2).v6);
  o = options({"::1"});
  o.discovery.discover = true;
  EXPECT_EQ(validate_error(o), "");
}

}  // namespace
}  // namespace zeroscan
