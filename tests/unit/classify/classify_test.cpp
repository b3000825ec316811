// Table tests of the SYN and ACK state tables over every reply shape.
#include "zeroscan/classify/classify.h"

#include <gtest/gtest.h>

#include <cctype>
#include <string>

namespace zeroscan {
namespace {

Reply tcp_reply(std::uint8_t flags) {
  Reply r;
  r.kind = ReplyKind::Tcp;
  r.tcp.flags = flags;
  return r;
}

Reply icmp_reply(std::uint8_t type, std::uint8_t code) {
  Reply r;
  r.kind = ReplyKind::IcmpError;
  r.icmp.type = type;
  r.icmp.code = code;
  return r;
}

struct Case {
  const char* name;
  Reply reply;
  ProbeKind kind;
  bool conclusive;
  PortState state;
  StateReason reason;
};

class ClassifyTable : public ::testing::TestWithParam<Case> {};

TEST_P(ClassifyTable, GivesStateAndReason) {
  const Case& c = GetParam();
  const auto got = classify_reply(c.reply, c.kind);
  ASSERT_EQ(got.has_value(), c.conclusive) << c.name;
  if (!got) return;
  EXPECT_EQ(got->state, c.state) << c.name;
  EXPECT_EQ(got->reason, c.reason) << c.name;
}

using namespace tcp_flag;
INSTANTIATE_TEST_SUITE_P(
    AllShapes, ClassifyTable,
    ::testing::Values(
        Case{"syn-synack", tcp_reply(Syn | Ack), ProbeKind::Syn, true, PortState::Open, StateReason::SynAck},
        Case{"syn-synack-ece", tcp_reply(Syn | Ack | Ece), ProbeKind::Syn, true, PortState::Open, StateReason::SynAck},
        Case{"syn-rstack", tcp_reply(Rst | Ack), ProbeKind::Syn, true, PortState::Closed, StateReason::Rst},
        Case{"syn-rst", tcp_reply(Rst), ProbeKind::Syn, true, PortState::Closed, StateReason::Rst},
        Case{"syn-bare-ack", tcp_reply(Ack), ProbeKind::Syn, false, PortState::Unknown, StateReason::None},
        Case{"syn-bare-syn", tcp_reply(Syn), ProbeKind::Syn, false, PortState::Unknown, StateReason::None},
        Case{"syn-fin", tcp_reply(Fin | Ack), ProbeKind::Syn, false, PortState::Unknown, StateReason::None},
        Case{"ack-rst", tcp_reply(Rst), ProbeKind::Ack, true, PortState::Unfiltered, StateReason::Rst},
        Case{"ack-rstack", tcp_reply(Rst | Ack), ProbeKind::Ack, true, PortState::Unfiltered, StateReason::Rst},
        Case{"ack-synack", tcp_reply(Syn | Ack), ProbeKind::Ack, true, PortState::Unfiltered, StateReason::SynAckToAck},
        Case{"ack-bare-ack", tcp_reply(Ack), ProbeKind::Ack, false, PortState::Unknown, StateReason::None},
        Case{"syn-port-unreach", icmp_reply(3, 3), ProbeKind::Syn, true, PortState::Filtered, StateReason::IcmpUnreachable},
        Case{"syn-admin-prohib", icmp_reply(3, 13), ProbeKind::Syn, true, PortState::Filtered, StateReason::IcmpUnreachable},
        Case{"syn-host-unreach", icmp_reply(3, 1), ProbeKind::Syn, true, PortState::Filtered, StateReason::IcmpUnreachable},
        Case{"ack-admin-prohib", icmp_reply(3, 10), ProbeKind::Ack, true, PortState::Filtered, StateReason::IcmpUnreachable},
        Case{"syn-time-exceeded", icmp_reply(11, 0), ProbeKind::Syn, false, PortState::Unknown, StateReason::None},
        Case{"ack-source-quench", icmp_reply(4, 0), ProbeKind::Ack, false, PortState::Unknown, StateReason::None},
        Case{"syn-param-problem", icmp_reply(12, 0), ProbeKind::Syn, false, PortState::Unknown, StateReason::None}),
    [](const ::testing::TestParamInfo<Case>& info) {
      // "syn-rst" -> "SynRst": GoogleTest names stay CamelCase.
      std::string name;
      bool upper = true;
      for (const char* p = info.param.name; *p; ++p) {
        if (*p == '-') {
          upper = true;
          continue;
        }
        name += upper ? char(std::toupper(static_cast<unsigned char>(*p))) : *p;
        upper = false;
      }
      return name;
    });

TEST(ClassifySilence, IsFilteredNoResponse) {
  EXPECT_EQ(classify_silence(ProbeKind::Syn).state, PortState::Filtered);
  EXPECT_EQ(classify_silence(ProbeKind::Ack).reason, StateReason::NoResponse);
}

}  // namespace
}  // namespace zeroscan
