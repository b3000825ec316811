// Cookie: probe fields stay inside the configured ranges, genuine replies
// verify back to the exact probe, and near-miss or forged replies do not.
#include "zeroscan/cookie/cookie.h"

#include <gtest/gtest.h>

#include <functional>
#include <ostream>
#include <random>
#include <set>
#include <string>

#include "zeroscan/core/errors.h"

namespace zeroscan {
namespace {

constexpr SipKey kKey{0x243f6a8885a308d3ull, 0x13198a2e03707344ull};
const Ipv4 kSource = Ipv4::from_octets(192, 0, 2, 10);
const Ipv4 kTarget = Ipv4::from_octets(198, 51, 100, 7);
const Ipv4 kRouter = Ipv4::from_octets(203, 0, 113, 1);
constexpr SourcePortRange kPorts{};  // 32768 + 28232
constexpr std::uint8_t kMaxAttempts = 3;

Cookie test_cookie() { return Cookie(kKey, kSource, kPorts, kMaxAttempts); }

struct Probe {
  Ipv4 target = kTarget;
  std::uint16_t port = 443;
  ProbeKind kind = ProbeKind::Syn;
  std::uint8_t attempt = 0;
  ProbeFields fields;
};

Probe sent(ProbeKind kind, std::uint8_t attempt = 0, std::uint16_t port = 443,
           Ipv4 target = kTarget, std::uint8_t max_attempts = kMaxAttempts) {
  Probe probe{target, port, kind, attempt, {}};
  probe.fields = Cookie(kKey, kSource, kPorts, max_attempts).probe_fields(target, port, kind, attempt);
  return probe;
}

// A TCP segment from the probed host back to us, on the probe's 4-tuple.
Reply tcp_reply(const Probe& probe, std::uint8_t flags, std::uint32_t seq, std::uint32_t ack) {
  Reply reply;
  reply.kind = ReplyKind::Tcp;
  reply.ip.src = probe.target;
  reply.ip.dst = kSource;
  reply.ip.ttl = 57;
  reply.tcp.src_port = probe.port;
  reply.tcp.dst_port = probe.fields.src_port;
  reply.tcp.seq = seq;
  reply.tcp.ack = ack;
  reply.tcp.flags = flags;
  return reply;
}

Reply syn_ack(const Probe& probe) {
  return tcp_reply(probe, tcp_flag::Syn | tcp_flag::Ack, 0x5eed1234u, probe.fields.seq + 1);
}
Reply rst_ack_to_syn(const Probe& probe) {
  return tcp_reply(probe, tcp_flag::Rst | tcp_flag::Ack, 0, probe.fields.seq + 1);
}
Reply rst_to_ack_probe(const Probe& probe) {
  return tcp_reply(probe, tcp_flag::Rst, probe.fields.ack, 0);
}
// A router's ICMP error quoting the probe as it left us.
Reply icmp_error(const Probe& probe) {
  Reply reply;
  reply.kind = ReplyKind::IcmpError;
  reply.ip.src = kRouter;
  reply.ip.dst = kSource;
  reply.icmp.type = 3;
  reply.icmp.code = 13;
  reply.icmp.quoted.src = kSource;
  reply.icmp.quoted.dst = probe.target;
  reply.icmp.quoted.protocol = 6;
  reply.icmp.quoted.ip_id = probe.fields.ip_id;
  reply.icmp.quoted.src_port = probe.fields.src_port;
  reply.icmp.quoted.dst_port = probe.port;
  reply.icmp.quoted.seq = probe.fields.seq;
  return reply;
}

void expect_match(const std::optional<CookieMatch>& match, const Probe& probe) {
  ASSERT_TRUE(match.has_value());
  EXPECT_EQ(match->target, probe.target);
  EXPECT_EQ(match->port, probe.port);
  EXPECT_EQ(match->kind, probe.kind);
  EXPECT_EQ(match->attempt, probe.attempt);
}

// ---- probe_fields -------------------------------------------------------

TEST(CookieTest, ProbeFieldsStayInSourcePortRangeAndSynSendsNoAck) {
  const Cookie cookie = test_cookie();
  std::mt19937 random(7);
  for (int i = 0; i < 20000; ++i) {
    const Ipv4 target(random());
    const auto port = std::uint16_t(random());
    const auto kind = (i & 1) ? ProbeKind::Ack : ProbeKind::Syn;
    const auto fields = cookie.probe_fields(target, port, kind, std::uint8_t(i % kMaxAttempts));
    ASSERT_GE(fields.src_port, kPorts.first);
    ASSERT_LT(fields.src_port, kPorts.first + kPorts.count);
    if (kind == ProbeKind::Syn) {
      ASSERT_EQ(fields.ack, 0u);
    }
  }
}

TEST(CookieTest, SmallPortRangeIsRespected) {
  const Cookie cookie(kKey, kSource, SourcePortRange{40000, 3}, 3);
  std::set<std::uint16_t> seen;
  for (std::uint16_t port = 0; port < 2000; ++port) {
    const auto fields = cookie.probe_fields(kTarget, port, ProbeKind::Syn, 0);
    ASSERT_GE(fields.src_port, 40000);
    ASSERT_LE(fields.src_port, 40002);
    seen.insert(fields.src_port);
  }
  EXPECT_EQ(seen.size(), 3u);
}

TEST(CookieTest, RetriesUseDistinctConsecutiveSourcePorts) {
  const Cookie cookie = test_cookie();
  for (std::uint16_t port : {0, 22, 80, 443, 65535}) {
    const auto first = cookie.probe_fields(kTarget, port, ProbeKind::Syn, 0);
    const auto second = cookie.probe_fields(kTarget, port, ProbeKind::Syn, 1);
    const auto third = cookie.probe_fields(kTarget, port, ProbeKind::Syn, 2);
    EXPECT_EQ((second.src_port - kPorts.first + kPorts.count - (first.src_port - kPorts.first)) %
                  kPorts.count,
              1u);
    EXPECT_NE(first.src_port, third.src_port);
    EXPECT_NE(first.seq, second.seq) << "a retry's seq is hashed from its own source port";
  }
}

TEST(CookieTest, ProbeFieldsDependOnKeyTargetPortAndKind) {
  const auto base = test_cookie().probe_fields(kTarget, 443, ProbeKind::Syn, 0);
  const auto other_key =
      Cookie({kKey.k0 ^ 1, kKey.k1}, kSource, kPorts, kMaxAttempts).probe_fields(kTarget, 443, ProbeKind::Syn, 0);
  const auto other_target =
      test_cookie().probe_fields(Ipv4(kTarget.value + 1), 443, ProbeKind::Syn, 0);
  const auto other_port = test_cookie().probe_fields(kTarget, 444, ProbeKind::Syn, 0);
  const auto other_kind = test_cookie().probe_fields(kTarget, 443, ProbeKind::Ack, 0);
  const auto other_source = Cookie(kKey, Ipv4(kSource.value + 1), kPorts, kMaxAttempts)
                                .probe_fields(kTarget, 443, ProbeKind::Syn, 0);
  for (const auto& other : {other_key, other_target, other_port, other_kind, other_source}) {
    EXPECT_NE(other.seq, base.seq);
  }
  EXPECT_NE(other_key.ip_id, base.ip_id);
  EXPECT_NE(other_target.src_port, base.src_port);
}

TEST(CookieTest, ProbeFieldsAreDeterministic) {
  const auto a = test_cookie().probe_fields(kTarget, 8080, ProbeKind::Ack, 1);
  const auto b = test_cookie().probe_fields(kTarget, 8080, ProbeKind::Ack, 1);
  EXPECT_EQ(a.src_port, b.src_port);
  EXPECT_EQ(a.seq, b.seq);
  EXPECT_EQ(a.ack, b.ack);
  EXPECT_EQ(a.ip_id, b.ip_id);
}

// ---- one fixed source port (nmap's -g) -------------------------------------

TEST(CookieTest, FixedSourcePortCarriesTheAttemptInTheSequence) {
  const Cookie cookie(kKey, kSource, SourcePortRange{53, 1}, 3);
  std::set<std::uint32_t> seqs, acks;
  for (std::uint8_t attempt = 0; attempt < 3; ++attempt) {
    const auto syn = cookie.probe_fields(kTarget, 443, ProbeKind::Syn, attempt);
    const auto ack = cookie.probe_fields(kTarget, 443, ProbeKind::Ack, attempt);
    EXPECT_EQ(syn.src_port, 53);
    EXPECT_EQ(ack.src_port, 53);
    seqs.insert(syn.seq);
    acks.insert(ack.ack);
  }
  EXPECT_EQ(seqs.size(), 3u);
  EXPECT_EQ(acks.size(), 3u);
}

TEST(CookieTest, FixedSourcePortRepliesVerifyToTheirAttempt) {
  const Cookie cookie(kKey, kSource, SourcePortRange{53, 1}, 3);
  for (std::uint8_t attempt = 0; attempt < 3; ++attempt) {
    Probe syn{kTarget, 443, ProbeKind::Syn, attempt, cookie.probe_fields(kTarget, 443, ProbeKind::Syn, attempt)};
    const auto answer = cookie.verify(syn_ack(syn));
    ASSERT_TRUE(answer) << int(attempt);
    EXPECT_EQ(answer->attempt, attempt);
    EXPECT_EQ(answer->kind, ProbeKind::Syn);
    Probe ack{kTarget, 80, ProbeKind::Ack, attempt, cookie.probe_fields(kTarget, 80, ProbeKind::Ack, attempt)};
    const auto reset = cookie.verify(tcp_reply(ack, tcp_flag::Rst, ack.fields.ack, 0));
    ASSERT_TRUE(reset) << int(attempt);
    EXPECT_EQ(reset->attempt, attempt);
  }
  // An attempt beyond the window, and an off-by-one seq below attempt 0, fail.
  Probe late{kTarget, 443, ProbeKind::Syn, 3, cookie.probe_fields(kTarget, 443, ProbeKind::Syn, 3)};
  EXPECT_FALSE(cookie.verify(syn_ack(late)));
  Probe early = late;
  early.fields.seq = cookie.probe_fields(kTarget, 443, ProbeKind::Syn, 0).seq - 1;
  EXPECT_FALSE(cookie.verify(syn_ack(early)));
}

// ---- constructor ----------------------------------------------------------

TEST(CookieTest, RejectsUnusableConfigurations) {
  EXPECT_THROW(Cookie(kKey, kSource, SourcePortRange{40000, 0}, 1), UsageError);
  EXPECT_THROW(Cookie(kKey, kSource, SourcePortRange{0, 100}, 1), UsageError);
  EXPECT_THROW(Cookie(kKey, kSource, SourcePortRange{65000, 1000}, 1), UsageError);
  EXPECT_THROW(Cookie(kKey, kSource, kPorts, 0), UsageError);
  EXPECT_NO_THROW(Cookie(kKey, kSource, SourcePortRange{65535, 1}, 1));
  EXPECT_NO_THROW(Cookie(kKey, kSource, SourcePortRange{1, 65535}, 255));
}

TEST(CookieTest, ConstructorErrorNamesTheRange) {
  try {
    Cookie(kKey, kSource, SourcePortRange{65000, 1000}, 1);
    FAIL() << "expected UsageError";
  } catch (const UsageError& error) {
    EXPECT_NE(std::string(error.what()).find("65000"), std::string::npos) << error.what();
  }
}

// ---- verify: accept table -------------------------------------------------

struct AcceptCase {
  std::string name;
  Probe probe;
  std::function<Reply(const Probe&)> reply;
};
void PrintTo(const AcceptCase& c, std::ostream* out) { *out << c.name; }

class CookieAccepts : public ::testing::TestWithParam<AcceptCase> {};

TEST_P(CookieAccepts, RecoversTheProbe) {
  const auto& c = GetParam();
  expect_match(test_cookie().verify(c.reply(c.probe)), c.probe);
}

INSTANTIATE_TEST_SUITE_P(
    Genuine, CookieAccepts,
    ::testing::Values(
        AcceptCase{"SynAckToSyn", sent(ProbeKind::Syn), syn_ack},
        AcceptCase{"SynAckToSynRetry1", sent(ProbeKind::Syn, 1), syn_ack},
        AcceptCase{"SynAckToSynRetry2", sent(ProbeKind::Syn, 2), syn_ack},
        AcceptCase{"SynAckWithEceToSyn", sent(ProbeKind::Syn),
                   [](const Probe& p) {
                     Reply r = syn_ack(p);
                     r.tcp.flags |= tcp_flag::Ece;
                     return r;
                   }},
        AcceptCase{"SynAckToSynOnPortZero", sent(ProbeKind::Syn, 0, 0), syn_ack},
        AcceptCase{"RstAckToSyn", sent(ProbeKind::Syn), rst_ack_to_syn},
        AcceptCase{"RstAckToSynRetry2", sent(ProbeKind::Syn, 2), rst_ack_to_syn},
        AcceptCase{"RstToAckProbe", sent(ProbeKind::Ack), rst_to_ack_probe},
        AcceptCase{"RstToAckProbeRetry1", sent(ProbeKind::Ack, 1), rst_to_ack_probe},
        AcceptCase{"RstAckToAckProbe", sent(ProbeKind::Ack),
                   [](const Probe& p) {
                     return tcp_reply(p, tcp_flag::Rst | tcp_flag::Ack, p.fields.ack, p.fields.seq);
                   }},
        AcceptCase{"IcmpQuotingSyn", sent(ProbeKind::Syn), icmp_error},
        AcceptCase{"IcmpQuotingSynRetry2", sent(ProbeKind::Syn, 2), icmp_error},
        AcceptCase{"IcmpQuotingAckProbe", sent(ProbeKind::Ack), icmp_error},
        AcceptCase{"IcmpWithRewrittenIpId", sent(ProbeKind::Syn),
                   [](const Probe& p) {
                     Reply r = icmp_error(p);
                     r.icmp.quoted.ip_id ^= 0x5555;  // NAT / pf scrub random-id
                     return r;
                   }},
        AcceptCase{"IcmpTimeExceededFromTarget", sent(ProbeKind::Ack),
                   [](const Probe& p) {
                     Reply r = icmp_error(p);
                     r.ip.src = p.target;
                     r.icmp.type = 11;
                     r.icmp.code = 0;
                     return r;
                   }}),
    [](const ::testing::TestParamInfo<AcceptCase>& info) { return info.param.name; });

TEST(CookieTest, RoundTripsRandomProbesOfEveryKindAndAttempt) {
  const Cookie cookie = test_cookie();
  std::mt19937 random(11);
  for (int i = 0; i < 5000; ++i) {
    const auto kind = (i & 1) ? ProbeKind::Ack : ProbeKind::Syn;
    const Probe probe = sent(kind, std::uint8_t(random() % kMaxAttempts), std::uint16_t(random()),
                             Ipv4(random()));
    const Reply reply = kind == ProbeKind::Syn ? syn_ack(probe) : rst_to_ack_probe(probe);
    expect_match(cookie.verify(reply), probe);
    expect_match(cookie.verify(icmp_error(probe)), probe);
  }
}

// ---- verify: reject table -------------------------------------------------

struct RejectCase {
  std::string name;
  std::function<Reply()> reply;
};
void PrintTo(const RejectCase& c, std::ostream* out) { *out << c.name; }

class CookieRejects : public ::testing::TestWithParam<RejectCase> {};

TEST_P(CookieRejects, ReturnsNullopt) {
  EXPECT_FALSE(test_cookie().verify(GetParam().reply()).has_value());
}

// Each case is a genuine reply from the accept table with one thing wrong.
Reply with_tcp_ack(Reply r, std::uint32_t ack) {
  r.tcp.ack = ack;
  return r;
}
Reply with_tcp_seq(Reply r, std::uint32_t seq) {
  r.tcp.seq = seq;
  return r;
}
Reply with_flags(Reply r, std::uint8_t flags) {
  r.tcp.flags = flags;
  return r;
}

// The source port attempt `max_attempts` would use: one past the window.
Probe probe_at_attempt_past_limit(ProbeKind kind) {
  return sent(kind, kMaxAttempts, 443, kTarget, kMaxAttempts + 1);
}

INSTANTIATE_TEST_SUITE_P(
    Forged, CookieRejects,
    ::testing::Values(
        RejectCase{"SynAckAckEqualsSeq",
                   [] { const Probe p = sent(ProbeKind::Syn); return with_tcp_ack(syn_ack(p), p.fields.seq); }},
        RejectCase{"SynAckAckOffByOne",
                   [] { const Probe p = sent(ProbeKind::Syn); return with_tcp_ack(syn_ack(p), p.fields.seq + 2); }},
        RejectCase{"SynAckAckOffByTwo",
                   [] { const Probe p = sent(ProbeKind::Syn); return with_tcp_ack(syn_ack(p), p.fields.seq + 3); }},
        RejectCase{"SynAckAckOffByMinusTwo",
                   [] { const Probe p = sent(ProbeKind::Syn); return with_tcp_ack(syn_ack(p), p.fields.seq - 1); }},
        RejectCase{"SynAckAckBitFlipInHighHalf",
                   [] { const Probe p = sent(ProbeKind::Syn); return with_tcp_ack(syn_ack(p), (p.fields.seq + 1) ^ 0x80000000u); }},
        RejectCase{"RstAckToSynAckOffByOne",
                   [] { const Probe p = sent(ProbeKind::Syn); return with_tcp_ack(rst_ack_to_syn(p), p.fields.seq + 2); }},
        RejectCase{"RstAckToSynAckOffByTwo",
                   [] { const Probe p = sent(ProbeKind::Syn); return with_tcp_ack(rst_ack_to_syn(p), p.fields.seq + 3); }},
        RejectCase{"RstAckToSynAckEqualsSeq",
                   [] { const Probe p = sent(ProbeKind::Syn); return with_tcp_ack(rst_ack_to_syn(p), p.fields.seq); }},
        RejectCase{"BareRstToSyn",
                   [] { const Probe p = sent(ProbeKind::Syn); return with_flags(rst_ack_to_syn(p), tcp_flag::Rst); }},
        RejectCase{"RstToAckProbeSeqOffByOne",
                   [] { const Probe p = sent(ProbeKind::Ack); return with_tcp_seq(rst_to_ack_probe(p), p.fields.ack + 1); }},
        RejectCase{"RstToAckProbeSeqOffByTwo",
                   [] { const Probe p = sent(ProbeKind::Ack); return with_tcp_seq(rst_to_ack_probe(p), p.fields.ack - 2); }},
        RejectCase{"RstToAckProbeUsingOurSeqInstead",
                   [] { const Probe p = sent(ProbeKind::Ack); return with_tcp_seq(rst_to_ack_probe(p), p.fields.seq); }},
        RejectCase{"SynAckMatchingOnlyAckProbeSeq",
                   [] { const Probe p = sent(ProbeKind::Ack); return syn_ack(p); }},
        RejectCase{"SynAckMatchingOnlyAckProbeAck",
                   [] { const Probe p = sent(ProbeKind::Ack); return with_tcp_ack(syn_ack(p), p.fields.ack + 1); }},
        RejectCase{"SynAckCarryingAckProbeSeqAsSeq",
                   [] { const Probe p = sent(ProbeKind::Ack); return with_tcp_seq(syn_ack(p), p.fields.ack); }},
        RejectCase{"SynRstAckWithRightAck",
                   [] { const Probe p = sent(ProbeKind::Syn); return with_flags(syn_ack(p), tcp_flag::Syn | tcp_flag::Rst | tcp_flag::Ack); }},
        RejectCase{"PureAckWithRightAck",
                   [] { const Probe p = sent(ProbeKind::Syn); return with_flags(syn_ack(p), tcp_flag::Ack); }},
        RejectCase{"BareSynWithRightAck",
                   [] { const Probe p = sent(ProbeKind::Syn); return with_flags(syn_ack(p), tcp_flag::Syn); }},
        RejectCase{"FinAckWithRightAck",
                   [] { const Probe p = sent(ProbeKind::Syn); return with_flags(syn_ack(p), tcp_flag::Fin | tcp_flag::Ack); }},
        RejectCase{"SynAckToSomeoneElse",
                   [] { Reply r = syn_ack(sent(ProbeKind::Syn)); r.ip.dst = Ipv4(kSource.value + 1); return r; }},
        RejectCase{"RstToAckProbeToSomeoneElse",
                   [] { Reply r = rst_to_ack_probe(sent(ProbeKind::Ack)); r.ip.dst = Ipv4::from_octets(10, 0, 0, 1); return r; }},
        RejectCase{"SynAckFromOtherHost",
                   [] { Reply r = syn_ack(sent(ProbeKind::Syn)); r.ip.src = Ipv4(kTarget.value ^ 1); return r; }},
        RejectCase{"SynAckFromOtherPort",
                   [] { Reply r = syn_ack(sent(ProbeKind::Syn)); r.tcp.src_port = 444; return r; }},
        RejectCase{"SynAckToPortBelowRange",
                   [] { Reply r = syn_ack(sent(ProbeKind::Syn)); r.tcp.dst_port = kPorts.first - 1; return r; }},
        RejectCase{"SynAckToPortAboveRange",
                   [] { Reply r = syn_ack(sent(ProbeKind::Syn)); r.tcp.dst_port = std::uint16_t(kPorts.first + kPorts.count); return r; }},
        RejectCase{"SynAckToNeighbouringSourcePort",
                   // Attempt 1's port is inside the window, but the ack was
                   // derived from attempt 0's port.
                   [] { const Probe p = sent(ProbeKind::Syn, 0); Reply r = syn_ack(p); r.tcp.dst_port = std::uint16_t(p.fields.src_port + 1); return r; }},
        RejectCase{"SynAckImplyingAttemptPastLimit",
                   [] { return syn_ack(probe_at_attempt_past_limit(ProbeKind::Syn)); }},
        RejectCase{"RstToAckProbeImplyingAttemptPastLimit",
                   [] { return rst_to_ack_probe(probe_at_attempt_past_limit(ProbeKind::Ack)); }},
        RejectCase{"IcmpImplyingAttemptPastLimit",
                   [] { return icmp_error(probe_at_attempt_past_limit(ProbeKind::Syn)); }},
        RejectCase{"IcmpQuotingUdp",
                   [] { Reply r = icmp_error(sent(ProbeKind::Syn)); r.icmp.quoted.protocol = 17; return r; }},
        RejectCase{"IcmpQuotingOtherSource",
                   [] { Reply r = icmp_error(sent(ProbeKind::Syn)); r.icmp.quoted.src = Ipv4(kSource.value + 1); return r; }},
        RejectCase{"IcmpToSomeoneElse",
                   [] { Reply r = icmp_error(sent(ProbeKind::Syn)); r.ip.dst = kRouter; return r; }},
        RejectCase{"IcmpQuotedSeqOffByOne",
                   [] { Reply r = icmp_error(sent(ProbeKind::Syn)); r.icmp.quoted.seq += 1; return r; }},
        RejectCase{"IcmpQuotedSeqIsSeqPlusOne",
                   [] { Reply r = icmp_error(sent(ProbeKind::Ack)); r.icmp.quoted.seq += 1; return r; }},
        RejectCase{"IcmpQuotedDstPortWrong",
                   [] { Reply r = icmp_error(sent(ProbeKind::Syn)); r.icmp.quoted.dst_port = 80; return r; }},
        RejectCase{"IcmpQuotedSrcPortWrong",
                   [] { Reply r = icmp_error(sent(ProbeKind::Syn)); r.icmp.quoted.src_port += 1; return r; }},
        RejectCase{"IcmpQuotedSrcPortOutsideRange",
                   [] { Reply r = icmp_error(sent(ProbeKind::Syn)); r.icmp.quoted.src_port = 1234; return r; }},
        RejectCase{"IcmpQuotedTargetWrong",
                   [] { Reply r = icmp_error(sent(ProbeKind::Syn)); r.icmp.quoted.dst = Ipv4(kTarget.value + 256); return r; }}),
    [](const ::testing::TestParamInfo<RejectCase>& info) { return info.param.name; });

TEST(CookieTest, RejectsReplyVerifiedUnderAnotherKey) {
  const Probe probe = sent(ProbeKind::Syn);
  const Cookie other(SipKey{kKey.k0, kKey.k1 + 1}, kSource, kPorts, kMaxAttempts);
  EXPECT_FALSE(other.verify(syn_ack(probe)).has_value());
  EXPECT_FALSE(other.verify(icmp_error(probe)).has_value());
  EXPECT_TRUE(test_cookie().verify(syn_ack(probe)).has_value());
}

// ---- forgery resistance ---------------------------------------------------

Reply random_forgery(std::mt19937_64& random, std::uint16_t dst_port) {
  Reply reply;
  const auto r = random();
  reply.ip.src = Ipv4(std::uint32_t(random()));
  reply.ip.dst = kSource;
  switch (r % 5) {
    case 0: reply.tcp.flags = tcp_flag::Syn | tcp_flag::Ack; break;
    case 1: reply.tcp.flags = tcp_flag::Rst | tcp_flag::Ack; break;
    case 2: reply.tcp.flags = tcp_flag::Rst; break;
    case 3: reply.tcp.flags = std::uint8_t(r >> 8); break;
    default: reply.kind = ReplyKind::IcmpError; break;
  }
  reply.tcp.src_port = std::uint16_t(random());
  reply.tcp.dst_port = dst_port;
  reply.tcp.seq = std::uint32_t(random());
  reply.tcp.ack = std::uint32_t(random());
  reply.icmp.type = 3;
  reply.icmp.quoted = {kSource, reply.ip.src, 6, std::uint16_t(random()), dst_port,
                       reply.tcp.src_port, std::uint32_t(random())};
  return reply;
}

TEST(CookieTest, AcceptsNoneOfAMillionRandomForgeries) {
  const Cookie cookie = test_cookie();
  std::mt19937_64 random(20240601);
  std::size_t accepted = 0;
  for (int i = 0; i < 1000000; ++i) {
    const auto dst_port = std::uint16_t(kPorts.first + random() % kPorts.count);
    if (cookie.verify(random_forgery(random, dst_port))) ++accepted;
  }
  EXPECT_EQ(accepted, 0u);
}

TEST(CookieTest, AcceptsNoForgeryThatGetsThePortsRightButGuessesSeqAndAck) {
  // The attacker knows the target, port and our source port for it (say a
  // blind spoofer who guessed them), and only has to guess 32 bits.
  const Cookie cookie = test_cookie();
  std::mt19937_64 random(99);
  std::size_t accepted = 0;
  std::size_t forgeries = 0;
  for (int i = 0; i < 1000000; ++i) {
    const auto kind = (i & 1) ? ProbeKind::Ack : ProbeKind::Syn;
    const Ipv4 target{std::uint32_t(random())};
    const auto port = std::uint16_t(random());
    const auto fields = cookie.probe_fields(target, port, kind, std::uint8_t(i % kMaxAttempts));
    Reply reply = random_forgery(random, fields.src_port);
    reply.ip.src = target;
    reply.tcp.src_port = port;
    reply.icmp.quoted.dst = target;
    reply.icmp.quoted.dst_port = port;
    if (reply.tcp.seq == fields.ack || reply.tcp.ack == fields.seq + 1 ||
        reply.icmp.quoted.seq == fields.seq) {
      continue;  // the 1-in-2^32 lucky guess is a genuine reply, not a forgery
    }
    ++forgeries;
    if (cookie.verify(reply)) ++accepted;
  }
  EXPECT_GT(forgeries, 999000u);
  EXPECT_EQ(accepted, 0u);
}

}  // namespace
}  // namespace zeroscan
