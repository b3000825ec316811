// The IPv6 fuzz target's checked-in seeds (tests/fuzz/corpus/ipv6_reply,
// written by tests/fuzz/make_ipv6_reply_corpus.py) must stay frames
// parse_ipv6_reply accepts, or the fuzzer would start at the EtherType again.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

#include "fuzz/frame_selector.h"
#include "zeroscan/parse/ipv6_reply_parser.h"

namespace zeroscan {
namespace {

TEST(Ipv6SeedCorpus, EverySeedIsAnAcceptedReply) {
  const std::filesystem::path dir =
      std::filesystem::path(ZEROSCAN_SOURCE_DIR) / "tests/fuzz/corpus/ipv6_reply";
  ASSERT_TRUE(std::filesystem::is_directory(dir)) << dir;
  int seeds = 0, icmp = 0, extensions = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream file(entry.path(), std::ios::binary);
    const std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(file)), {});
    ASSERT_GE(bytes.size(), 2u) << entry.path();
    const auto reply = parse_ipv6_reply(bytes.data() + 1, bytes.size() - 1, fuzz::link_from_selector(bytes[0]));
    EXPECT_TRUE(reply.has_value()) << entry.path();
    ++seeds;
    icmp += reply && reply->kind == ReplyKind::IcmpError;
    extensions += reply && (reply->ip6.extension_headers > 0 || reply->quoted_ip6.extension_headers > 0);
  }
  EXPECT_GE(seeds, 8);
  EXPECT_GE(icmp, 4);        // the quoted-probe path is seeded
  EXPECT_GE(extensions, 2);  // and the extension-header walk, outside and quoted
}

}  // namespace
}  // namespace zeroscan
