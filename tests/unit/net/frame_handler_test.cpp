// FrameHandler: a non-owning callable reference on the capture path.
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "zeroscan/net/packet_io.h"

namespace zeroscan {
namespace {

void hand_two_frames(const FrameHandler& handler) {
  const std::uint8_t bytes[] = {1, 2, 3};
  handler(bytes, 3, 100);
  handler(bytes + 1, 1, 200);
}

TEST(FrameHandlerTest, CallsTheLambdaItRefersToWithEachFrame) {
  std::vector<std::int64_t> stamps;
  std::size_t bytes_seen = 0;
  hand_two_frames([&](const std::uint8_t* data, std::size_t size, std::int64_t ts) {
    stamps.push_back(ts);
    bytes_seen += size;
    EXPECT_GE(data[0], 1);
  });
  EXPECT_EQ(stamps, (std::vector<std::int64_t>{100, 200}));
  EXPECT_EQ(bytes_seen, 4u);
}

TEST(FrameHandlerTest, ANamedCallableKeepsItsStateAcrossCalls) {
  struct Counter {
    int calls = 0;
    void operator()(const std::uint8_t*, std::size_t, std::int64_t) { ++calls; }
  } counter;
  const FrameHandler handler(counter);
  hand_two_frames(handler);
  hand_two_frames(handler);
  EXPECT_EQ(counter.calls, 4);  // the handler refers to `counter`, it does not copy it
}

}  // namespace
}  // namespace zeroscan
