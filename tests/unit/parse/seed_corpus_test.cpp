// The fuzzer's checked-in seed corpus (tests/fuzz/corpus/reply_parser) must
// stay a set of frames parse_reply accepts: a seed that no longer parses
// would silently start the fuzzer at the EtherType again.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

#include "fuzz/frame_selector.h"
#include "zeroscan/parse/reply_parser.h"

namespace zeroscan {
namespace {

TEST(SeedCorpusTest, EverySeedIsAnAcceptedReply) {
  const std::filesystem::path dir =
      std::filesystem::path(ZEROSCAN_SOURCE_DIR) / "tests/fuzz/corpus/reply_parser";
  ASSERT_TRUE(std::filesystem::is_directory(dir)) << dir;
  int seeds = 0, icmp = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream file(entry.path(), std::ios::binary);
    const std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(file)), {});
    ASSERT_GE(bytes.size(), 2u) << entry.path();
    const auto reply = parse_reply(bytes.data() + 1, bytes.size() - 1, fuzz::link_from_selector(bytes[0]));
    EXPECT_TRUE(reply.has_value()) << entry.path();
    ++seeds;
    icmp += reply && reply->kind == ReplyKind::IcmpError;
  }
  EXPECT_GE(seeds, 10);
  EXPECT_GE(icmp, 3);  // the quoted-probe path is seeded too
}

}  // namespace
}  // namespace zeroscan
