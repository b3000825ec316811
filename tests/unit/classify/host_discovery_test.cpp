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

}  // namespace
}  // namespace zeroscan
