// StateTable and DedupWindow: first answer wins, duplicates are recognised.
#include "zeroscan/engine/dedup_window.h"
#include "zeroscan/engine/state_table.h"

#include <gtest/gtest.h>

namespace zeroscan {
namespace {

TEST(StateTableTest, FirstAnswerWinsAndNeighboursAreUntouched) {
  StateTable table(100);
  for (std::uint64_t i = 0; i < 100; ++i) EXPECT_FALSE(table.answered(i));
  EXPECT_TRUE(table.set_first(31, StateTable::code_of(PortState::Open)));
  EXPECT_TRUE(table.set_first(32, StateTable::code_of(PortState::Filtered)));
  EXPECT_FALSE(table.set_first(31, StateTable::code_of(PortState::Closed)));
  EXPECT_EQ(table.get(31), 1);
  EXPECT_EQ(table.get(32), 3);
  EXPECT_FALSE(table.answered(30));
  EXPECT_FALSE(table.answered(33));
  EXPECT_FALSE(table.answered(99));
}

TEST(StateTableTest, CodesDistinguishSynOutcomes) {
  EXPECT_NE(StateTable::code_of(PortState::Open), StateTable::code_of(PortState::Closed));
  EXPECT_NE(StateTable::code_of(PortState::Closed), StateTable::code_of(PortState::Filtered));
  EXPECT_EQ(StateTable::code_of(PortState::Unknown), 0);
}

TEST(StateTableTest, EverySlotOfAWordIsIndependent) {
  StateTable table(64);
  for (std::uint64_t i = 0; i < 64; i += 2) ASSERT_TRUE(table.set_first(i, 2));
  for (std::uint64_t i = 0; i < 64; ++i) EXPECT_EQ(table.answered(i), i % 2 == 0) << i;
}

TEST(DedupWindowTest, RecognisesRecentDuplicates) {
  DedupWindow window(10);
  EXPECT_TRUE(window.first_time(42));
  EXPECT_FALSE(window.first_time(42));
  EXPECT_TRUE(window.first_time(43));
  EXPECT_FALSE(window.first_time(43));
  EXPECT_TRUE(window.first_time(0));
}

}  // namespace
}  // namespace zeroscan
