// parse_reply against frames that lie: bad checksums, impossible header
// lengths, fragments, wrong protocols, lying option lengths, and random
// corruption of valid frames. None may crash, read out of bounds (run under
// ZEROSCAN_SANITIZE=ON to check that) or come back as a plausible Reply.
#include <gtest/gtest.h>
#include <tins/arp.h>

#include <random>
#include <string>
#include <vector>

#include "reply_frames.h"
#include "zeroscan/parse/reply_parser.h"

namespace zeroscan {
namespace {

using test::Bytes;
constexpr std::size_t kIp = 14;        // IP header offset in an Ethernet frame
constexpr std::size_t kTcp = kIp + 20;  // TCP header offset when IHL is 5

test::TcpSpec linux_syn_ack() {
  test::TcpSpec spec;
  using test::tcp_option;
  spec.options = {tcp_option(Tins::TCP::MSS, {0x05, 0xb4}), tcp_option(Tins::TCP::SACK_OK),
                  tcp_option(Tins::TCP::TSOPT, {0, 0, 0, 1, 0, 0, 0, 2}), tcp_option(Tins::TCP::NOP),
                  tcp_option(Tins::TCP::WSCALE, {7})};
  return spec;
}

Bytes syn_ack_frame() {
  Tins::IP ip = test::build_ip_tcp(linux_syn_ack());
  return test::ethernet_frame(ip);
}

// 54 bytes of headers, padded by libtins to the 60-byte Ethernet minimum.
Bytes padded_rst_frame() {
  test::TcpSpec spec;
  spec.flags = tcp_flag::Rst;
  Tins::IP ip = test::build_ip_tcp(spec);
  return test::ethernet_frame(ip);
}

bool parses(const Bytes& frame) { return test::parse_all(frame, LinkType::Ethernet).has_value(); }

TEST(HostileFrames, TheUnmodifiedFramesParse) {
  // Every test below edits one of these; they must parse before the edit.
  ASSERT_TRUE(parses(syn_ack_frame()));
  ASSERT_TRUE(parses(padded_rst_frame()));
  ASSERT_EQ(padded_rst_frame().size(), 60u);
}

TEST(HostileFrames, BadIpChecksumIsRejected) {
  Bytes frame = syn_ack_frame();
  frame[kIp + 11] ^= 0x01;
  EXPECT_FALSE(parses(frame));
  Bytes ttl_changed = syn_ack_frame();
  ttl_changed[kIp + 8] -= 1;  // a field changed behind the checksum's back
  EXPECT_FALSE(parses(ttl_changed));
}

TEST(HostileFrames, IhlBelowFiveIsRejectedEvenWithAMatchingChecksum) {
  for (std::uint8_t ihl = 0; ihl < 5; ++ihl) {
    Bytes frame = syn_ack_frame();
    frame[kIp] = std::uint8_t(0x40 | ihl);
    test::fix_ip_checksum(frame, kIp);  // sums the short header IHL claims
    EXPECT_FALSE(parses(frame)) << "IHL " << int(ihl);
  }
}

TEST(HostileFrames, IhlPastTotalLengthIsRejected) {
  for (std::uint8_t ihl = 6; ihl <= 15; ++ihl) {
    Bytes frame = padded_rst_frame();  // total length 40
    frame[kIp] = std::uint8_t(0x40 | ihl);
    if (ihl * 4 <= 40) frame[kIp + 3] = std::uint8_t(ihl * 4 - 1);  // header longer than the packet
    test::fix_ip_checksum(frame, kIp);
    EXPECT_FALSE(parses(frame)) << "IHL " << int(ihl);
  }
}

TEST(HostileFrames, TotalLengthPastTheCaptureIsRejected) {
  Bytes frame = syn_ack_frame();
  const std::uint16_t total = test::be16_at(frame, kIp + 2);
  frame[kIp + 2] = std::uint8_t((total + 1) >> 8);
  frame[kIp + 3] = std::uint8_t(total + 1);
  test::fix_ip_checksum(frame, kIp);
  EXPECT_FALSE(parses(frame));
}

TEST(HostileFrames, TotalLengthShorterThanTheCaptureTrimsThePadding) {
  Bytes frame = padded_rst_frame();
  ASSERT_EQ(test::be16_at(frame, kIp + 2), 40);
  const auto reply = test::parse_all(frame, LinkType::Ethernet);
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->tcp.payload_length, 0);
  // With the padding counted as payload the segment would be 26 bytes.
  frame[kIp + 3] = 46;
  test::fix_ip_checksum(frame, kIp);
  const auto longer = test::parse_all(frame, LinkType::Ethernet);
  ASSERT_TRUE(longer.has_value());
  EXPECT_EQ(longer->tcp.payload_length, 6);
}

TEST(HostileFrames, TotalLengthBelowTheHeaderIsRejected) {
  for (std::uint8_t total : {0, 1, 19}) {
    Bytes frame = padded_rst_frame();
    frame[kIp + 2] = 0, frame[kIp + 3] = total;
    test::fix_ip_checksum(frame, kIp);
    EXPECT_FALSE(parses(frame)) << int(total);
  }
}

TEST(HostileFrames, LaterFragmentsAreRejectedFirstFragmentsAccepted) {
  Bytes later = syn_ack_frame();
  later[kIp + 6] = 0x20, later[kIp + 7] = 0x03;  // MF, offset 24 bytes
  test::fix_ip_checksum(later, kIp);
  EXPECT_FALSE(parses(later));

  Bytes last = syn_ack_frame();
  last[kIp + 6] = 0x00, last[kIp + 7] = 0x03;  // final fragment, offset 24
  test::fix_ip_checksum(last, kIp);
  EXPECT_FALSE(parses(last));

  Bytes first = syn_ack_frame();
  first[kIp + 6] = 0x20, first[kIp + 7] = 0x00;  // MF, offset 0: holds the TCP header
  test::fix_ip_checksum(first, kIp);
  const auto reply = test::parse_all(first, LinkType::Ethernet);
  ASSERT_TRUE(reply.has_value());
  EXPECT_FALSE(reply->ip.df);
}

TEST(HostileFrames, VersionOtherThanFourIsRejected) {
  for (std::uint8_t version : {0, 5, 6, 15}) {
    Bytes frame = syn_ack_frame();
    frame[kIp] = std::uint8_t(version << 4 | 5);
    test::fix_ip_checksum(frame, kIp);
    EXPECT_FALSE(parses(frame)) << int(version);
  }
}

TEST(HostileFrames, NonIpv4EtherTypesAreRejected) {
  for (std::uint16_t type : {0x0806, 0x86dd, 0x8847, 0x0000, 0xffff}) {
    Bytes frame = syn_ack_frame();
    frame[12] = std::uint8_t(type >> 8), frame[13] = std::uint8_t(type);
    EXPECT_FALSE(parses(frame)) << std::hex << type;
  }
  Tins::EthernetII arp = Tins::ARP::make_arp_request("127.0.0.2", "127.0.0.1", "02:00:00:00:00:01");
  EXPECT_FALSE(parses(arp.serialize()));
}

TEST(HostileFrames, TooManyVlanTagsAreRejected) {
  Bytes frame = syn_ack_frame();
  Bytes tags;
  for (int i = 0; i < 5; ++i) tags.insert(tags.end(), {0x81, 0x00, 0x00, std::uint8_t(i + 1)});
  frame.insert(frame.begin() + 12, tags.begin(), tags.end());
  EXPECT_FALSE(parses(frame));
  frame.erase(frame.begin() + 12, frame.begin() + 16);  // four tags: still accepted
  EXPECT_TRUE(parses(frame));
}

TEST(HostileFrames, VlanTagsCutShortAreRejected) {
  const Bytes frame = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0x81, 0x00, 0x00, 0x64, 0x08};
  for (std::size_t size = 0; size <= frame.size(); ++size)
    EXPECT_FALSE(test::parse_exact(frame, size, LinkType::Ethernet).has_value());
}

TEST(HostileFrames, UdpIsRejected) {
  test::IpSpec spec;
  Tins::IP ip = test::build_ip(spec) / Tins::UDP(40001, 53) / Tins::RawPDU(Bytes(12, 0));
  EXPECT_FALSE(parses(test::ethernet_frame(ip)));
}

TEST(HostileFrames, TcpDataOffsetBelowFiveIsRejected) {
  for (std::uint8_t offset = 0; offset < 5; ++offset) {
    Bytes frame = syn_ack_frame();
    frame[kTcp + 12] = std::uint8_t(offset << 4);
    EXPECT_FALSE(parses(frame)) << int(offset);
  }
}

TEST(HostileFrames, TcpDataOffsetPastTheSegmentIsRejected) {
  for (std::uint8_t offset = 11; offset <= 15; ++offset) {  // the segment is 40 bytes
    Bytes frame = syn_ack_frame();
    frame[kTcp + 12] = std::uint8_t(offset << 4);
    EXPECT_FALSE(parses(frame)) << int(offset);
  }
}

TEST(HostileFrames, TcpDataOffsetReachingIntoPaddingIsRejected) {
  // The 6 padding bytes are in the capture but not in the IP packet.
  for (std::uint8_t offset = 6; offset <= 7; ++offset) {
    Bytes frame = padded_rst_frame();
    frame[kTcp + 12] = std::uint8_t(offset << 4);
    EXPECT_FALSE(parses(frame)) << int(offset);
  }
}

TEST(HostileFrames, TcpHeaderCutByTotalLengthIsRejected) {
  Bytes frame = padded_rst_frame();
  frame[kIp + 3] = 39;  // one byte short of the fixed TCP header
  test::fix_ip_checksum(frame, kIp);
  EXPECT_FALSE(parses(frame));
}

// Option offsets in the Linux SYN-ACK: MSS at 0, SACK-permitted at 4,
// timestamp at 6, NOP at 16, window scale at 17.
struct LyingOption {
  std::string name;
  std::size_t at;
  std::uint8_t value;
  std::string layout;
};

class LyingOptionTest : public ::testing::TestWithParam<LyingOption> {};

TEST_P(LyingOptionTest, StopsAtTheLieAndFlagsIt) {
  Bytes frame = syn_ack_frame();
  frame[kTcp + 20 + GetParam().at] = GetParam().value;
  const auto reply = test::parse_all(frame, LinkType::Ethernet);
  ASSERT_TRUE(reply.has_value());
  EXPECT_TRUE(reply->tcp.options.malformed);
  EXPECT_EQ(test::layout_of(reply->tcp.options), GetParam().layout);
  // The fixed header is still read correctly.
  EXPECT_EQ(reply->tcp.seq, linux_syn_ack().seq);
}

INSTANTIATE_TEST_SUITE_P(Options, LyingOptionTest,
                         ::testing::Values(LyingOption{"MssLengthZero", 1, 0, ""},
                                           LyingOption{"SackLengthOne", 5, 1, "M"},
                                           LyingOption{"TimestampPastTheEnd", 7, 20, "MS"},
                                           LyingOption{"WindowScalePastTheEnd", 18, 4, "MSTN"},
                                           LyingOption{"LastByteStartsAnOption", 18, 2, "MSTN?"}),
                         [](const auto& info) { return info.param.name; });

TEST(HostileFrames, NullAndTinyInputsAreRejected) {
  for (LinkType link : {LinkType::Ethernet, LinkType::RawIp, LinkType::LinuxSll}) {
    EXPECT_FALSE(parse_reply(nullptr, 0, link).has_value());
    EXPECT_FALSE(parse_reply(nullptr, 100, link).has_value());
    const Bytes zeros(64, 0);
    for (std::size_t size = 0; size <= zeros.size(); ++size)
      EXPECT_FALSE(test::parse_exact(zeros, size, link).has_value());
  }
  EXPECT_FALSE(parse_reply(syn_ack_frame().data(), 74, static_cast<LinkType>(9)).has_value());
}

// Structural promises of any Reply, whatever bytes produced it.
void expect_consistent(const Reply& reply, std::size_t captured) {
  ASSERT_LE(reply.ip.total_length, captured);
  ASSERT_GE(reply.ip.total_length, 20);
  const std::string layout = test::layout_of(reply.tcp.options);
  ASSERT_LE(layout.size(), 40u);
  ASSERT_EQ(layout.find_first_not_of("MNWSTE?"), std::string::npos) << layout;
  if (reply.kind == ReplyKind::Tcp) {
    ASSERT_LE(reply.tcp.payload_length + 20u + 20u, reply.ip.total_length);
  } else {
    ASSERT_EQ(reply.icmp.quoted.protocol, 6);
    ASSERT_TRUE(reply.icmp.type == 3 || reply.icmp.type == 4 || reply.icmp.type == 11 ||
                reply.icmp.type == 12);
  }
}

TEST(HostileFrames, RandomCorruptionNeverCrashesOrBreaksInvariants) {
  Bytes icmp_quote = syn_ack_frame();
  icmp_quote.erase(icmp_quote.begin(), icmp_quote.begin() + kIp);
  Tins::IP icmp = test::build_icmp_error(Tins::ICMP::DEST_UNREACHABLE, 3, icmp_quote);
  const std::vector<Bytes> seeds = {syn_ack_frame(), padded_rst_frame(), test::ethernet_frame(icmp)};
  std::mt19937 rng(2024);
  int accepted = 0;
  for (const Bytes& seed : seeds) {
    for (int round = 0; round < 20000; ++round) {
      Bytes frame = seed;
      const int edits = 1 + int(rng() % 4);
      for (int e = 0; e < edits; ++e) frame[rng() % frame.size()] = std::uint8_t(rng());
      if (rng() % 4 == 0) test::fix_ip_checksum(frame, kIp);  // get past the checksum sometimes
      frame.resize(rng() % (frame.size() + 1));
      const auto reply = test::parse_all(frame, LinkType::Ethernet);
      if (!reply) continue;
      ++accepted;
      expect_consistent(*reply, frame.size() - kIp);
    }
  }
  // The corpus must exercise acceptance too, or the invariants checked nothing.
  EXPECT_GT(accepted, 1000);
}

}  // namespace
}  // namespace zeroscan
