// The ICMP echo cookie (-sn -PE): an echo reply or an ICMP error quoting
// our echo request verifies back to (target, attempt); near misses, echo
// requests and replies from elsewhere do not.
#include "zeroscan/cookie/cookie.h"

#include <gtest/gtest.h>

namespace zeroscan {
namespace {

constexpr SipKey kKey{0x0123456789abcdefull, 0xfedcba9876543210ull};
const Ipv4 kSource = Ipv4::from_octets(198, 19, 1, 1);
const Ipv4 kTarget = Ipv4::from_octets(198, 18, 4, 2);
constexpr std::uint8_t kAttempts = 3;

Cookie cookie() { return Cookie(kKey, kSource, SourcePortRange{}, kAttempts); }

Reply echo_reply(Ipv4 from, std::uint32_t echoed, std::uint8_t type = 0) {
  Reply r;
  r.kind = ReplyKind::IcmpEcho;
  r.ip.src = from;
  r.ip.dst = kSource;
  r.icmp.type = type;
  r.icmp.echo = echoed;
  return r;
}

// An ICMP error quoting our echo request: type 8 code 0 in the first word.
Reply quoting_echo(Ipv4 responder, Ipv4 target, std::uint32_t echoed) {
  Reply r;
  r.kind = ReplyKind::IcmpError;
  r.ip.src = responder;
  r.ip.dst = kSource;
  r.icmp.type = 3;
  r.icmp.code = 1;
  r.icmp.quoted.src = kSource;
  r.icmp.quoted.dst = target;
  r.icmp.quoted.protocol = 1;
  r.icmp.quoted.src_port = 8 << 8;
  r.icmp.quoted.seq = echoed;
  return r;
}

TEST(EchoCookieTest, EveryAttemptsReplyVerifiesToThatAttempt) {
  const Cookie c = cookie();
  for (std::uint8_t attempt = 0; attempt < kAttempts; ++attempt) {
    const ProbeFields f = c.probe_fields(kTarget, 0, ProbeKind::Echo, attempt);
    EXPECT_EQ(f.src_port, 0);
    EXPECT_EQ(f.ack, 0u);
    const auto match = c.verify(echo_reply(kTarget, f.seq));
    ASSERT_TRUE(match) << int(attempt);
    EXPECT_EQ(match->target, kTarget);
    EXPECT_EQ(match->kind, ProbeKind::Echo);
    EXPECT_EQ(match->port, 0);
    EXPECT_EQ(match->attempt, attempt);
  }
}

TEST(EchoCookieTest, TargetsGetDifferentIdentifiers) {
  const Cookie c = cookie();
  const auto a = c.probe_fields(kTarget, 0, ProbeKind::Echo, 0);
  const auto b = c.probe_fields(Ipv4(kTarget.value + 1), 0, ProbeKind::Echo, 0);
  EXPECT_NE(a.seq, b.seq);
  // A reply from another host with this host's identifier is not an answer.
  EXPECT_FALSE(c.verify(echo_reply(Ipv4(kTarget.value + 1), a.seq)));
}

TEST(EchoCookieTest, NearMissesAndOtherKeysAreRejected) {
  const Cookie c = cookie();
  const std::uint32_t good = c.probe_fields(kTarget, 0, ProbeKind::Echo, 0).seq;
  EXPECT_FALSE(c.verify(echo_reply(kTarget, good + kAttempts)));  // beyond the last attempt
  EXPECT_FALSE(c.verify(echo_reply(kTarget, good - 1)));
  EXPECT_FALSE(c.verify(echo_reply(kTarget, good ^ 0x10000)));  // identifier off by one bit
  const Cookie other(SipKey{1, 2}, kSource, SourcePortRange{}, kAttempts);
  EXPECT_FALSE(other.verify(echo_reply(kTarget, good)));
}

TEST(EchoCookieTest, OurOwnEchoRequestIsNoReply) {
  // On lo the capture sees the request itself: same identifier, type 8.
  const Cookie c = cookie();
  const std::uint32_t good = c.probe_fields(kTarget, 0, ProbeKind::Echo, 0).seq;
  EXPECT_FALSE(c.verify(echo_reply(kTarget, good, 8)));
}

TEST(EchoCookieTest, IcmpErrorQuotingOurEchoRequestVerifies) {
  const Cookie c = cookie();
  const Ipv4 router = Ipv4::from_octets(198, 19, 0, 2);
  const std::uint32_t second = c.probe_fields(kTarget, 0, ProbeKind::Echo, 1).seq;
  const auto match = c.verify(quoting_echo(router, kTarget, second));
  ASSERT_TRUE(match);
  EXPECT_EQ(match->target, kTarget);
  EXPECT_EQ(match->kind, ProbeKind::Echo);
  EXPECT_EQ(match->attempt, 1);

  Reply not_a_request = quoting_echo(router, kTarget, second);
  not_a_request.icmp.quoted.src_port = 0;  // quotes an echo *reply*: not ours
  EXPECT_FALSE(c.verify(not_a_request));
  Reply not_from_us = quoting_echo(router, kTarget, second);
  not_from_us.icmp.quoted.src = router;
  EXPECT_FALSE(c.verify(not_from_us));
  EXPECT_FALSE(c.verify(quoting_echo(router, Ipv4(kTarget.value + 1), second)));
}

TEST(EchoCookieTest, TcpProbeCookiesAreUnchanged) {
  // Adding the echo kind must not move the TCP layout: a SYN-ACK to a SYN
  // still verifies as the SYN it answers.
  const Cookie c = cookie();
  const ProbeFields f = c.probe_fields(kTarget, 443, ProbeKind::Syn, 0);
  Reply r;
  r.kind = ReplyKind::Tcp;
  r.ip.src = kTarget;
  r.ip.dst = kSource;
  r.tcp.src_port = 443;
  r.tcp.dst_port = f.src_port;
  r.tcp.ack = f.seq + 1;
  r.tcp.flags = tcp_flag::Syn | tcp_flag::Ack;
  const auto match = c.verify(r);
  ASSERT_TRUE(match);
  EXPECT_EQ(match->kind, ProbeKind::Syn);
}

}  // namespace
}  // namespace zeroscan
