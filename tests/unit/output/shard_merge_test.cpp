// plan_merge: which shard outputs belong together, what is missing, and
// the merged summary's arithmetic.
#include "zeroscan/output/shard_merge.h"

#include <gtest/gtest.h>

#include "output_fixture.h"

namespace zeroscan {
namespace {

using namespace test;

NdjsonFile shard(std::uint32_t index, std::uint32_t count = 4) {
  ScanSummary s = fixture_summary();
  s.shard_index = index;
  s.shard_count = count;
  s.open = index + 1;
  s.sent = 10 * (index + 1);
  s.covered = 12;
  s.elapsed_seconds = 1.0 + index;
  s.start_unix = 1700000000 + index;
  return NdjsonFile{"out." + std::to_string(index) + ".json", s, 5, false};
}

std::string conflict(std::vector<NdjsonFile> files) {
  try {
    plan_merge(files);
  } catch (const MergeConflict& e) {
    return e.what();
  }
  return "(no conflict)";
}

TEST(ShardMergeTest, CompleteShardsAddUp) {
  const MergePlan plan = plan_merge({shard(2), shard(0), shard(3), shard(1)});
  EXPECT_TRUE(plan.complete());
  EXPECT_EQ(plan.use, (std::vector<std::string>{"out.0.json", "out.1.json", "out.2.json", "out.3.json"}));
  const ScanSummary& m = plan.merged;
  EXPECT_EQ(m.open, 1u + 2 + 3 + 4);
  EXPECT_EQ(m.sent, 10u + 20 + 30 + 40);
  EXPECT_EQ(m.covered, 48u);
  EXPECT_EQ(m.covered, m.space_size);
  EXPECT_EQ(m.shard_index, 0u);
  EXPECT_EQ(m.shard_count, 1u);
  EXPECT_EQ(m.merged_from, 4u);
  EXPECT_EQ(m.targets, 4u);  // the whole scan's size, not a sum
  EXPECT_EQ(m.seed, 42u);
  EXPECT_EQ(m.elapsed_seconds, 4.0);     // the slowest shard
  EXPECT_EQ(m.start_unix, 1700000000);   // the earliest start
  EXPECT_TRUE(m.config == fixture_summary().config);
}

TEST(ShardMergeTest, MissingShardsAreListed) {
  const MergePlan plan = plan_merge({shard(0), shard(2)});
  EXPECT_FALSE(plan.complete());
  EXPECT_EQ(plan.missing, (std::vector<std::uint32_t>{1, 3}));
  EXPECT_EQ(join_indices(plan.missing), "1, 3");
  EXPECT_EQ(plan.shard_count, 4u);
  EXPECT_EQ(plan.merged.covered, 24u);
}

TEST(ShardMergeTest, UnfinishedFilesAreLeftOutAndTheirShardIsMissing) {
  NdjsonFile cut{"out.1.json", std::nullopt, 3, true};
  const MergePlan plan = plan_merge({shard(0), cut, shard(2), shard(3)});
  EXPECT_EQ(plan.incomplete, (std::vector<std::string>{"out.1.json"}));
  EXPECT_EQ(plan.missing, (std::vector<std::uint32_t>{1}));
  EXPECT_EQ(plan.use.size(), 3u);
}

TEST(ShardMergeTest, InterruptedShardMakesTheMergeIncomplete) {
  NdjsonFile stopped = shard(1);
  stopped.summary->interrupted = true;
  const MergePlan plan = plan_merge({shard(0), stopped, shard(2), shard(3)});
  EXPECT_TRUE(plan.missing.empty());
  EXPECT_EQ(plan.interrupted, (std::vector<std::string>{"out.1.json"}));
  EXPECT_FALSE(plan.complete());
  EXPECT_TRUE(plan.merged.interrupted);
}

TEST(ShardMergeTest, MixedScansAreRefusedNamingTheField) {
  auto with = [](std::uint32_t index, const std::function<void(ScanSummary&)>& change) {
    NdjsonFile f = shard(index);
    change(*f.summary);
    return f;
  };
  EXPECT_EQ(conflict({shard(0), with(1, [](ScanSummary& s) { s.seed = 7; })}),
            "out.1.json is from a different scan than out.0.json: seed 42 vs 7");
  EXPECT_EQ(conflict({shard(0), shard(1, 8)}),
            "out.1.json is from a different scan than out.0.json: shard count 4 vs 8");
  EXPECT_EQ(conflict({shard(0), with(1, [](ScanSummary& s) { s.config.ports = "22"; })}),
            "out.1.json is from a different scan than out.0.json: ports '0,22,80,443,8080,31337' vs '22'");
  EXPECT_EQ(conflict({shard(0), with(1, [](ScanSummary& s) { s.config.targets = "198.18.0.0/24"; })}),
            "out.1.json is from a different scan than out.0.json: targets "
            "'198.18.0.1-198.18.0.3 198.19.1.20' vs '198.18.0.0/24'");
  EXPECT_EQ(conflict({shard(0), with(1, [](ScanSummary& s) { s.config.probes = "syn"; })}),
            "out.1.json is from a different scan than out.0.json: probes 'syn,ack' vs 'syn'");
  EXPECT_EQ(conflict({shard(0), with(1, [](ScanSummary& s) { s.config.rate = 500; })}),
            "out.1.json is from a different scan than out.0.json: rate 1000 vs 500");
  EXPECT_EQ(conflict({shard(0), with(1, [](ScanSummary& s) { s.config.retries = 3; })}),
            "out.1.json is from a different scan than out.0.json: retries 1 vs 3");
  EXPECT_EQ(conflict({shard(0), with(1, [](ScanSummary& s) { s.config.open_only = true; })}),
            "out.1.json is from a different scan than out.0.json: --open on one, not the other");
  EXPECT_EQ(conflict({shard(0), with(1, [](ScanSummary& s) { s.targets = 5; })}),
            "out.1.json is from a different scan than out.0.json: address count 4 vs 5");
}

TEST(ShardMergeTest, SameShardTwiceIsRefused) {
  NdjsonFile again = shard(1);
  again.path = "copy.json";
  EXPECT_EQ(conflict({shard(0), shard(1), again}), "shard 1/4 given twice: out.1.json and copy.json");
}

TEST(ShardMergeTest, NothingCompleteIsAnError) {
  EXPECT_THROW(plan_merge({NdjsonFile{"a.json", std::nullopt, 0, false}}), DataError);
  EXPECT_THROW(plan_merge({}), DataError);
}

TEST(ShardMergeTest, MergedOutputsMergeAgainAsOneRun) {
  // A merged report says shard 0/1, merged_from 4: it stands for the whole scan.
  MergePlan once = plan_merge({shard(0), shard(1), shard(2), shard(3)});
  const MergePlan twice = plan_merge({NdjsonFile{"merged.json", once.merged, 20, false}});
  EXPECT_TRUE(twice.complete());
  EXPECT_EQ(twice.merged.merged_from, 4u);
  EXPECT_EQ(twice.merged.covered, 48u);
}

}  // namespace
}  // namespace zeroscan
