// NDP frames: the solicitation is byte-identical to libtins' own, and only
// well-formed, on-link, checksummed advertisements carrying a MAC parse.
#include "zeroscan/net/ndp_frame.h"

#include <gtest/gtest.h>
#include <tins/ethernetII.h>
#include <tins/icmpv6.h>
#include <tins/ipv6.h>
#include <tins/rawpdu.h>

#include <vector>

namespace zeroscan {
namespace {

using Bytes = std::vector<std::uint8_t>;

const MacAddress kOurMac = *MacAddress::parse("02:00:00:00:00:01");
const MacAddress kTheirMac = *MacAddress::parse("02:00:00:00:00:42");
const Ipv6 kUs = *Ipv6::parse("2001:2::1");
const Ipv6 kTarget = *Ipv6::parse("2001:2::1:2345:6789");

Tins::IPv6Address tins_address(Ipv6 address) {
  std::uint8_t bytes[16];
  address.to_bytes(bytes);
  return Tins::IPv6Address(bytes);
}

Tins::HWAddress<6> tins_mac(const MacAddress& mac) { return Tins::HWAddress<6>(mac.bytes.begin()); }

// A neighbour advertisement from `from` about `target`, built by libtins.
struct Advert {
  Ipv6 target = kTarget;
  std::uint8_t hop_limit = 255;
  std::uint8_t code = 0;
  bool with_mac_option = true;
  MacAddress mac = kTheirMac;
  Bytes extra_options;  // raw option bytes appended after the MAC option
};

Bytes advertisement(const Advert& a) {
  Tins::ICMPv6 na{Tins::ICMPv6::NEIGHBOUR_ADVERT};
  na.code(a.code);
  na.target_addr(tins_address(a.target));
  na.solicited(1);
  na.override(1);
  if (a.with_mac_option) na.target_link_layer_addr(tins_mac(a.mac));
  Tins::IPv6 ip(tins_address(kUs), tins_address(a.target));
  ip.hop_limit(a.hop_limit);
  Tins::EthernetII frame(tins_mac(kOurMac), tins_mac(a.mac));
  if (a.extra_options.empty()) {
    frame /= ip / na;
    return frame.serialize();
  }
  // Extra option bytes: serialize, append, then fix length and checksum by
  // re-serializing with the bytes as the advertisement's tail.
  frame /= ip / na / Tins::RawPDU(a.extra_options);
  return frame.serialize();
}

std::optional<NdpAnswer> parse(const Bytes& frame, std::size_t size = SIZE_MAX) {
  const Bytes copy(frame.begin(), frame.begin() + std::ptrdiff_t(std::min(size, frame.size())));
  return parse_neighbour_advertisement(copy.data(), copy.size());
}

TEST(NdpFrame, SolicitedNodeGroupAndItsMac) {
  EXPECT_EQ(solicited_node_address(kTarget), *Ipv6::parse("ff02::1:ff45:6789"));
  EXPECT_EQ(ipv6_multicast_mac(solicited_node_address(kTarget)).to_string(), "33:33:ff:45:67:89");
}

TEST(NdpFrame, SolicitationIsByteIdenticalToLibtins) {
  const auto built = build_neighbour_solicitation(kOurMac, kUs, kTarget);
  Tins::ICMPv6 ns{Tins::ICMPv6::NEIGHBOUR_SOLICIT};
  ns.target_addr(tins_address(kTarget));
  ns.source_link_layer_addr(tins_mac(kOurMac));
  Tins::IPv6 ip(tins_address(solicited_node_address(kTarget)), tins_address(kUs));
  ip.hop_limit(255);
  Tins::EthernetII frame(Tins::HWAddress<6>("33:33:ff:45:67:89"), tins_mac(kOurMac));
  frame /= ip / ns;
  const Bytes expected = frame.serialize();
  EXPECT_EQ(Bytes(built.begin(), built.end()), expected);
}

TEST(NdpFrame, AcceptsASolicitedAdvertisement) {
  const auto answer = parse(advertisement(Advert{}));
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->address, kTarget);
  EXPECT_EQ(answer->mac, kTheirMac);
}

TEST(NdpFrame, RejectsWhatRfc4861SaysToDrop) {
  Advert off_link;
  off_link.hop_limit = 254;  // routed here: not from the link
  EXPECT_FALSE(parse(advertisement(off_link)));
  Advert coded;
  coded.code = 1;
  EXPECT_FALSE(parse(advertisement(coded)));
  Advert multicast;
  multicast.target = *Ipv6::parse("ff02::1");
  EXPECT_FALSE(parse(advertisement(multicast)));
  Advert zero_length_option;
  zero_length_option.extra_options = {3, 0, 0, 0, 0, 0, 0, 0};
  EXPECT_FALSE(parse(advertisement(zero_length_option)));
  Advert overlong_option;
  overlong_option.extra_options = {3, 2, 0, 0, 0, 0, 0, 0};  // claims 16 bytes, has 8
  EXPECT_FALSE(parse(advertisement(overlong_option)));
  Advert unknown_option;
  unknown_option.extra_options = {3, 1, 0, 0, 0, 0, 0, 0};  // well formed: skipped
  EXPECT_TRUE(parse(advertisement(unknown_option)));
}

TEST(NdpFrame, RejectsAdvertisementsWithoutAUsableMac) {
  Advert bare;
  bare.with_mac_option = false;
  EXPECT_FALSE(parse(advertisement(bare)));
  Advert zero;
  zero.mac = MacAddress{};
  EXPECT_FALSE(parse(advertisement(zero)));
}

TEST(NdpFrame, RejectsABadChecksumOurOwnSolicitationAndOtherFrames) {
  Bytes frame = advertisement(Advert{});
  frame[14 + 40 + 8 + 15] ^= 1;  // the target address's last byte
  EXPECT_FALSE(parse(frame));
  const auto ns = build_neighbour_solicitation(kOurMac, kUs, kTarget);
  EXPECT_FALSE(parse(Bytes(ns.begin(), ns.end())));
  frame = advertisement(Advert{});
  frame[12] = 0x08;
  frame[13] = 0x00;  // IPv4
  EXPECT_FALSE(parse(frame));
  EXPECT_FALSE(parse_neighbour_advertisement(nullptr, 100));
}

TEST(NdpFrame, RejectsEveryTruncation) {
  const Bytes frame = advertisement(Advert{});
  for (std::size_t size = 0; size < frame.size(); ++size) EXPECT_FALSE(parse(frame, size)) << size;
}

}  // namespace
}  // namespace zeroscan
