// SortedSpool keeps few records in memory and gives all of them back in
// order, across many runs in its temporary file, as often as asked; the
// host table built on it groups the same hosts whether or not it spilled.
#include "zeroscan/output/sorted_spool.h"

#include <gtest/gtest.h>

#include <random>

#include "golden_records.h"
#include "zeroscan/output/host_port_table.h"

namespace zeroscan {
namespace {

struct Less {
  bool operator()(std::uint32_t a, std::uint32_t b) const { return a < b; }
};

TEST(SortedSpoolTest, ManyRunsMergeIntoOneOrderRepeatedly) {
  SortedSpool<std::uint32_t, Less> spool(1000);
  std::mt19937 random(1);
  std::vector<std::uint32_t> all;
  for (int i = 0; i < 25'500; ++i) {
    all.push_back(random() % 5000);  // duplicates included
    spool.add(all.back());
  }
  EXPECT_EQ(spool.runs(), 25u);  // the last 500 stay in memory
  std::sort(all.begin(), all.end());
  for (int round = 0; round < 2; ++round) {
    std::vector<std::uint32_t> back;
    spool.for_each([&](std::uint32_t v) { back.push_back(v); });
    EXPECT_EQ(back, all) << "round " << round;
  }
  EXPECT_TRUE(spool.error().empty());
}

TEST(SortedSpoolTest, InMemoryWhenSmall) {
  SortedSpool<std::uint32_t, Less> spool(100);
  for (std::uint32_t v : {5u, 3u, 9u}) spool.add(v);
  std::vector<std::uint32_t> back;
  spool.for_each([&](std::uint32_t v) { back.push_back(v); });
  EXPECT_EQ(back, (std::vector<std::uint32_t>{3, 5, 9}));
  EXPECT_EQ(spool.runs(), 0u);
}

std::vector<std::vector<PortEntry>> grouped(HostPortTable& table) {
  std::vector<std::vector<PortEntry>> out;
  table.for_each_host([&](const HostEntries& h) { out.emplace_back(h.first, h.last); });
  return out;
}

TEST(HostPortTableTest, SpilledAndInMemoryTablesGroupAlike) {
  HostPortTable small_runs(7), one_run;
  for (const PortRecord& r : test::golden_records()) {
    small_runs.add(r);
    one_run.add(r);
  }
  const auto a = grouped(small_runs), b = grouped(one_run);
  ASSERT_EQ(a.size(), b.size());
  ASSERT_EQ(a.size(), 6u);  // the fixture's 4 addresses and 2 more
  for (std::size_t h = 0; h < a.size(); ++h) {
    ASSERT_EQ(a[h].size(), b[h].size());
    for (std::size_t i = 0; i < a[h].size(); ++i) {
      EXPECT_EQ(a[h][i].ip, b[h][i].ip);
      EXPECT_EQ(a[h][i].port, b[h][i].port);
      EXPECT_EQ(a[h][i].probe, b[h][i].probe);
      EXPECT_EQ(a[h][i].state, b[h][i].state);
      if (i) {
        EXPECT_LE(a[h][i - 1].port, a[h][i].port);
      }
    }
  }
}

}  // namespace
}  // namespace zeroscan
