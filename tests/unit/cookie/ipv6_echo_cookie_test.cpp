// The ICMPv6 echo cookie (-sn -PE over IPv6): an echo reply (129) or an
// ICMPv6 error quoting our echo request verifies back to (target, attempt);
// near misses, echo requests (ours, seen on lo), other sources and the
// IPv4 echo cookie's replies do not.
#include "zeroscan/cookie/ipv6_cookie.h"

#include <gtest/gtest.h>

namespace zeroscan {
namespace {

constexpr SipKey kKey{0x0123456789abcdefull, 0xfedcba9876543210ull};
const Ipv6 kSource = *Ipv6::parse("2001:2:0:1901::1");
const Ipv6 kTarget = *Ipv6::parse("2001:2:0:1800::42");
const Ipv6 kRouter = *Ipv6::parse("2001:2:0:f000::1");
constexpr std::uint8_t kAttempts = 3;

Ipv6Cookie cookie() { return Ipv6Cookie(kKey, kSource, SourcePortRange{}, kAttempts); }

Reply echo_reply(Ipv6 from, std::uint32_t echoed, std::uint8_t type = 129) {
  Reply r;
  r.family = IpFamily::V6;
  r.kind = ReplyKind::IcmpEcho;
  r.ip6.src = from;
  r.ip6.dst = kSource;
  r.icmp.type = type;
  r.icmp.echo = echoed;
  return r;
}

// An ICMPv6 destination unreachable quoting our echo request: type 128
// code 0 in the quote's first word.
Reply quoting_echo(Ipv6 responder, Ipv6 target, std::uint32_t echoed) {
  Reply r;
  r.family = IpFamily::V6;
  r.kind = ReplyKind::IcmpError;
  r.ip6.src = responder;
  r.ip6.dst = kSource;
  r.icmp.type = 1;
  r.icmp.code = 3;
  r.quoted_ip6.src = kSource;
  r.quoted_ip6.dst = target;
  r.icmp.quoted.protocol = 58;
  r.icmp.quoted.src_port = 128 << 8;
  r.icmp.quoted.seq = echoed;
  return r;
}

TEST(Ipv6EchoCookieTest, EveryAttemptsReplyVerifiesToThatAttempt) {
  const Ipv6Cookie c = cookie();
  for (std::uint8_t attempt = 0; attempt < kAttempts; ++attempt) {
    const Ipv6ProbeFields f = c.probe_fields(kTarget, 0, ProbeKind::Echo, attempt);
    EXPECT_EQ(f.src_port, 0);
    EXPECT_EQ(f.ack, 0u);
    EXPECT_EQ(f.flow_label & ~kFlowLabelMask, 0u);
    const auto match = c.verify(echo_reply(kTarget, f.seq));
    ASSERT_TRUE(match) << int(attempt);
    EXPECT_EQ(match->target, kTarget);
    EXPECT_EQ(match->kind, ProbeKind::Echo);
    EXPECT_EQ(match->port, 0);
    EXPECT_EQ(match->attempt, attempt);
  }
}

TEST(Ipv6EchoCookieTest, TargetsGetDifferentIdentifiersAndTheEchoIsNotATcpProbe) {
  const Ipv6Cookie c = cookie();
  const std::uint32_t a = c.probe_fields(kTarget, 0, ProbeKind::Echo, 0).seq;
  EXPECT_NE(a, c.probe_fields(Ipv6(kTarget.hi, kTarget.lo + 1), 0, ProbeKind::Echo, 0).seq);
  EXPECT_NE(a, c.probe_fields(Ipv6(kTarget.hi ^ 1, kTarget.lo), 0, ProbeKind::Echo, 0).seq);
  EXPECT_NE(a, c.probe_fields(kTarget, 0, ProbeKind::Syn, 0).seq);
}

TEST(Ipv6EchoCookieTest, RejectsNearMissesRequestsAndOtherFamilies) {
  const Ipv6Cookie c = cookie();
  const std::uint32_t echoed = c.probe_fields(kTarget, 0, ProbeKind::Echo, 0).seq;
  EXPECT_FALSE(c.verify(echo_reply(kTarget, echoed + kAttempts))) << "beyond the attempt window";
  EXPECT_FALSE(c.verify(echo_reply(kTarget, echoed - 1)));
  EXPECT_FALSE(c.verify(echo_reply(Ipv6(kTarget.hi, kTarget.lo + 1), echoed))) << "from another host";
  EXPECT_FALSE(c.verify(echo_reply(kTarget, echoed, 128))) << "our own request, seen on lo";
  Reply to_someone_else = echo_reply(kTarget, echoed);
  to_someone_else.ip6.dst = kRouter;
  EXPECT_FALSE(c.verify(to_someone_else));
  Reply v4 = echo_reply(kTarget, echoed);
  v4.family = IpFamily::V4;
  EXPECT_FALSE(c.verify(v4));
  // The IPv4 cookie under the same key knows nothing of this reply either.
  const Cookie c4(kKey, Ipv4(), SourcePortRange{}, kAttempts);
  EXPECT_FALSE(c4.verify(echo_reply(kTarget, echoed)));
}

TEST(Ipv6EchoCookieTest, AnErrorQuotingOurEchoRequestVerifiesToItsTarget) {
  const Ipv6Cookie c = cookie();
  const std::uint32_t echoed = c.probe_fields(kTarget, 0, ProbeKind::Echo, 1).seq;
  const auto match = c.verify(quoting_echo(kRouter, kTarget, echoed));
  ASSERT_TRUE(match);
  EXPECT_EQ(match->target, kTarget);
  EXPECT_EQ(match->kind, ProbeKind::Echo);
  EXPECT_EQ(match->attempt, 1);

  Reply reply_quoted = quoting_echo(kRouter, kTarget, echoed);
  reply_quoted.icmp.quoted.src_port = 129 << 8;
  EXPECT_FALSE(c.verify(reply_quoted)) << "a quoted echo reply is no probe of ours";
  Reply from_elsewhere = quoting_echo(kRouter, kTarget, echoed);
  from_elsewhere.quoted_ip6.src = kRouter;
  EXPECT_FALSE(c.verify(from_elsewhere)) << "the quote must be from us";
  EXPECT_FALSE(c.verify(quoting_echo(kRouter, kTarget, echoed + 7)));
  EXPECT_FALSE(c.verify(quoting_echo(kRouter, Ipv6(kTarget.hi, kTarget.lo + 1), echoed)));
}

}  // namespace
}  // namespace zeroscan
