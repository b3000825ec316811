// The SYN x ACK verdict table over every answer combination, and forged
// reset detection.
#include "zeroscan/classify/firewall_verdict.h"

#include <gtest/gtest.h>

namespace zeroscan {
namespace {

ProbeAnswer silence() { return ProbeAnswer{}; }
ProbeAnswer icmp() {
  ProbeAnswer a;
  a.icmp = true;
  return a;
}
ProbeAnswer syn_ack() {
  ProbeAnswer a;
  a.state = PortState::Open;
  a.ttl = 63;
  a.df = true;
  a.ip_id_zero = true;
  return a;
}
ProbeAnswer reset(PortState state, std::uint8_t ttl = 63) {
  ProbeAnswer a;
  a.state = state;
  a.reset = true;
  a.ttl = ttl;
  a.df = true;
  a.ip_id_zero = true;
  return a;
}

struct Row {
  const char* name;
  ProbeAnswer syn;
  ProbeAnswer ack;
  FirewallVerdict expected;
};

class VerdictTable : public ::testing::TestWithParam<Row> {};

TEST_P(VerdictTable, CombinesSynAndAck) {
  const Row& row = GetParam();
  EXPECT_EQ(combine_verdict(row.syn, row.ack, false), row.expected) << row.name;
}

INSTANTIATE_TEST_SUITE_P(
    AllCombinations, VerdictTable,
    ::testing::Values(
        Row{"OpenAckReset", syn_ack(), reset(PortState::Unfiltered), FirewallVerdict::Open},
        Row{"OpenAckSilent", syn_ack(), silence(), FirewallVerdict::OpenStateful},
        Row{"OpenAckIcmp", syn_ack(), icmp(), FirewallVerdict::OpenStateful},
        Row{"ClosedAckReset", reset(PortState::Closed), reset(PortState::Unfiltered), FirewallVerdict::Closed},
        Row{"ClosedAckSilent", reset(PortState::Closed), silence(), FirewallVerdict::ClosedStateful},
        Row{"ClosedAckIcmp", reset(PortState::Closed), icmp(), FirewallVerdict::ClosedStateful},
        Row{"SilentAckReset", silence(), reset(PortState::Unfiltered), FirewallVerdict::StatelessFilter},
        Row{"SilentAckSilent", silence(), silence(), FirewallVerdict::Drop},
        Row{"SilentAckIcmp", silence(), icmp(), FirewallVerdict::Rejected},
        Row{"IcmpAckReset", icmp(), reset(PortState::Unfiltered), FirewallVerdict::StatelessFilter},
        Row{"IcmpAckSilent", icmp(), silence(), FirewallVerdict::Rejected},
        Row{"IcmpAckIcmp", icmp(), icmp(), FirewallVerdict::Rejected}),
    [](const ::testing::TestParamInfo<Row>& info) { return std::string(info.param.name); });

TEST(FirewallVerdictTest, ForgedResetOnSynIsResetByFilter) {
  EXPECT_EQ(combine_verdict(reset(PortState::Closed), reset(PortState::Unfiltered), true),
            FirewallVerdict::ResetByFilter);
}

TEST(FirewallVerdictTest, DropOnStatefulHostIsStatefulFilter) {
  EXPECT_EQ(refine_for_host(FirewallVerdict::Drop, true), FirewallVerdict::StatefulFilter);
  EXPECT_EQ(refine_for_host(FirewallVerdict::Drop, false), FirewallVerdict::Drop);
  EXPECT_EQ(refine_for_host(FirewallVerdict::Open, true), FirewallVerdict::Open);
}

TEST(FirewallVerdictTest, HostSignatureIsTheCommonestSynAck) {
  ProbeAnswer odd = syn_ack();
  odd.ttl = 200;
  const auto sig = host_signature({syn_ack(), odd, syn_ack()});
  ASSERT_TRUE(sig);
  EXPECT_EQ(sig->ttl, 63);
  EXPECT_FALSE(host_signature({}).has_value());
}

TEST(FirewallVerdictTest, ResetUnlikeTheHostIsForged) {
  const auto host = host_signature({syn_ack()});
  EXPECT_FALSE(reset_looks_forged(reset(PortState::Closed, 63), host));
  EXPECT_TRUE(reset_looks_forged(reset(PortState::Closed, 64), host));  // one hop closer: a middlebox
  ProbeAnswer with_id = reset(PortState::Closed, 63);
  with_id.ip_id_zero = false;
  EXPECT_TRUE(reset_looks_forged(with_id, host));
  ProbeAnswer no_df = reset(PortState::Closed, 63);
  no_df.df = false;
  EXPECT_TRUE(reset_looks_forged(no_df, host));
  // Without a SYN-ACK from the host there is nothing to compare with.
  EXPECT_FALSE(reset_looks_forged(reset(PortState::Closed, 64), std::nullopt));
}

TEST(FirewallVerdictTest, EveryVerdictHasANameAndAnExplanation) {
  for (int v = 0; v <= int(FirewallVerdict::ResetByFilter); ++v) {
    EXPECT_NE(to_string(FirewallVerdict(v)), "unknown");
    EXPECT_FALSE(describe(FirewallVerdict(v)).empty());
  }
}

}  // namespace
}  // namespace zeroscan
