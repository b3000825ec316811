// ScanSpace: index <-> (address, port, kind) is a bijection over the scan.
#include "zeroscan/engine/scan_space.h"

#include <gtest/gtest.h>

#include <set>
#include <tuple>

namespace zeroscan {
namespace {

TEST(ScanSpaceTest, IndexRoundTripsOverTheWholeSpace) {
  const TargetSet targets({Ipv4Range{*Ipv4::parse("198.18.0.1"), *Ipv4::parse("198.18.0.5")},
                           Ipv4Range{*Ipv4::parse("198.18.1.0"), *Ipv4::parse("198.18.1.2")}},
                          {});
  const PortSet ports({0, 22, 80, 65535});
  const ScanSpace space(targets, ports, {ProbeKind::Syn, ProbeKind::Ack});
  ASSERT_EQ(space.size(), 8u * 4u * 2u);
  std::set<std::tuple<std::uint32_t, std::uint16_t, int>> seen;
  for (std::uint64_t i = 0; i < space.size(); ++i) {
    const ProbeTarget t = space.at(i);
    EXPECT_TRUE(seen.emplace(t.ip.value, t.port, int(t.kind)).second);
    EXPECT_EQ(space.index_of(t.ip, t.port, t.kind), i);
  }
}

TEST(ScanSpaceTest, ExtraSlotsAddPortZeroProbesOnce) {
  const TargetSet targets({Ipv4Range{*Ipv4::parse("198.18.0.1"), *Ipv4::parse("198.18.0.2")}}, {});
  const PortSet ports({0, 22});
  const ScanSpace space(targets, ports, {ProbeKind::Syn},
                        {{0, ProbeKind::Syn}, {0, ProbeKind::Ack}});
  // Slots: 0/syn, 22/syn, 0/ack (0/syn is not repeated).
  ASSERT_EQ(space.slots().size(), 3u);
  EXPECT_EQ(space.size(), 6u);
  EXPECT_TRUE(space.index_of(*Ipv4::parse("198.18.0.2"), 0, ProbeKind::Ack));
  EXPECT_FALSE(space.index_of(*Ipv4::parse("198.18.0.2"), 22, ProbeKind::Ack));
  for (std::uint64_t i = 0; i < space.size(); ++i) {
    const ProbeTarget t = space.at(i);
    EXPECT_EQ(space.index_of(t.ip, t.port, t.kind), i);
  }
}

TEST(ScanSpaceTest, StrangersHaveNoIndex) {
  const TargetSet targets({Ipv4Range{*Ipv4::parse("198.18.0.1"), *Ipv4::parse("198.18.0.5")}}, {});
  const PortSet ports({22});
  const ScanSpace space(targets, ports, {ProbeKind::Syn});
  EXPECT_FALSE(space.index_of(*Ipv4::parse("198.18.0.6"), 22, ProbeKind::Syn));
  EXPECT_FALSE(space.index_of(*Ipv4::parse("198.18.0.1"), 23, ProbeKind::Syn));
  EXPECT_FALSE(space.index_of(*Ipv4::parse("198.18.0.1"), 22, ProbeKind::Ack));
  EXPECT_TRUE(space.index_of(*Ipv4::parse("198.18.0.1"), 22, ProbeKind::Syn));
}

}  // namespace
}  // namespace zeroscan
