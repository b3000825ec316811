// ICMPv6 echo (-sn -PE over IPv6) through parse_ipv6_reply: an echo reply
// built by libtins (checksum over the pseudo-header) parses to IcmpEcho and
// verifies by the IPv6 cookie; our own request parses but never verifies;
// an ICMPv6 error quoting our echo request verifies to its target; every
// truncation is rejected.
#include <gtest/gtest.h>

#include "ipv6_frames.h"
#include "zeroscan/cookie/ipv6_cookie.h"
#include "zeroscan/probe/ipv6_probe_template.h"

namespace zeroscan {
namespace {

using namespace test6;

constexpr SipKey kKey{3, 4};
constexpr std::uint8_t kAttempts = 2;

Ipv6Cookie cookie() { return Ipv6Cookie(kKey, kUs, SourcePortRange{}, kAttempts); }

// The target's echo reply to our request of `attempt`, with a payload a
// stack might echo back (ours has none).
Bytes echo_reply(std::uint8_t attempt, std::uint8_t type = Tins::ICMPv6::ECHO_REPLY) {
  const std::uint32_t echoed = cookie().probe_fields(kTarget, 0, ProbeKind::Echo, attempt).seq;
  Tins::ICMPv6 icmp{Tins::ICMPv6::Types(type)};
  icmp.identifier(std::uint16_t(echoed >> 16));
  icmp.sequence(std::uint16_t(echoed));
  return serialize(ipv6_header(kTarget, kUs, 61) / icmp / Tins::RawPDU(Bytes{1, 2, 3, 4}));
}

// Our echo request to the target, stamped by the template.
Bytes our_echo_request() {
  Ipv6TemplateOptions options;
  options.ethernet = false;
  options.src_ip = kUs;
  const Ipv6ProbeTemplate echo(ProbeKind::Echo, options);
  Bytes probe(echo.size());
  echo.stamp(probe.data(), kTarget, 0, cookie().probe_fields(kTarget, 0, ProbeKind::Echo, 1));
  return probe;
}

TEST(Ipv6EchoReply, ParsesAndVerifiesToTheTargetsEchoProbe) {
  for (std::uint8_t attempt = 0; attempt < kAttempts; ++attempt) {
    const auto reply = parse6(ethernet(echo_reply(attempt)));
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->family, IpFamily::V6);
    EXPECT_EQ(reply->kind, ReplyKind::IcmpEcho);
    EXPECT_EQ(reply->icmp.type, 129);
    EXPECT_EQ(reply->ip6.src, kTarget);
    EXPECT_EQ(reply->ip.ttl, 61);
    const auto match = cookie().verify(*reply);
    ASSERT_TRUE(match);
    EXPECT_EQ(match->target, kTarget);
    EXPECT_EQ(match->kind, ProbeKind::Echo);
    EXPECT_EQ(match->port, 0);
    EXPECT_EQ(match->attempt, attempt);
  }
}

TEST(Ipv6EchoReply, OurOwnRequestParsesButAnswersNothing) {
  const auto request = parse6(our_echo_request(), LinkType::RawIp);
  ASSERT_TRUE(request);
  EXPECT_EQ(request->kind, ReplyKind::IcmpEcho);
  EXPECT_EQ(request->icmp.type, 128);
  EXPECT_FALSE(cookie().verify(*request));
}

TEST(Ipv6EchoReply, ANonZeroCodeIsNoEcho) {
  Bytes frame = echo_reply(0);
  frame[40 + 1] = 1;
  EXPECT_FALSE(parse6(frame, LinkType::RawIp));
}

TEST(Ipv6EchoReply, EveryTruncationIsRejected) {
  const Bytes full = ethernet(echo_reply(0));
  ASSERT_TRUE(parse6(full));
  // Up to the end of the 8-byte echo header; the 4 payload bytes are
  // inside the payload length, so cutting them is a truncated packet too.
  for (std::size_t size = 0; size < full.size(); ++size) EXPECT_FALSE(parse6(full, LinkType::Ethernet, size)) << size;
}

TEST(Ipv6EchoReply, AnErrorQuotingOurEchoRequestVerifiesToItsTarget) {
  const Bytes quote = our_echo_request();
  const auto reply = parse6(ethernet(icmpv6_error(1, 3, quote)));
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->kind, ReplyKind::IcmpError);
  EXPECT_EQ(reply->icmp.quoted.protocol, 58);
  EXPECT_EQ(reply->icmp.quoted.src_port >> 8, 128);
  EXPECT_EQ(reply->quoted_ip6.dst, kTarget);
  const auto match = cookie().verify(*reply);
  ASSERT_TRUE(match);
  EXPECT_EQ(match->target, kTarget);
  EXPECT_EQ(match->kind, ProbeKind::Echo);
  EXPECT_EQ(match->attempt, 1);

  // Quoting fewer than 8 ICMPv6 bytes, or an echo reply, is no quote of ours.
  Bytes short_quote = quote;
  short_quote.resize(47);
  EXPECT_FALSE(parse6(icmpv6_error(1, 3, short_quote), LinkType::RawIp));
  Bytes reply_quote = quote;
  reply_quote[40] = 129;
  EXPECT_FALSE(parse6(icmpv6_error(1, 3, reply_quote), LinkType::RawIp));
}

}  // namespace
}  // namespace zeroscan
