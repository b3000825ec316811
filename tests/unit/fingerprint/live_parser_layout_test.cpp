// The database and the live parser must spell option layouts alike: every
// layout in the built-in database, sent as bytes, must read back unchanged
// through parse_tcp_options, or no capture of that stack could ever match
// it (Hershel+ wrote each padding byte after end-of-list as another 'E').
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "zeroscan/fingerprint/database.h"
#include "zeroscan/fingerprint/option_bytes.h"
#include "zeroscan/parse/reply_parser.h"

namespace zeroscan::fingerprint {
namespace {

std::string live_layout(const std::string& layout) {
  const auto bytes = option_bytes(layout, OptionValues{});
  const TcpOptions parsed = parse_tcp_options(bytes.data(), bytes.size());
  return parsed.layout.data();
}

TEST(LiveParserLayoutTest, EveryDatabaseLayoutReadsBackFromTheWire) {
  std::set<std::string> layouts;
  for (const Entry& entry : load_builtin_database().entries) {
    for (const auto& weighted : entry.syn_ack.options) layouts.insert(weighted.value);
  }
  ASSERT_GT(layouts.size(), 10u);
  for (const std::string& layout : layouts) {
    EXPECT_EQ(live_layout(layout), layout) << "a capture of this layout reads differently";
  }
}

TEST(LiveParserLayoutTest, MacOsXPaddingReadsAsOneEndOfList) {
  // M N W N N T S then EOL and one padding byte: 24 bytes on the wire.
  const auto bytes = option_bytes("MNWNNTSE", OptionValues{});
  ASSERT_EQ(bytes.size(), 24u);
  EXPECT_EQ(bytes[22], 0);
  EXPECT_EQ(bytes[23], 0);
  EXPECT_EQ(live_layout("MNWNNTSE"), "MNWNNTSE");
  EXPECT_EQ(canonical_layout("MNWNNTSEE"), "MNWNNTSE");
  EXPECT_EQ(canonical_layout("MTWEEE"), "MTWE");
  EXPECT_EQ(canonical_layout("MSTNW"), "MSTNW");
}

TEST(LiveParserLayoutTest, DatabaseRefusesLettersAfterEndOfList) {
  EXPECT_ANY_THROW(parse_database("x | X | BSD | general-purpose | options=MNWNNTSEE\n", "t.txt"));
  EXPECT_NO_THROW(parse_database("x | X | BSD | general-purpose | options=MNWNNTSE\n", "t.txt"));
}

}  // namespace
}  // namespace zeroscan::fingerprint
