// ARP request layout and reply acceptance (RFC 826).
#include <gtest/gtest.h>

#include "zeroscan/net/arp_frame.h"

namespace zeroscan {
namespace {

const MacAddress kOurMac = *MacAddress::parse("02:00:5e:10:00:01");
const MacAddress kTheirMac = *MacAddress::parse("02:00:5e:10:00:02");
const Ipv4 kOurIp = Ipv4::from_octets(198, 19, 250, 1);
const Ipv4 kTheirIp = Ipv4::from_octets(198, 19, 250, 2);

// What the answering host sends back: the request with op 2 and the
// addresses swapped.
std::array<std::uint8_t, kArpFrameSize> reply_frame() {
  auto frame = build_arp_request(kTheirMac, kTheirIp, kOurIp);
  std::copy(kOurMac.bytes.begin(), kOurMac.bytes.end(), frame.begin());  // unicast back
  frame[14 + 7] = 2;
  std::copy(kOurMac.bytes.begin(), kOurMac.bytes.end(), frame.begin() + 14 + 18);
  return frame;
}

TEST(ArpFrameTest, RequestIsABroadcastWhoHas) {
  auto frame = build_arp_request(kOurMac, kOurIp, kTheirIp);
  const std::uint8_t expected[kArpFrameSize] = {
      0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02, 0x00, 0x5e, 0x10, 0x00, 0x01, 0x08, 0x06,  // Ethernet
      0x00, 0x01, 0x08, 0x00, 6,    4,    0x00, 0x01,                                      // Ether/IPv4, request
      0x02, 0x00, 0x5e, 0x10, 0x00, 0x01, 198,  19,   250,  1,                             // sender
      0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 198,  19,   250,  2};                            // target
  EXPECT_TRUE(std::equal(frame.begin(), frame.end(), expected));
}

TEST(ArpFrameTest, ReplyYieldsTheSendersAddressAndMac) {
  auto frame = reply_frame();
  auto answer = parse_arp_reply(frame.data(), frame.size());
  ASSERT_TRUE(answer.has_value());
  EXPECT_EQ(answer->address, kTheirIp);
  EXPECT_EQ(answer->mac, kTheirMac);
}

TEST(ArpFrameTest, PaddedReplyIsAccepted) {
  auto frame = reply_frame();
  std::vector<std::uint8_t> padded(frame.begin(), frame.end());
  padded.resize(60, 0);  // minimum Ethernet frame
  EXPECT_TRUE(parse_arp_reply(padded.data(), padded.size()).has_value());
}

TEST(ArpFrameTest, RejectsRequestsShortFramesAndOtherProtocols) {
  auto request = build_arp_request(kTheirMac, kTheirIp, kOurIp);
  EXPECT_FALSE(parse_arp_reply(request.data(), request.size()).has_value());

  auto reply = reply_frame();
  EXPECT_FALSE(parse_arp_reply(reply.data(), reply.size() - 1).has_value());
  EXPECT_FALSE(parse_arp_reply(nullptr, 0).has_value());

  auto ipv4_ethertype = reply;
  ipv4_ethertype[13] = 0x00;  // 0x0800
  EXPECT_FALSE(parse_arp_reply(ipv4_ethertype.data(), ipv4_ethertype.size()).has_value());

  auto ipv6_protocol = reply;
  ipv6_protocol[14 + 2] = 0x86;
  ipv6_protocol[14 + 3] = 0xdd;
  EXPECT_FALSE(parse_arp_reply(ipv6_protocol.data(), ipv6_protocol.size()).has_value());

  auto zero_mac = reply;
  std::fill(zero_mac.begin() + 14 + 8, zero_mac.begin() + 14 + 14, 0);
  EXPECT_FALSE(parse_arp_reply(zero_mac.data(), zero_mac.size()).has_value());
}

}  // namespace
}  // namespace zeroscan
