// classify_host_reply: which verified replies prove a host up (-sn).
#include "zeroscan/classify/host_discovery.h"

#include <gtest/gtest.h>

namespace zeroscan {
namespace {

const Ipv4 kTarget = Ipv4::from_octets(198, 18, 0, 5);
const Ipv4 kRouter = Ipv4::from_octets(198, 19, 0, 2);

Reply tcp(std::uint8_t flags) {
  Reply r;
  r.kind = ReplyKind::Tcp;
  r.ip.src = kTarget;
  r.tcp.flags = flags;
  return r;
}

Reply unreachable(Ipv4 from, std::uint8_t code) {
  Reply r;
  r.kind = ReplyKind::IcmpError;
  r.ip.src = from;
  r.icmp.type = 3;
  r.icmp.code = code;
  return r;
}

StateReason reason_of(const Reply& r) {
  const auto c = classify_host_reply(r, kTarget);
  EXPECT_TRUE(c);
  if (!c) return StateReason::None;
  EXPECT_EQ(c->state, PortState::Open);
  return c->reason;
}

TEST(HostDiscoveryClassifyTest, AnswersFromTheHostProveItUp) {
  Reply echo;
  echo.kind = ReplyKind::IcmpEcho;
  echo.ip.src = kTarget;
  EXPECT_EQ(reason_of(echo), StateReason::EchoReply);
  EXPECT_EQ(reason_of(tcp(tcp_flag::Syn | tcp_flag::Ack)), StateReason::SynAck);
  EXPECT_EQ(reason_of(tcp(tcp_flag::Rst)), StateReason::Rst);
  EXPECT_EQ(reason_of(tcp(tcp_flag::Rst | tcp_flag::Ack)), StateReason::Rst);
  for (std::uint8_t code : {2, 3, 9, 10, 13})
    EXPECT_EQ(reason_of(unreachable(kTarget, code)), StateReason::IcmpUnreachable) << int(code);
}

TEST(HostDiscoveryClassifyTest, RoutersAndUnreachableClaimsProveNothing) {
  for (std::uint8_t code : {0, 1, 3, 13}) EXPECT_FALSE(classify_host_reply(unreachable(kRouter, code), kTarget));
  EXPECT_FALSE(classify_host_reply(unreachable(kTarget, 0), kTarget));
  EXPECT_FALSE(classify_host_reply(unreachable(kTarget, 1), kTarget));
  Reply exceeded = unreachable(kTarget, 0);
  exceeded.icmp.type = 11;
  EXPECT_FALSE(classify_host_reply(exceeded, kTarget));
}

// ---- IPv6: the same rules in ICMPv6's numbering -------------------------

const Ipv6 kTarget6 = *Ipv6::parse("2001:2:0:1800::5");
const Ipv6 kRouter6 = *Ipv6::parse("2001:2:0:1800::fffe");

Reply v6(Reply r, Ipv6 from) {
  r.family = IpFamily::V6;
  r.ip.src = Ipv4();
  r.ip6.src = from;
  return r;
}

Reply unreachable6(Ipv6 from, std::uint8_t code) {
  Reply r = v6(unreachable(kTarget, code), from);
  r.icmp.type = 1;
  return r;
}

TEST(HostDiscoveryClassifyTest, Ipv6AnswersFromTheHostProveItUp) {
  Reply echo;
  echo.kind = ReplyKind::IcmpEcho;
  echo.icmp.type = 129;
  for (const auto& [reply, reason] : {std::pair{v6(echo, kTarget6), StateReason::EchoReply},
                                      std::pair{v6(tcp(tcp_flag::Syn | tcp_flag::Ack), kTarget6), StateReason::SynAck},
                                      std::pair{v6(tcp(tcp_flag::Rst), kTarget6), StateReason::Rst}}) {
    const auto c = classify_host_reply(reply, kTarget6);
    ASSERT_TRUE(c);
    EXPECT_EQ(c->state, PortState::Open);
    EXPECT_EQ(c->reason, reason);
  }
  // Admin prohibited, port unreachable, source policy, reject route.
  for (std::uint8_t code : {1, 4, 5, 6}) {
    const auto c = classify_host_reply(unreachable6(kTarget6, code), kTarget6);
    ASSERT_TRUE(c) << int(code);
    EXPECT_EQ(c->reason, StateReason::IcmpUnreachable);
  }
}

TEST(HostDiscoveryClassifyTest, Ipv6RoutersAndUnreachableClaimsProveNothing) {
  for (std::uint8_t code : {0, 1, 3, 4}) EXPECT_FALSE(classify_host_reply(unreachable6(kRouter6, code), kTarget6));
  // No route, beyond scope, address unreachable: nobody there.
  for (std::uint8_t code : {0, 2, 3}) EXPECT_FALSE(classify_host_reply(unreachable6(kTarget6, code), kTarget6));
  Reply exceeded = unreachable6(kTarget6, 0);
  exceeded.icmp.type = 3;  // time exceeded
  EXPECT_FALSE(classify_host_reply(exceeded, kTarget6));
  // The IPv4 type 3 is ICMPv6's time exceeded, never an unreachable.
  Reply ipv4_numbering = unreachable6(kTarget6, 4);
  ipv4_numbering.icmp.type = 3;
  EXPECT_FALSE(classify_host_reply(ipv4_numbering, kTarget6));
}

TEST(HostDiscoveryClassifyTest, TheFamiliesStayApart) {
  EXPECT_FALSE(classify_host_reply(v6(tcp(tcp_flag::Rst), kTarget6), kTarget));
  EXPECT_FALSE(classify_host_reply(tcp(tcp_flag::Rst), kTarget6));
}

}  // namespace
}  // namespace zeroscan
