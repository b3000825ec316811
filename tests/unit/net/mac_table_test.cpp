// MacTable: the send path's Ipv4 -> MAC lookup for on-link targets.
#include <gtest/gtest.h>

#include "zeroscan/net/mac_table.h"

namespace zeroscan {
namespace {

MacAddress mac_for(std::uint32_t seed) {
  MacAddress mac;
  mac.bytes = {0x02, 0x00, std::uint8_t(seed >> 24), std::uint8_t(seed >> 16), std::uint8_t(seed >> 8),
               std::uint8_t(seed)};
  return mac;
}

TEST(MacTableTest, EmptyTableFindsNothing) {
  MacTable table;
  EXPECT_EQ(table.find(Ipv4::from_octets(198, 19, 250, 1)), nullptr);
  EXPECT_TRUE(table.empty());
}

TEST(MacTableTest, FindsEveryEntryOfAWholeSlash16AndNothingElse) {
  std::vector<std::pair<Ipv4, MacAddress>> entries;
  const std::uint32_t base = Ipv4::from_octets(198, 19, 0, 0).value;
  for (std::uint32_t i = 0; i < 65536; i += 2) entries.emplace_back(Ipv4(base + i), mac_for(base + i));
  MacTable table(entries);
  EXPECT_EQ(table.size(), entries.size());
  for (std::uint32_t i = 0; i < 65536; ++i) {
    const MacAddress* found = table.find(Ipv4(base + i));
    if (i % 2 == 0) {
      ASSERT_NE(found, nullptr) << i;
      EXPECT_EQ(*found, mac_for(base + i));
    } else {
      EXPECT_EQ(found, nullptr) << i;
    }
  }
  EXPECT_EQ(table.find(Ipv4(0)), nullptr);
  EXPECT_EQ(table.find(Ipv4(0xFFFFFFFFu)), nullptr);
}

TEST(MacTableTest, ZeroAddressAndRepeatedAddressesAreHandled) {
  MacTable table({{Ipv4(0), mac_for(1)}, {Ipv4(7), mac_for(2)}, {Ipv4(7), mac_for(3)}});
  EXPECT_EQ(table.size(), 2u);
  ASSERT_NE(table.find(Ipv4(0)), nullptr);
  EXPECT_EQ(*table.find(Ipv4(0)), mac_for(1));
  EXPECT_EQ(*table.find(Ipv4(7)), mac_for(3));  // the last one wins
}

}  // namespace
}  // namespace zeroscan
