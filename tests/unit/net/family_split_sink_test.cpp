// FamilySplitSink: every frame reaches the sink of its IP version, in
// order, runs batched; a short count from either sink stops the batch there.
#include "zeroscan/net/family_split_sink.h"

#include <gtest/gtest.h>

#include <vector>

namespace zeroscan {
namespace {

struct Counting : PacketSink {
  std::vector<std::uint8_t> first_bytes;  // each frame's byte after the link header, as received
  std::vector<std::size_t> batches;
  std::size_t accept = ~std::size_t(0);
  std::size_t send(const FrameRef* frames, std::size_t count) override {
    const std::size_t taken = std::min(count, accept);
    for (std::size_t i = 0; i < taken; ++i) first_bytes.push_back(frames[i].data[14]);
    batches.push_back(taken);
    return taken;
  }
};

TEST(FamilySplitSink, FramesGoToTheirFamilysSinkInOrderAndShortCountsStop) {
  std::vector<std::vector<std::uint8_t>> bytes;
  for (std::uint8_t version : {4, 4, 6, 4, 6, 6}) {
    std::vector<std::uint8_t> frame(60, 0);
    frame[14] = std::uint8_t(version << 4 | bytes.size());  // version nibble + a sequence number
    bytes.push_back(frame);
  }
  std::vector<FrameRef> frames;
  for (const auto& b : bytes) frames.push_back({b.data(), std::uint32_t(b.size())});
  Counting v4, v6;
  FamilySplitSink split(v4, v6, 14);
  EXPECT_EQ(split.send(frames.data(), frames.size()), 6u);
  EXPECT_EQ(v4.first_bytes, (std::vector<std::uint8_t>{0x40, 0x41, 0x43}));
  EXPECT_EQ(v6.first_bytes, (std::vector<std::uint8_t>{0x62, 0x64, 0x65}));
  EXPECT_EQ(v4.batches, (std::vector<std::size_t>{2, 1}));
  EXPECT_EQ(v6.batches, (std::vector<std::size_t>{1, 2}));

  Counting full, other;
  full.accept = 1;
  FamilySplitSink stalled(full, other, 14);
  EXPECT_EQ(stalled.send(frames.data(), frames.size()), 1u);  // the IPv4 sink took one of two
  EXPECT_TRUE(other.first_bytes.empty());
}

}  // namespace
}  // namespace zeroscan
