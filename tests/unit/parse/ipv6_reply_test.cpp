// parse_ipv6_reply over hand-built frames: TCP replies on every link type,
// the extension-header walk and its limits, ICMPv6 errors quoting our own
// probes (verified by the IPv6 cookie end to end), and every truncation.
#include <gtest/gtest.h>

#include <tins/dot1q.h>
#include <tins/ip.h>

#include "ipv6_frames.h"
#include "zeroscan/cookie/ipv6_cookie.h"
#include "zeroscan/parse/reply_parser.h"
#include "zeroscan/probe/ipv6_probe_template.h"

namespace zeroscan {
namespace {

using namespace test6;

Bytes syn_ack_packet() { return serialize(ipv6_header(kTarget, kUs) / syn_ack_segment()); }

TEST(Ipv6Reply, SynAckFieldsArePassedOnWithTheCommonIpFields) {
  const auto reply = parse6(ethernet(syn_ack_packet()));
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->family, IpFamily::V6);
  EXPECT_EQ(reply->kind, ReplyKind::Tcp);
  EXPECT_EQ(reply->timestamp_ns, 42);
  EXPECT_EQ(reply->ip6.src, kTarget);
  EXPECT_EQ(reply->ip6.dst, kUs);
  EXPECT_EQ(reply->ip6.hop_limit, 57);
  EXPECT_EQ(reply->ip6.flow_label, 0x12345u);
  EXPECT_EQ(reply->ip6.traffic_class, 0x28);
  EXPECT_EQ(reply->ip6.payload_length, 40);
  EXPECT_EQ(reply->ip6.extension_headers, 0);
  // The version-independent fields; no IPv4 address to mistake.
  EXPECT_EQ(reply->ip.ttl, 57);
  EXPECT_EQ(reply->ip.tos, 0x28);
  EXPECT_EQ(reply->ip.total_length, 80);
  EXPECT_EQ(reply->ip.src, Ipv4());
  EXPECT_EQ(reply->ip.dst, Ipv4());
  EXPECT_EQ(reply->tcp.src_port, 443);
  EXPECT_EQ(reply->tcp.dst_port, 40001);
  EXPECT_EQ(reply->tcp.seq, 0x0a0b0c0du);
  EXPECT_EQ(reply->tcp.ack, 0x10203040u);
  EXPECT_EQ(reply->tcp.flags, tcp_flag::Syn | tcp_flag::Ack);
  EXPECT_EQ(reply->tcp.window, 64800);
  EXPECT_EQ(std::string(reply->tcp.options.layout.data()), "MSTNW");
  EXPECT_EQ(reply->tcp.options.mss, 1440);
  EXPECT_EQ(reply->tcp.payload_length, 0);
}

TEST(Ipv6Reply, EveryLinkTypeCarriesIt) {
  const Bytes packet = syn_ack_packet();
  EXPECT_TRUE(parse6(packet, LinkType::RawIp));
  Tins::EthernetII tagged("02:00:00:00:00:01", "02:00:00:00:00:02");
  tagged /= Tins::Dot1Q(7) / ipv6_header(kTarget, kUs) / syn_ack_segment();
  EXPECT_TRUE(parse6(tagged.serialize()));
  Tins::SLL sll;
  sll /= ipv6_header(kTarget, kUs) / syn_ack_segment();
  EXPECT_TRUE(parse6(sll.serialize(), LinkType::LinuxSll));
}

TEST(Ipv6Reply, TheFamiliesStayApart) {
  // The IPv4 parser never takes an IPv6 frame, nor the IPv6 parser an IPv4 one.
  EXPECT_FALSE(parse_reply(ethernet(syn_ack_packet()).data(), ethernet(syn_ack_packet()).size(),
                           LinkType::Ethernet));
  EXPECT_FALSE(parse_reply(syn_ack_packet().data(), syn_ack_packet().size(), LinkType::RawIp));
  Tins::IP v4(Tins::IPv4Address("198.18.0.1"), Tins::IPv4Address("198.18.0.7"));
  Tins::EthernetII frame("02:00:00:00:00:01", "02:00:00:00:00:02");
  frame /= v4 / syn_ack_segment();
  EXPECT_FALSE(parse6(frame.serialize()));
  EXPECT_FALSE(parse6(serialize(v4 / syn_ack_segment()), LinkType::RawIp));
}

TEST(Ipv6Reply, LinkPaddingIsCutOffAndTruncationRejected) {
  Bytes padded = ethernet(syn_ack_packet());
  padded.resize(padded.size() + 6, 0);
  const auto reply = parse6(padded);
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->tcp.payload_length, 0);
  const Bytes frame = ethernet(syn_ack_packet());
  for (std::size_t size = 0; size < frame.size(); ++size) EXPECT_FALSE(parse6(frame, LinkType::Ethernet, size)) << size;
}

TEST(Ipv6Reply, RejectsInconsistentFixedHeaders) {
  Bytes packet = syn_ack_packet();
  packet[0] = 0x40 | (packet[0] & 0x0f);  // version 4
  EXPECT_FALSE(parse6(packet, LinkType::RawIp));
  packet = syn_ack_packet();
  packet[4] = packet[5] = 0;  // payload length 0: a jumbogram
  EXPECT_FALSE(parse6(packet, LinkType::RawIp));
  packet = syn_ack_packet();
  packet[5] = 41;  // one byte more than was captured
  EXPECT_FALSE(parse6(packet, LinkType::RawIp));
  packet = syn_ack_packet();
  packet[5] = 19;  // cuts the TCP header short
  EXPECT_FALSE(parse6(packet, LinkType::RawIp));
  packet = syn_ack_packet();
  packet[6] = 17;  // UDP
  EXPECT_FALSE(parse6(packet, LinkType::RawIp));
  for (std::uint8_t upper : {50, 51, 59}) {  // ESP, AH, no next header: not skipped
    packet[6] = upper;
    EXPECT_FALSE(parse6(packet, LinkType::RawIp)) << int(upper);
  }
}

TEST(Ipv6Reply, SkipsTheFourExtensionHeaderKinds) {
  const Bytes packet = with_extensions(
      syn_ack_packet(), {options_header(0), routing_header(), fragment_header(0, true),
                         options_header(60, 2)});
  const auto reply = parse6(packet, LinkType::RawIp);
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->ip6.extension_headers, 4);
  EXPECT_EQ(reply->ip6.payload_length, 40 + 8 + 8 + 8 + 24);
  EXPECT_EQ(reply->tcp.seq, 0x0a0b0c0du);
  EXPECT_EQ(std::string(reply->tcp.options.layout.data()), "MSTNW");
}

TEST(Ipv6Reply, IgnoresNonFirstFragments) {
  EXPECT_TRUE(parse6(with_extensions(syn_ack_packet(), {fragment_header(0, false)}), LinkType::RawIp));
  EXPECT_FALSE(parse6(with_extensions(syn_ack_packet(), {fragment_header(1, false)}), LinkType::RawIp));
  EXPECT_FALSE(parse6(with_extensions(syn_ack_packet(), {fragment_header(0x1fff, true)}), LinkType::RawIp));
}

TEST(Ipv6Reply, HopByHopOnlyComesFirst) {
  EXPECT_FALSE(parse6(with_extensions(syn_ack_packet(), {options_header(60), options_header(0)}),
                      LinkType::RawIp));
  EXPECT_FALSE(parse6(with_extensions(syn_ack_packet(), {options_header(0), options_header(0)}),
                      LinkType::RawIp));
}

TEST(Ipv6Reply, TheWalkStopsAtEightHeadersAnd512Bytes) {
  std::vector<Extension> chain(8, options_header(60));
  EXPECT_TRUE(parse6(with_extensions(syn_ack_packet(), chain), LinkType::RawIp));
  chain.push_back(options_header(60));
  EXPECT_FALSE(parse6(with_extensions(syn_ack_packet(), chain), LinkType::RawIp));
  // 512 bytes of headers pass, one more unit does not.
  EXPECT_TRUE(parse6(with_extensions(syn_ack_packet(), {options_header(60, 63)}), LinkType::RawIp));
  EXPECT_FALSE(parse6(with_extensions(syn_ack_packet(), {options_header(60, 63), options_header(60)}),
                      LinkType::RawIp));
  EXPECT_FALSE(parse6(with_extensions(syn_ack_packet(), {options_header(60, 255)}), LinkType::RawIp));
}

TEST(Ipv6Reply, AnExtensionHeaderRunningPastThePayloadIsRejected) {
  Bytes packet = with_extensions(syn_ack_packet(), {options_header(60)});
  packet[41] = 6;  // claims 56 bytes: past the TCP header, inside the capture
  EXPECT_FALSE(parse6(packet, LinkType::RawIp));  // TCP is then read from the wrong place or not at all
  packet[41] = 200;  // claims 1608 bytes
  EXPECT_FALSE(parse6(packet, LinkType::RawIp));
  // Every truncation of a packet with extension headers is refused too.
  const Bytes full = ethernet(with_extensions(syn_ack_packet(), {options_header(0), fragment_header(0, true)}));
  for (std::size_t size = 0; size < full.size(); ++size) EXPECT_FALSE(parse6(full, LinkType::Ethernet, size)) << size;
}

// ---- ICMPv6 errors quoting our probes ------------------------------------

Ipv6TemplateOptions probe_options() {
  Ipv6TemplateOptions options;
  options.ethernet = false;
  options.src_ip = kUs;
  return options;
}

constexpr SipKey kKey{1, 2};

// Our probe as the template stamps it, with the cookie's fields.
Bytes our_probe(ProbeKind kind, std::uint16_t port) {
  const Ipv6Cookie cookie(kKey, kUs, SourcePortRange{}, 2);
  const Ipv6ProbeTemplate probe_template(kind, probe_options());
  Bytes probe(probe_template.size());
  probe_template.stamp(probe.data(), kTarget, port, cookie.probe_fields(kTarget, port, kind, 1));
  return probe;
}

struct UnreachableCase {
  std::uint8_t type;
  std::uint8_t code;
  ProbeKind kind;
  std::size_t quoted_bytes;  // of the probe: whole, or header + 8 TCP bytes
};

class Icmpv6Errors : public ::testing::TestWithParam<UnreachableCase> {};

TEST_P(Icmpv6Errors, QuoteVerifiesBackToTheProbe) {
  const UnreachableCase c = GetParam();
  Bytes quote = our_probe(c.kind, 8080);
  quote.resize(std::min(quote.size(), c.quoted_bytes));
  const auto reply = parse6(ethernet(icmpv6_error(c.type, c.code, quote)));
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->family, IpFamily::V6);
  EXPECT_EQ(reply->kind, ReplyKind::IcmpError);
  EXPECT_EQ(reply->icmp.type, c.type);
  EXPECT_EQ(reply->icmp.code, c.code);
  EXPECT_EQ(reply->ip6.src, kRouter);
  EXPECT_EQ(reply->ip.ttl, 62);
  EXPECT_EQ(reply->quoted_ip6.src, kUs);
  EXPECT_EQ(reply->quoted_ip6.dst, kTarget);
  EXPECT_EQ(reply->quoted_ip6.hop_limit, 64);
  EXPECT_EQ(reply->icmp.quoted.protocol, 6);
  EXPECT_EQ(reply->icmp.quoted.dst_port, 8080);

  const Ipv6Cookie cookie(kKey, kUs, SourcePortRange{}, 2);
  const auto match = cookie.verify(*reply);
  ASSERT_TRUE(match);
  EXPECT_EQ(match->target, kTarget);
  EXPECT_EQ(match->port, 8080);
  EXPECT_EQ(match->kind, c.kind);
  EXPECT_EQ(match->attempt, 1);
  EXPECT_EQ(reply->quoted_ip6.flow_label,
            cookie.probe_fields(kTarget, 8080, c.kind, 1).flow_label);
}

INSTANTIATE_TEST_SUITE_P(
    Rfc4443, Icmpv6Errors,
    ::testing::Values(UnreachableCase{1, 1, ProbeKind::Syn, 1000},  // admin prohibited, whole probe
                      UnreachableCase{1, 4, ProbeKind::Ack, 1000},  // port unreachable
                      UnreachableCase{1, 6, ProbeKind::Syn, 48},    // reject route, 8 TCP bytes
                      UnreachableCase{1, 0, ProbeKind::Syn, 48},    // no route
                      UnreachableCase{1, 3, ProbeKind::Ack, 48},    // address unreachable
                      UnreachableCase{2, 0, ProbeKind::Syn, 1000},  // packet too big
                      UnreachableCase{3, 0, ProbeKind::Syn, 1000},  // hop limit exceeded
                      UnreachableCase{4, 0, ProbeKind::Ack, 1000}));  // parameter problem

TEST(Ipv6Reply, AQuoteNeedsEightTcpBytesOfATcpProbe) {
  Bytes quote = our_probe(ProbeKind::Syn, 80);
  quote.resize(47);
  EXPECT_FALSE(parse6(icmpv6_error(1, 4, quote), LinkType::RawIp));
  quote = our_probe(ProbeKind::Syn, 80);
  quote[6] = 17;  // quoting UDP
  EXPECT_FALSE(parse6(icmpv6_error(1, 4, quote), LinkType::RawIp));
  quote = our_probe(ProbeKind::Syn, 80);
  quote[0] = 0x45;  // quoting IPv4
  EXPECT_FALSE(parse6(icmpv6_error(1, 4, quote), LinkType::RawIp));
}

TEST(Ipv6Reply, QuotedExtensionHeadersAreWalkedToo) {
  const Bytes probe = our_probe(ProbeKind::Syn, 80);
  const auto first = parse6(icmpv6_error(1, 1, with_extensions(probe, {fragment_header(0, true)})),
                            LinkType::RawIp);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->icmp.quoted.dst_port, 80);
  EXPECT_EQ(first->quoted_ip6.extension_headers, 1);
  EXPECT_FALSE(parse6(icmpv6_error(1, 1, with_extensions(probe, {fragment_header(3, false)})),
                      LinkType::RawIp));
}

// Echo request/reply (128, 129) are -sn's (ipv6_echo_test.cpp); the other
// informational messages (NDP's 135/136 among them) answer no probe.
TEST(Ipv6Reply, InformationalMessagesAreNotReplies) {
  for (std::uint8_t type : {0, 5, 127, 130, 135, 136}) {
    EXPECT_FALSE(parse6(icmpv6_error(type, 0, our_probe(ProbeKind::Syn, 80)), LinkType::RawIp)) << int(type);
  }
}

}  // namespace
}  // namespace zeroscan
