// ICMPv6 errors in the state tables: destination unreachable is filtered
// whatever the code; the other errors, and ICMP's numbering, are not mixed up.
#include "zeroscan/classify/icmpv6_error.h"

#include <gtest/gtest.h>

namespace zeroscan {
namespace {

Reply icmpv6_reply(std::uint8_t type, std::uint8_t code) {
  Reply r;
  r.family = IpFamily::V6;
  r.kind = ReplyKind::IcmpError;
  r.icmp.type = type;
  r.icmp.code = code;
  return r;
}

TEST(Icmpv6Classify, DestinationUnreachableIsFilteredForEveryCodeAndKind) {
  for (int code = 0; code < 256; ++code) {
    for (ProbeKind kind : {ProbeKind::Syn, ProbeKind::Ack}) {
      const auto got = classify_reply(icmpv6_reply(1, std::uint8_t(code)), kind);
      ASSERT_TRUE(got) << code;
      EXPECT_EQ(got->state, PortState::Filtered);
      EXPECT_EQ(got->reason, StateReason::IcmpUnreachable);
    }
  }
}

TEST(Icmpv6Classify, TooBigTimeExceededAndParameterProblemProveNothing) {
  for (std::uint8_t type : {2, 3, 4}) EXPECT_FALSE(classify_reply(icmpv6_reply(type, 0), ProbeKind::Syn));
}

TEST(Icmpv6Classify, NumbersAreReadInTheirOwnFamily) {
  // ICMPv6 type 3 is time exceeded, not ICMP's destination unreachable...
  EXPECT_FALSE(classify_reply(icmpv6_reply(3, 1), ProbeKind::Syn));
  // ...and ICMPv6 type 1 is destination unreachable, which ICMP's type 1 is not.
  Reply v4 = icmpv6_reply(3, 13);
  v4.family = IpFamily::V4;
  EXPECT_TRUE(classify_reply(v4, ProbeKind::Syn));
  v4.icmp.type = 1;
  EXPECT_FALSE(classify_reply(v4, ProbeKind::Syn));
}

TEST(Icmpv6Classify, TcpRepliesUseTheSameTablesInBothFamilies) {
  Reply r;
  r.family = IpFamily::V6;
  r.tcp.flags = tcp_flag::Syn | tcp_flag::Ack;
  EXPECT_EQ(classify_reply(r, ProbeKind::Syn)->state, PortState::Open);
  r.tcp.flags = tcp_flag::Rst;
  EXPECT_EQ(classify_reply(r, ProbeKind::Syn)->state, PortState::Closed);
  EXPECT_EQ(classify_reply(r, ProbeKind::Ack)->state, PortState::Unfiltered);
}

TEST(Icmpv6Classify, UnreachableCodesHaveTheirReasonNames) {
  EXPECT_EQ(icmpv6_unreachable_reason(0), "no-route");
  EXPECT_EQ(icmpv6_unreachable_reason(1), "admin-prohibited");
  EXPECT_EQ(icmpv6_unreachable_reason(3), "addr-unreach");
  EXPECT_EQ(icmpv6_unreachable_reason(4), "port-unreach");
  EXPECT_EQ(icmpv6_unreachable_reason(6), "reject-route");
  EXPECT_EQ(icmpv6_unreachable_reason(9), "icmp-unreach");
  EXPECT_EQ(icmpv6_unreachable_reason(255), "icmp-unreach");
}

}  // namespace
}  // namespace zeroscan
