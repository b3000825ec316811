// From options to scan inputs: excludes, reserved blocks, shards, seeds.
#include "zeroscan/cli/scan_inputs.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "zeroscan/core/errors.h"

namespace zeroscan {
namespace {

ScanOptions with_targets(std::vector<std::string> targets) {
  ScanOptions o;
  o.targets = std::move(targets);
  o.ports = "22,80";
  return o;
}

TEST(ScanInputsTest, ExcludesAreSubtracted) {
  ScanOptions o = with_targets({"198.18.0.0/24"});
  o.excludes = {"198.18.0.0/25,198.18.0.200"};
  const ScanInputs in = resolve_scan_inputs(o, nullptr, 7);
  EXPECT_EQ(in.targets.size(), 127u);
  EXPECT_FALSE(in.targets.contains(*Ipv4::parse("198.18.0.200")));
  EXPECT_FALSE(in.targets.contains(*Ipv4::parse("198.18.0.5")));
  EXPECT_TRUE(in.targets.contains(*Ipv4::parse("198.18.0.201")));
}

TEST(ScanInputsTest, ReservedTargetsAreRefusedUnlessInsisted) {
  for (const char* spec : {"224.0.0.1", "239.1.2.0/24", "0.1.2.3", "255.255.255.255", "240.0.0.0/4"}) {
    EXPECT_THROW(resolve_scan_inputs(with_targets({spec}), nullptr, 1), UsageError) << spec;
    ScanOptions insist = with_targets({spec});
    insist.allow_reserved = true;
    EXPECT_NO_THROW(resolve_scan_inputs(insist, nullptr, 1)) << spec;
  }
}

TEST(ScanInputsTest, WideTargetsLoseReservedBlocksWithANote) {
  const ScanInputs in = resolve_scan_inputs(with_targets({"0.0.0.0/0"}), nullptr, 1);
  EXPECT_EQ(in.targets.size(), (std::uint64_t(1) << 32) - (1u << 24) - (1u << 28) - (1u << 28));
  EXPECT_FALSE(in.targets.contains(*Ipv4::parse("224.0.0.1")));
  EXPECT_TRUE(in.targets.contains(*Ipv4::parse("198.18.0.1")));
  EXPECT_EQ(in.notes.size(), 3u);
}

TEST(ScanInputsTest, EverythingExcludedIsAnError) {
  ScanOptions o = with_targets({"198.18.0.0/30"});
  o.excludes = {"198.18.0.0/24"};
  EXPECT_THROW(resolve_scan_inputs(o, nullptr, 1), UsageError);
  EXPECT_THROW(resolve_scan_inputs(with_targets({}), nullptr, 1), UsageError);
}

TEST(ScanInputsTest, ProbeKindsFollowFlags) {
  ScanOptions o = with_targets({"198.18.0.1"});
  EXPECT_EQ(resolve_scan_inputs(o, nullptr, 1).kinds, std::vector<ProbeKind>{ProbeKind::Syn});
  o.ack = true;
  EXPECT_EQ(resolve_scan_inputs(o, nullptr, 1).kinds, std::vector<ProbeKind>{ProbeKind::Ack});
  o.syn = true;
  EXPECT_EQ(resolve_scan_inputs(o, nullptr, 1).kinds,
            (std::vector<ProbeKind>{ProbeKind::Syn, ProbeKind::Ack}));
}

TEST(ScanInputsTest, SeedComesFromOptionsOrEntropyAndDrivesTheKey) {
  ScanOptions o = with_targets({"198.18.0.1"});
  EXPECT_EQ(resolve_scan_inputs(o, nullptr, 99).seed, 99u);
  o.seed = 5;
  const ScanInputs a = resolve_scan_inputs(o, nullptr, 99);
  const ScanInputs b = resolve_scan_inputs(o, nullptr, 12345);
  EXPECT_EQ(a.seed, 5u);
  EXPECT_EQ(a.cookie_key.k0, b.cookie_key.k0);
  EXPECT_EQ(a.cookie_key.k1, b.cookie_key.k1);
  EXPECT_NE(cookie_key_from_seed(5).k0, cookie_key_from_seed(6).k0);
}

TEST(ScanInputsTest, ShardParsing) {
  EXPECT_EQ(parse_shard("0/1").count, 1u);
  EXPECT_EQ(parse_shard("3/4").index, 3u);
  for (const char* bad : {"4/4", "1/0", "x/2", "1", "-1/2", "1/2/3", "", "/"})
    EXPECT_THROW(parse_shard(bad), UsageError) << bad;
}

TEST(ScanInputsTest, SourcePortParsing) {
  const SourcePortRange r = parse_source_ports("40000-40009");
  EXPECT_EQ(r.first, 40000);
  EXPECT_EQ(r.count, 10);
  EXPECT_EQ(parse_source_ports("5555").count, 1);
  for (const char* bad : {"0-10", "10-5", "70000", "a-b", "1-", ""})
    EXPECT_THROW(parse_source_ports(bad), UsageError) << bad;
}

}  // namespace
}  // namespace zeroscan

namespace zeroscan {
namespace {

EnvLookup env(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const char* name) -> const char* {
    static thread_local std::string value;
    auto it = vars.find(name);
    if (it == vars.end()) return nullptr;
    value = it->second;
    return value.c_str();
  };
}

TEST(ShardFromEnvironmentTest, SlurmArraysCountFromTheirMinimum) {
  const ShardSpec zero_based = shard_from_environment(
      env({{"SLURM_ARRAY_TASK_ID", "2"}, {"SLURM_ARRAY_TASK_COUNT", "4"}}), 0);
  EXPECT_EQ(zero_based.index, 2u);
  EXPECT_EQ(zero_based.count, 4u);
  const ShardSpec one_based = shard_from_environment(
      env({{"SLURM_ARRAY_TASK_ID", "4"}, {"SLURM_ARRAY_TASK_COUNT", "4"}, {"SLURM_ARRAY_TASK_MIN", "1"}}), 0);
  EXPECT_EQ(one_based.index, 3u);
}

TEST(ShardFromEnvironmentTest, KubernetesIndexedJobsNeedACount) {
  EXPECT_EQ(shard_from_environment(env({{"JOB_COMPLETION_INDEX", "5"}}), 8).index, 5u);
  EXPECT_THROW(shard_from_environment(env({{"JOB_COMPLETION_INDEX", "5"}}), 0), UsageError);
  EXPECT_THROW(shard_from_environment(env({{"JOB_COMPLETION_INDEX", "8"}}), 8), UsageError);
}

TEST(ShardFromEnvironmentTest, MissingOrBrokenEnvironmentIsOneClearError) {
  EXPECT_THROW(shard_from_environment(env({}), 4), UsageError);
  EXPECT_THROW(shard_from_environment(nullptr, 4), UsageError);
  EXPECT_THROW(shard_from_environment(env({{"SLURM_ARRAY_TASK_ID", "1"}}), 0), UsageError);
  EXPECT_THROW(shard_from_environment(env({{"SLURM_ARRAY_TASK_ID", "x"}, {"SLURM_ARRAY_TASK_COUNT", "2"}}), 0),
               UsageError);
}

TEST(ScanInputsShardTest, EachShardHasItsOwnCookieKey) {
  const SipKey whole = cookie_key_from_seed(5);
  const SipKey first = cookie_key_from_seed(5, ShardSpec{0, 4});
  const SipKey second = cookie_key_from_seed(5, ShardSpec{1, 4});
  EXPECT_NE(first.k0, second.k0);
  EXPECT_NE(first.k0, whole.k0);
  EXPECT_EQ(cookie_key_from_seed(5, ShardSpec{0, 1}).k0, whole.k0);
  EXPECT_EQ(cookie_key_from_seed(5, ShardSpec{1, 4}).k1, second.k1);
}

TEST(ScanInputsShardTest, ShardsMustShareAnExplicitSeed) {
  ScanOptions o;
  o.targets = {"198.18.0.0/24"};
  o.ports = "22";
  o.shard = "1/4";
  EXPECT_THROW(resolve_scan_inputs(o, nullptr, 7), UsageError);
  o.seed = 9;
  EXPECT_EQ(resolve_scan_inputs(o, nullptr, 7).shard.index, 1u);
  o.shard = "auto";
  const ScanInputs in = resolve_scan_inputs(
      o, nullptr, 7, env({{"SLURM_ARRAY_TASK_ID", "3"}, {"SLURM_ARRAY_TASK_COUNT", "4"}}));
  EXPECT_EQ(in.shard.index, 3u);
  EXPECT_EQ(in.shard.count, 4u);
}

TEST(ScanInputsTest, Ipv6TargetsAndExcludesMixWithIpv4) {
  ScanOptions o = with_targets({"198.18.0.0/30", "2001:2::/124"});
  o.excludes = {"2001:2::5,198.18.0.1"};
  const ScanInputs in = resolve_scan_inputs(o, nullptr, 7);
  EXPECT_EQ(in.targets.size(), 3u);
  EXPECT_EQ(in.targets6.size(), 15u);
  EXPECT_FALSE(in.targets6.contains(*Ipv6::parse("2001:2::5")));
  EXPECT_EQ(in.target_ranges6.size(), 2u);
}

TEST(ScanInputsTest, OnlyIpv6TargetsAreEnoughAndExcludingThemAllIsAnError) {
  ScanOptions o = with_targets({"::1"});
  EXPECT_EQ(resolve_scan_inputs(o, nullptr, 1).targets6.size(), 1u);
  o.excludes = {"::/0"};
  EXPECT_THROW(resolve_scan_inputs(o, nullptr, 1), UsageError);
}

TEST(ScanInputsTest, ReservedIpv6BlocksAreRefusedOrSubtractedLikeIpv4Ones) {
  for (const char* spec : {"ff02::1", "::", "::ffff:198.18.0.1"}) {
    EXPECT_THROW(resolve_scan_inputs(with_targets({spec}), nullptr, 1), UsageError) << spec;
    ScanOptions insist = with_targets({spec});
    insist.allow_reserved = true;
    EXPECT_NO_THROW(resolve_scan_inputs(insist, nullptr, 1)) << spec;
  }
  ScanOptions wide = with_targets({"::-::ff"});
  const ScanInputs in = resolve_scan_inputs(wide, nullptr, 1);
  EXPECT_EQ(in.targets6.size(), 255u);  // :: itself dropped
  EXPECT_EQ(in.notes.size(), 1u);
}

TEST(ScanInputsTest, DashSixResolvesHostnamesToIpv6) {
  ScanOptions o = with_targets({"dual.example"});
  const HostResolver a = [](const std::string&) { return std::vector<Ipv4>{*Ipv4::parse("198.18.0.9")}; };
  const Ipv6HostResolver aaaa = [](const std::string&) { return std::vector<Ipv6>{*Ipv6::parse("2001:2::9")}; };
  ScanInputs in = resolve_scan_inputs(o, a, 1, nullptr, aaaa);
  EXPECT_EQ(in.targets.size(), 1u);
  EXPECT_TRUE(in.targets6.empty());
  o.ipv6_names = true;
  in = resolve_scan_inputs(o, a, 1, nullptr, aaaa);
  EXPECT_TRUE(in.targets.empty());
  EXPECT_TRUE(in.targets6.contains(*Ipv6::parse("2001:2::9")));
}

TEST(ScanInputsTest, HugeIpv6SweepNeedsItsFlag) {
  ScanOptions o = with_targets({"2001:2::/80"});
  EXPECT_THROW(resolve_scan_inputs(o, nullptr, 1), UsageError);
  o.huge_ipv6_sweep = true;
  EXPECT_EQ(resolve_scan_inputs(o, nullptr, 1).targets6.size(), std::uint64_t(1) << 48);
}

}  // namespace
}  // namespace zeroscan
