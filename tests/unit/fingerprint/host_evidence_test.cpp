// HostEvidence: Features derived from hand-made replies, one role per reply.
#include <gtest/gtest.h>

#include <optional>
#include <vector>

#include "test_support.h"
#include "zeroscan/fingerprint/host_evidence.h"

namespace zeroscan::fingerprint {
namespace {

using testing::icmp_unreachable;
using testing::linux_syn_ack;
using testing::set_layout;
using testing::tcp_reply;

constexpr std::uint32_t kOurTsVal = 0x01020304;
constexpr std::int64_t kSecond = 1'000'000'000;

TEST(HostEvidenceTest, SynAckFeaturesComeFromTheFirstSynAck) {
  HostEvidence evidence(kOurTsVal);
  Reply reply = linux_syn_ack(/*ttl=*/50);
  reply.tcp.window = 29200;
  evidence.add(reply, ProbeKind::Syn, 443);
  Reply later = linux_syn_ack(/*ttl=*/60);
  later.tcp.window = 1024;
  evidence.add(later, ProbeKind::Syn, 80);  // another open port: not "the" SYN-ACK

  const Features features = evidence.features();
  ASSERT_TRUE(features.syn_ack);
  const SynAckFeatures& syn_ack = *features.syn_ack;
  EXPECT_EQ(syn_ack.ttl, 50);
  EXPECT_EQ(syn_ack.initial_ttl, 64);
  EXPECT_EQ(hop_distance(features), 15);  // 14 routers: nmap counts the host's link too
  EXPECT_EQ(syn_ack.window, 29200);
  EXPECT_EQ(syn_ack.window_mss_multiple, 20);
  EXPECT_EQ(syn_ack.options, "MSTNW");
  EXPECT_EQ(syn_ack.mss, 1460);
  EXPECT_EQ(syn_ack.wscale, 7);
  EXPECT_TRUE(syn_ack.sack_permitted);
  EXPECT_TRUE(syn_ack.timestamp);
  EXPECT_EQ(syn_ack.df, true);
  EXPECT_EQ(syn_ack.ip_id_zero, true);
  EXPECT_EQ(syn_ack.timestamp_echoes_ours, true);
  EXPECT_FALSE(features.retransmissions) << "not timed without --os-rto";
}

TEST(HostEvidenceTest, OptionlessSynAckHasNoMssOrScale) {
  HostEvidence evidence(kOurTsVal);
  Reply reply = tcp_reply(tcp_flag::Syn | tcp_flag::Ack, 255, 4128);
  reply.ip.id = 4242;
  reply.ip.df = false;
  evidence.add(reply, ProbeKind::Syn, 23);
  const SynAckFeatures syn_ack = *evidence.features().syn_ack;
  EXPECT_EQ(syn_ack.options, "");
  EXPECT_EQ(syn_ack.mss, std::nullopt);
  EXPECT_EQ(syn_ack.window_mss_multiple, std::nullopt);
  EXPECT_EQ(syn_ack.wscale, std::nullopt);
  EXPECT_EQ(syn_ack.timestamp_echoes_ours, std::nullopt);
  EXPECT_EQ(syn_ack.ip_id_zero, false);
  EXPECT_EQ(syn_ack.df, false);
  EXPECT_EQ(syn_ack.initial_ttl, 255);
}

struct EchoCase {
  const char* name;
  std::optional<std::uint32_t> our_ts_val;
  bool reply_has_timestamp;
  std::uint32_t ts_ecr;
  std::optional<bool> expected;
};

class TimestampEchoTest : public ::testing::TestWithParam<EchoCase> {};

TEST_P(TimestampEchoTest, JudgesTheEchoAgainstOurTsVal) {
  const EchoCase& c = GetParam();
  HostEvidence evidence(c.our_ts_val);
  Reply reply = linux_syn_ack();
  reply.tcp.options.has_timestamp = c.reply_has_timestamp;
  reply.tcp.options.ts_ecr = c.ts_ecr;
  evidence.add(reply, ProbeKind::Syn, 22);
  EXPECT_EQ(evidence.features().syn_ack->timestamp_echoes_ours, c.expected) << c.name;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, TimestampEchoTest,
    ::testing::Values(EchoCase{"echoes ours", kOurTsVal, true, kOurTsVal, true},
                      EchoCase{"echoes zero", kOurTsVal, true, 0, false},
                      EchoCase{"echoes something else", kOurTsVal, true, kOurTsVal + 1, false},
                      EchoCase{"we sent no timestamp", std::nullopt, true, kOurTsVal, std::nullopt},
                      EchoCase{"no timestamp option", kOurTsVal, false, kOurTsVal, std::nullopt}),
    [](const auto& info) {
      std::string name = info.param.name;
      for (char& c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      }
      return name;
    });

TEST(HostEvidenceTest, TimesRetransmissionsFromTheFirstSynAck) {
  HostEvidence evidence(kOurTsVal, RetransmitTiming::On);
  const std::int64_t start = 1'700'000'000 * kSecond;
  evidence.add(linux_syn_ack(64, start), ProbeKind::Syn, 443);
  evidence.add(linux_syn_ack(64, start + 3 * kSecond), ProbeKind::Syn, 443);
  Reply other_port = linux_syn_ack(64, start + 4 * kSecond);
  evidence.add(other_port, ProbeKind::Syn, 80);  // another port's copy: not ours
  Reply new_connection = linux_syn_ack(64, start + 5 * kSecond);
  new_connection.tcp.seq = 5555;  // a fresh SYN-ACK, not a retransmission
  evidence.add(new_connection, ProbeKind::Syn, 443);
  evidence.add_synack_retransmit(start + 9 * kSecond + kSecond / 2);

  const Features features = evidence.features();
  ASSERT_TRUE(features.retransmissions);
  EXPECT_EQ(features.retransmissions->arrivals_s, (std::vector<double>{3.0, 9.5}));
  EXPECT_EQ(features.retransmissions->give_up, GiveUp::None);
}

TEST(HostEvidenceTest, RetransmissionBeforeAnySynAckIsIgnored) {
  HostEvidence evidence(kOurTsVal, RetransmitTiming::On);
  evidence.add_synack_retransmit(5 * kSecond);
  evidence.add(linux_syn_ack(64, 10 * kSecond), ProbeKind::Syn, 443);
  EXPECT_TRUE(evidence.features().retransmissions->arrivals_s.empty());
}

TEST(HostEvidenceTest, RstFromTheSynAckPortIsTheGiveUpRst) {
  HostEvidence evidence(kOurTsVal, RetransmitTiming::On);
  evidence.add(linux_syn_ack(64, 0), ProbeKind::Syn, 443);
  Reply give_up = tcp_reply(tcp_flag::Rst | tcp_flag::Ack, 64, 0);
  give_up.tcp.seq = 1001;  // the SYN-ACK's seq + 1
  evidence.add(give_up, ProbeKind::Syn, 443);

  const Features features = evidence.features();
  EXPECT_FALSE(features.syn_rst) << "a give-up RST is not a closed port's answer";
  ASSERT_TRUE(features.retransmissions);
  EXPECT_EQ(features.retransmissions->give_up, GiveUp::RstAck);
  EXPECT_EQ(features.retransmissions->give_up_window, 0);
  EXPECT_EQ(features.retransmissions->give_up_seq_advanced, true);
}

TEST(HostEvidenceTest, ClosedPortRstAndAckProbeRstAreKeptApart) {
  HostEvidence evidence(kOurTsVal);
  Reply closed = tcp_reply(tcp_flag::Rst | tcp_flag::Ack, 120, 0);
  closed.tcp.ack = 12345;
  evidence.add(closed, ProbeKind::Syn, 81);
  Reply to_ack = tcp_reply(tcp_flag::Rst, 58, 0);
  to_ack.ip.df = false;
  to_ack.ip.id = 99;
  evidence.add(to_ack, ProbeKind::Ack, 80);
  Reply second_closed = tcp_reply(tcp_flag::Rst, 120, 512);
  evidence.add(second_closed, ProbeKind::Syn, 82);  // first one wins

  const Features features = evidence.features();
  ASSERT_TRUE(features.syn_rst);
  EXPECT_TRUE(features.syn_rst->ack_flag);
  EXPECT_TRUE(features.syn_rst->ack_nonzero);
  EXPECT_EQ(features.syn_rst->window, 0);
  EXPECT_EQ(features.syn_rst->initial_ttl, 128);
  EXPECT_EQ(features.syn_rst->df, true);
  EXPECT_EQ(features.syn_rst->ip_id_zero, true);
  ASSERT_TRUE(features.ack_rst);
  EXPECT_FALSE(features.ack_rst->ack_flag);
  EXPECT_FALSE(features.ack_rst->ack_nonzero);
  EXPECT_EQ(features.ack_rst->initial_ttl, 64);
  EXPECT_EQ(features.ack_rst->df, false);
  EXPECT_EQ(features.ack_rst->ip_id_zero, false);
  EXPECT_EQ(hop_distance(features), 9) << "no SYN-ACK: distance from the closed port's RST";
}

TEST(HostEvidenceTest, IcmpOnAnOrdinaryPortSaysNothingAboutTheStack) {
  HostEvidence evidence(kOurTsVal);
  evidence.add(icmp_unreachable(), ProbeKind::Syn, 8080);
  const Features features = evidence.features();
  EXPECT_FALSE(features.syn_ack);
  EXPECT_FALSE(features.syn_rst);
  EXPECT_FALSE(features.port0_syn);
}

struct Port0Case {
  const char* name;
  bool icmp;
  std::uint8_t flags;
  Port0Answer expected;
};

class Port0AnswerTest : public ::testing::TestWithParam<Port0Case> {};

TEST_P(Port0AnswerTest, ClassifiesWhateverComesBack) {
  const Port0Case& c = GetParam();
  HostEvidence evidence(kOurTsVal);
  const Reply reply = c.icmp ? icmp_unreachable() : tcp_reply(c.flags);
  evidence.add(reply, ProbeKind::Ack, 0);
  const Features features = evidence.features();
  EXPECT_EQ(features.port0_ack, c.expected) << c.name;
  EXPECT_FALSE(features.port0_syn);
  EXPECT_FALSE(features.ack_rst) << "port 0 answers are not ordinary RSTs";
  EXPECT_FALSE(features.syn_ack);
}

INSTANTIATE_TEST_SUITE_P(
    Answers, Port0AnswerTest,
    ::testing::Values(Port0Case{"Rst", false, tcp_flag::Rst, Port0Answer::Rst},
                      Port0Case{"RstAck", false, tcp_flag::Rst | tcp_flag::Ack, Port0Answer::RstAck},
                      Port0Case{"SynAck", false, tcp_flag::Syn | tcp_flag::Ack, Port0Answer::SynAck},
                      Port0Case{"Icmp", true, 0, Port0Answer::Icmp},
                      Port0Case{"Other", false, tcp_flag::Ack, Port0Answer::Other}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(HostEvidenceTest, Port0SilenceIsAnAnswerUntilSomethingArrives) {
  HostEvidence evidence(kOurTsVal);
  evidence.add_silence(ProbeKind::Syn, 0);
  evidence.add_silence(ProbeKind::Ack, 0);
  evidence.add_silence(ProbeKind::Syn, 443);  // ordinary ports: filters, not stacks
  EXPECT_EQ(evidence.features().port0_syn, Port0Answer::None);
  EXPECT_EQ(evidence.features().port0_ack, Port0Answer::None);

  evidence.add(tcp_reply(tcp_flag::Rst | tcp_flag::Ack), ProbeKind::Syn, 0);  // late
  EXPECT_EQ(evidence.features().port0_syn, Port0Answer::RstAck);
  evidence.add_silence(ProbeKind::Syn, 0);  // a timeout after the answer changes nothing
  EXPECT_EQ(evidence.features().port0_syn, Port0Answer::RstAck);
}

TEST(HostEvidenceTest, LayoutIsReadEvenWithoutTerminator) {
  HostEvidence evidence(kOurTsVal);
  Reply reply = linux_syn_ack();
  reply.tcp.options.layout.fill('N');  // 41 letters, no NUL: parser bug or hostile input
  evidence.add(reply, ProbeKind::Syn, 22);
  EXPECT_EQ(evidence.features().syn_ack->options, std::string(41, 'N'));
}

}  // namespace
}  // namespace zeroscan::fingerprint

namespace zeroscan::fingerprint {
namespace {

struct IpIdCase {
  const char* name;
  std::vector<std::uint16_t> ids;
  std::optional<IpIdClass> expected;
};

void PrintTo(const IpIdCase& c, std::ostream* os) { *os << c.name; }

class IpIdClassTest : public ::testing::TestWithParam<IpIdCase> {};

TEST_P(IpIdClassTest, ClassifiesTheSequence) {
  const IpIdCase& c = GetParam();
  EXPECT_EQ(classify_ip_ids(c.ids.data(), c.ids.size()), c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    Sequences, IpIdClassTest,
    ::testing::Values(IpIdCase{"One", {7}, std::nullopt},
                      IpIdCase{"AllZero", {0, 0, 0}, IpIdClass::Zero},
                      IpIdCase{"Counter", {1000, 1001, 1005}, IpIdClass::Incremental},
                      IpIdCase{"CounterWrapping", {65534, 65535, 2}, IpIdClass::Incremental},
                      IpIdCase{"ByteSwapped", {0x0100, 0x0200, 0x0500}, IpIdClass::Times256},
                      IpIdCase{"Random", {4242, 61000, 17}, IpIdClass::Random},
                      IpIdCase{"ZeroWithDfElsewhereNot", {0, 31337, 0}, IpIdClass::Mixed}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(HostEvidenceTest, IpIdClassAndOwnTimestampComeFromTheReplies) {
  HostEvidence evidence(kOurTsVal);
  Reply syn_ack = testing::linux_syn_ack(64);
  syn_ack.ip.id = 500;
  syn_ack.tcp.options.ts_val = 0;
  evidence.add(syn_ack, ProbeKind::Syn, 443);
  Reply rst = testing::tcp_reply(tcp_flag::Rst | tcp_flag::Ack);
  rst.ip.id = 501;
  evidence.add(rst, ProbeKind::Syn, 81);
  Reply ack_rst = testing::tcp_reply(tcp_flag::Rst);
  ack_rst.ip.id = 503;
  evidence.add(ack_rst, ProbeKind::Ack, 443);
  const Features features = evidence.features();
  EXPECT_EQ(features.ip_id_class, IpIdClass::Incremental);
  ASSERT_TRUE(features.syn_ack);
  EXPECT_EQ(features.syn_ack->timestamp_value_zero, true);
}

TEST(HostEvidenceTest, OneReplyHasNoIpIdClass) {
  HostEvidence evidence(kOurTsVal);
  evidence.add(testing::linux_syn_ack(64), ProbeKind::Syn, 443);
  EXPECT_EQ(evidence.features().ip_id_class, std::nullopt);
}

}  // namespace
}  // namespace zeroscan::fingerprint
