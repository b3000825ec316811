// ICMP echo messages (-sn): echo replies and requests parse to their
// identifier/sequence word; an ICMP error quoting one of our echo requests
// keeps the request's first 8 bytes; other codes and short messages are
// rejected, and every truncation of a valid frame is too.
#include <gtest/gtest.h>

#include "reply_frames.h"
#include "zeroscan/parse/reply_parser.h"
#include "zeroscan/probe/probe_template.h"

namespace zeroscan {
namespace {

constexpr Ipv4 kScanner = Ipv4::from_octets(127, 0, 0, 1);
constexpr Ipv4 kTarget = Ipv4::from_octets(127, 0, 0, 2);

Tins::IP echo(Tins::ICMP::Flags type, std::uint16_t id, std::uint16_t seq, std::uint8_t code = 0) {
  test::IpSpec spec;
  spec.src = kTarget;
  spec.dst = kScanner;
  Tins::ICMP icmp(type);
  icmp.code(code);
  icmp.id(id);
  icmp.sequence(seq);
  return test::build_ip(spec) / icmp;
}

TEST(IcmpEchoTest, ReplyCarriesIdentifierAndSequence) {
  const test::Bytes frame = test::ethernet_frame(echo(Tins::ICMP::ECHO_REPLY, 0xbeef, 0x1234));
  const auto reply = test::parse_all(frame, LinkType::Ethernet);
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->kind, ReplyKind::IcmpEcho);
  EXPECT_EQ(reply->icmp.type, 0);
  EXPECT_EQ(reply->icmp.echo, 0xbeef1234u);
  EXPECT_EQ(reply->ip.src, kTarget);
}

TEST(IcmpEchoTest, RequestIsParsedAsTypeEight) {
  Tins::IP ip = echo(Tins::ICMP::ECHO_REQUEST, 1, 2);
  const auto reply = test::parse_all(ip.serialize(), LinkType::RawIp);
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->kind, ReplyKind::IcmpEcho);
  EXPECT_EQ(reply->icmp.type, 8);
  EXPECT_EQ(reply->icmp.echo, 0x00010002u);
}

TEST(IcmpEchoTest, NonZeroCodeAndTruncationsAreRejected) {
  Tins::IP odd = echo(Tins::ICMP::ECHO_REPLY, 1, 2, 1);
  EXPECT_FALSE(test::parse_all(odd.serialize(), LinkType::RawIp));
  Tins::IP ip = echo(Tins::ICMP::ECHO_REPLY, 1, 2);
  const test::Bytes frame = ip.serialize();
  for (std::size_t size = 0; size < frame.size(); ++size)
    EXPECT_FALSE(test::parse_exact(frame, size, LinkType::RawIp)) << "size " << size;
}

TEST(IcmpEchoTest, ErrorQuotingOurEchoRequestKeepsItsFirstEightBytes) {
  TemplateOptions options;
  options.ethernet = false;
  options.src_ip = kScanner;
  const ProbeTemplate probe(ProbeKind::Echo, options);
  test::Bytes request(probe.size());
  ProbeFields fields;
  fields.seq = 0xa5a55a5a;
  probe.stamp(request.data(), kTarget, 0, fields);

  Tins::IP error = test::build_icmp_error(Tins::ICMP::DEST_UNREACHABLE, 1, request);
  const auto reply = test::parse_all(error.serialize(), LinkType::RawIp);
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->kind, ReplyKind::IcmpError);
  EXPECT_EQ(reply->icmp.code, 1);
  EXPECT_EQ(reply->icmp.quoted.protocol, 1);
  EXPECT_EQ(reply->icmp.quoted.src, kScanner);
  EXPECT_EQ(reply->icmp.quoted.dst, kTarget);
  EXPECT_EQ(reply->icmp.quoted.src_port, 8 << 8) << "type 8, code 0";
  EXPECT_EQ(reply->icmp.quoted.seq, 0xa5a55a5au);
}

}  // namespace
}  // namespace zeroscan
