// -O over IPv6: a reply whose header has no DF bit and no IP ID leaves those
// features unobserved (never "df=no" or "IP ID zero"), the hop limit gives
// the initial TTL as an IPv4 TTL does, and a Linux host seen over IPv6 is
// matched to what the same host is matched to over IPv4.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <vector>

#include "test_support.h"
#include "zeroscan/fingerprint/database.h"
#include "zeroscan/fingerprint/host_evidence.h"
#include "zeroscan/fingerprint/json.h"
#include "zeroscan/fingerprint/matcher.h"

namespace zeroscan::fingerprint {
namespace {

using testing::linux_syn_ack;
using testing::tcp_reply;

constexpr std::uint32_t kOurTsVal = 0x01020304;

// What an IPv6 parse leaves in IpFields: the hop limit as ttl, no DF, no ID.
Reply over_ipv6(Reply reply) {
  reply.family = IpFamily::V6;
  reply.ip.df = false;
  reply.ip.id = 0;
  reply.ip6.hop_limit = reply.ip.ttl;
  return reply;
}

// Replies a Linux 6.x host (fingerprints/lab.txt, lab-linux-default) sends
// to -O's probes: SYN-ACK, closed port RST+ACK, RST to the ACK probe and
// the port-0 answers; IPv4 with DF and IP ID 0 throughout.
// `mss` is 1460 over IPv4 and 1440 over IPv6 on Ethernet; Linux keeps its
// window at 45 segments of payload beside the timestamp.
HostEvidence linux_host(bool ipv6, std::uint8_t ttl) {
  HostEvidence evidence(kOurTsVal);
  auto add = [&](Reply reply, ProbeKind kind, std::uint16_t port) {
    evidence.add(ipv6 ? over_ipv6(reply) : reply, kind, port);
  };
  Reply syn_ack = linux_syn_ack(ttl);
  const std::uint16_t mss = ipv6 ? 1440 : 1460;
  syn_ack.tcp.options.mss = mss;
  syn_ack.tcp.options.wscale = 10;
  syn_ack.tcp.window = std::uint16_t(45 * (mss - 12));
  add(syn_ack, ProbeKind::Syn, 22);
  Reply closed = tcp_reply(tcp_flag::Rst | tcp_flag::Ack, ttl, 0);
  closed.tcp.ack = 5;
  add(closed, ProbeKind::Syn, 51234);
  add(tcp_reply(tcp_flag::Rst, ttl, 0), ProbeKind::Ack, 22);
  add(closed, ProbeKind::Syn, 0);
  add(tcp_reply(tcp_flag::Rst, ttl, 0), ProbeKind::Ack, 0);
  return evidence;
}

TEST(Ipv6EvidenceTest, NoDfAndNoIpIdAreUnobservedNotFalseOrZero) {
  const Features v6 = linux_host(/*ipv6=*/true, 64).features();
  ASSERT_TRUE(v6.syn_ack);
  EXPECT_EQ(v6.syn_ack->df, std::nullopt);
  EXPECT_EQ(v6.syn_ack->ip_id_zero, std::nullopt);
  ASSERT_TRUE(v6.syn_rst);
  EXPECT_EQ(v6.syn_rst->df, std::nullopt);
  EXPECT_EQ(v6.syn_rst->ip_id_zero, std::nullopt);
  ASSERT_TRUE(v6.ack_rst);
  EXPECT_EQ(v6.ack_rst->df, std::nullopt);
  EXPECT_EQ(v6.ack_rst->ip_id_zero, std::nullopt);
  EXPECT_EQ(v6.ip_id_class, std::nullopt) << "five replies with 'ID 0' must not read as the class zero";

  const Features v4 = linux_host(/*ipv6=*/false, 64).features();
  EXPECT_EQ(v4.syn_ack->df, true);
  EXPECT_EQ(v4.syn_ack->ip_id_zero, true);
  EXPECT_EQ(v4.syn_rst->df, true);
  EXPECT_EQ(v4.ip_id_class, IpIdClass::Zero);
}

TEST(Ipv6EvidenceTest, HopLimitGivesTheInitialTtlAndDistance) {
  for (const auto& [hop_limit, initial] : {std::pair{57, 64}, {120, 128}, {250, 255}}) {
    const Features f = linux_host(/*ipv6=*/true, std::uint8_t(hop_limit)).features();
    EXPECT_EQ(f.syn_ack->initial_ttl, initial) << hop_limit;
    EXPECT_EQ(f.syn_rst->initial_ttl, initial) << hop_limit;
    EXPECT_EQ(hop_distance(f), initial - hop_limit + 1) << hop_limit;
  }
}

TEST(Ipv6EvidenceTest, MixedFamiliesKeepOnlyTheIpv4Ids) {
  // A dual-stack host is one host per address, but a HostEvidence fed both
  // must class only the IPv4 IDs: two IPv4 counters, many IPv6 "zeros".
  HostEvidence evidence(kOurTsVal);
  Reply first = tcp_reply(tcp_flag::Rst, 64, 0);
  first.ip.id = 1000;
  evidence.add(first, ProbeKind::Syn, 81);
  for (int i = 0; i < 4; ++i) evidence.add(over_ipv6(tcp_reply(tcp_flag::Rst, 64, 0)), ProbeKind::Ack, 80);
  Reply second = first;
  second.ip.id = 1003;
  evidence.add(second, ProbeKind::Syn, 82);
  EXPECT_EQ(evidence.features().ip_id_class, IpIdClass::Incremental);
}

TEST(Ipv6EvidenceTest, TheObservedEntryLeavesOutDfAndIpId) {
  const Matcher matcher(load_builtin_database());
  const std::string line = matcher.match(linux_host(/*ipv6=*/true, 64).features()).observed_entry;
  EXPECT_EQ(line.find("df="), std::string::npos) << line;
  EXPECT_EQ(line.find("ipid"), std::string::npos) << line;
  EXPECT_NE(line.find("ttl=64"), std::string::npos) << line;
}

TEST(Ipv6EvidenceTest, ALinuxHostOverIpv6MatchesWhatItMatchesOverIpv4) {
  const Matcher matcher(load_builtin_database());
  const MatchResult v4 = matcher.match(linux_host(/*ipv6=*/false, 63).features());
  const MatchResult v6 = matcher.match(linux_host(/*ipv6=*/true, 63).features());
  ASSERT_EQ(v4.family, Family::Linux) << v4.observed_entry;
  EXPECT_EQ(v6.family, Family::Linux) << v6.observed_entry;
  EXPECT_GE(v6.family_score, 0.75) << v6.observed_entry;
  EXPECT_EQ(v6.label, v4.label) << v6.observed_entry;
}

TEST(Ipv6EvidenceTest, AbsentDfAndIpIdNeitherRewardNorPenalise) {
  // The same host over IPv6 scores exactly as its IPv4 features would with
  // DF and the IP IDs unobserved: nothing is inferred from their absence.
  const Matcher matcher(load_builtin_database());
  Features stripped = linux_host(/*ipv6=*/false, 64).features();
  stripped.syn_ack->df = std::nullopt;
  stripped.syn_ack->ip_id_zero = std::nullopt;
  for (auto* rst : {&*stripped.syn_rst, &*stripped.ack_rst}) rst->df = rst->ip_id_zero = std::nullopt;
  stripped.ip_id_class = std::nullopt;
  // Same MSS, so only the family differs.
  HostEvidence evidence(kOurTsVal);
  Reply syn_ack = over_ipv6(linux_syn_ack(64));
  syn_ack.tcp.options.wscale = 10;
  syn_ack.tcp.window = 45 * 1448;
  evidence.add(syn_ack, ProbeKind::Syn, 22);
  Reply closed = over_ipv6(tcp_reply(tcp_flag::Rst | tcp_flag::Ack, 64, 0));
  closed.tcp.ack = 5;
  evidence.add(closed, ProbeKind::Syn, 51234);
  evidence.add(over_ipv6(tcp_reply(tcp_flag::Rst, 64, 0)), ProbeKind::Ack, 22);
  evidence.add(closed, ProbeKind::Syn, 0);
  evidence.add(over_ipv6(tcp_reply(tcp_flag::Rst, 64, 0)), ProbeKind::Ack, 0);

  const MatchResult expected = matcher.match(stripped);
  const MatchResult got = matcher.match(evidence.features());
  EXPECT_EQ(got.observed_entry, expected.observed_entry);
  EXPECT_DOUBLE_EQ(got.family_score, expected.family_score);
  EXPECT_DOUBLE_EQ(got.score, expected.score);
  EXPECT_EQ(got.label, expected.label);
}

// A TCP reply over IPv6 on connection (our port, its port) with `label`.
Reply labelled(std::uint16_t our_port, std::uint16_t its_port, std::uint32_t label,
               std::uint8_t flags = tcp_flag::Rst | tcp_flag::Ack) {
  Reply reply = over_ipv6(tcp_reply(flags, 64, 0));
  reply.tcp.dst_port = our_port;
  reply.tcp.src_port = its_port;
  reply.ip6.flow_label = label;
  return reply;
}

std::optional<FlowLabelClass> flow_label_of(const std::vector<Reply>& replies) {
  HostEvidence evidence(kOurTsVal);
  for (const Reply& r : replies) evidence.add(r, ProbeKind::Syn, r.tcp.src_port);
  return evidence.features().flow_label;
}

TEST(Ipv6FlowLabelTest, ClassesFromTheFirstReplyOfEachConnection) {
  EXPECT_EQ(flow_label_of({labelled(40001, 22, 0), labelled(40002, 80, 0)}), FlowLabelClass::Zero);
  EXPECT_EQ(flow_label_of({labelled(40001, 22, 0x12345), labelled(40002, 80, 0x12345)}),
            FlowLabelClass::Constant);
  EXPECT_EQ(flow_label_of({labelled(40001, 22, 0x12345), labelled(40002, 80, 0xabcde)}),
            FlowLabelClass::PerConnection);
  EXPECT_EQ(flow_label_of({labelled(40001, 22, 0x12345), labelled(40002, 80, 0)}), FlowLabelClass::Mixed);
  // Same ports, other source port: another connection.
  EXPECT_EQ(flow_label_of({labelled(40001, 22, 7), labelled(40003, 22, 9)}), FlowLabelClass::PerConnection);
}

TEST(Ipv6FlowLabelTest, OneConnectionTellsNothingEvenWithRetransmissions) {
  EXPECT_EQ(flow_label_of({labelled(40001, 22, 0x12345)}), std::nullopt);
  // A retransmitted SYN-ACK with a fresh label (Linux rehashes) is the same
  // connection: still one sample.
  const std::uint8_t syn_ack = tcp_flag::Syn | tcp_flag::Ack;
  EXPECT_EQ(flow_label_of({labelled(40001, 22, 0x11111, syn_ack), labelled(40001, 22, 0x22222, syn_ack)}),
            std::nullopt);
  // ... and does not turn a constant host into a per-connection one.
  EXPECT_EQ(flow_label_of({labelled(40001, 22, 5, syn_ack), labelled(40001, 22, 6, syn_ack),
                           labelled(40002, 81, 5)}),
            FlowLabelClass::Constant);
}

TEST(Ipv6FlowLabelTest, Ipv4RepliesHaveNoFlowLabel) {
  Reply a = labelled(40001, 22, 0), b = labelled(40002, 80, 0);
  a.family = b.family = IpFamily::V4;
  EXPECT_EQ(flow_label_of({a, b}), std::nullopt);
  EXPECT_EQ(linux_host(/*ipv6=*/false, 64).features().flow_label, std::nullopt);
}

TEST(Ipv6FlowLabelTest, ShownInTheFeaturesButNotMatched) {
  // The database has no IPv6 expectations: the matcher reads nothing from
  // the flow label, the features JSON shows it.
  const Matcher matcher(load_builtin_database());
  Features features = linux_host(/*ipv6=*/true, 64).features();
  features.flow_label = FlowLabelClass::PerConnection;
  nlohmann::json json;
  to_json(json, features);
  EXPECT_EQ(json.value("flow_label", ""), "per-connection");
  const MatchResult with = matcher.match(features);
  features.flow_label = FlowLabelClass::Zero;
  const MatchResult other = matcher.match(features);
  EXPECT_DOUBLE_EQ(with.family_score, other.family_score);
  EXPECT_EQ(with.observed_entry, other.observed_entry);
  EXPECT_EQ(with.observed_entry.find("flow"), std::string::npos);
}

TEST(Ipv6FlowLabelTest, NamesRoundTrip) {
  for (FlowLabelClass c : {FlowLabelClass::Zero, FlowLabelClass::Constant, FlowLabelClass::PerConnection,
                           FlowLabelClass::Mixed})
    EXPECT_EQ(parse_flow_label_class(to_string(c)), c);
  EXPECT_EQ(parse_flow_label_class("random"), std::nullopt);
}

}  // namespace
}  // namespace zeroscan::fingerprint
