// Ipv6Cookie: probe fields stay in range and depend on the whole 128-bit
// 4-tuple; genuine IPv6 replies verify back to the exact probe; near
// misses, forgeries and the other family's replies do not.
#include "zeroscan/cookie/ipv6_cookie.h"

#include <gtest/gtest.h>

#include <random>
#include <set>
#include <string>

#include "zeroscan/core/errors.h"

namespace zeroscan {
namespace {

constexpr SipKey kKey{0x243f6a8885a308d3ull, 0x13198a2e03707344ull};
const Ipv6 kSource = *Ipv6::parse("2001:2::10");
const Ipv6 kTarget = *Ipv6::parse("2001:2:0:1::7");
const Ipv6 kRouter = *Ipv6::parse("2001:2::fffe");
constexpr SourcePortRange kPorts{};
constexpr std::uint8_t kMaxAttempts = 3;

Ipv6Cookie test_cookie(std::uint8_t max_attempts = kMaxAttempts, SourcePortRange ports = kPorts) {
  return Ipv6Cookie(kKey, kSource, ports, max_attempts);
}

struct Probe {
  Ipv6 target = kTarget;
  std::uint16_t port = 443;
  ProbeKind kind = ProbeKind::Syn;
  std::uint8_t attempt = 0;
  Ipv6ProbeFields fields;
};

Probe sent(const Ipv6Cookie& cookie, ProbeKind kind, std::uint8_t attempt = 0,
           std::uint16_t port = 443, Ipv6 target = kTarget) {
  Probe probe{target, port, kind, attempt, {}};
  probe.fields = cookie.probe_fields(target, port, kind, attempt);
  return probe;
}

Reply tcp_reply(const Probe& probe, std::uint8_t flags, std::uint32_t seq, std::uint32_t ack) {
  Reply reply;
  reply.family = IpFamily::V6;
  reply.kind = ReplyKind::Tcp;
  reply.ip6.src = probe.target;
  reply.ip6.dst = kSource;
  reply.ip6.hop_limit = 57;
  reply.tcp.src_port = probe.port;
  reply.tcp.dst_port = probe.fields.src_port;
  reply.tcp.seq = seq;
  reply.tcp.ack = ack;
  reply.tcp.flags = flags;
  return reply;
}

Reply syn_ack(const Probe& p) { return tcp_reply(p, tcp_flag::Syn | tcp_flag::Ack, 0x5eed, p.fields.seq + 1); }
Reply rst_ack_to_syn(const Probe& p) { return tcp_reply(p, tcp_flag::Rst | tcp_flag::Ack, 0, p.fields.seq + 1); }
Reply rst_to_ack(const Probe& p) { return tcp_reply(p, tcp_flag::Rst, p.fields.ack, 0); }
Reply rst_ack_to_ack(const Probe& p) { return tcp_reply(p, tcp_flag::Rst | tcp_flag::Ack, p.fields.ack, 0); }

// An ICMPv6 destination unreachable (admin prohibited) from a router,
// quoting the probe.
Reply icmp_error(const Probe& probe) {
  Reply reply;
  reply.family = IpFamily::V6;
  reply.kind = ReplyKind::IcmpError;
  reply.ip6.src = kRouter;
  reply.ip6.dst = kSource;
  reply.icmp.type = 1;
  reply.icmp.code = 1;
  reply.quoted_ip6.src = kSource;
  reply.quoted_ip6.dst = probe.target;
  reply.icmp.quoted.protocol = 6;
  reply.quoted_ip6.flow_label = probe.fields.flow_label;
  reply.icmp.quoted.src_port = probe.fields.src_port;
  reply.icmp.quoted.dst_port = probe.port;
  reply.icmp.quoted.seq = probe.fields.seq;
  return reply;
}

void expect_match(const std::optional<Ipv6CookieMatch>& match, const Probe& probe) {
  ASSERT_TRUE(match.has_value());
  EXPECT_EQ(match->target, probe.target);
  EXPECT_EQ(match->port, probe.port);
  EXPECT_EQ(match->kind, probe.kind);
  EXPECT_EQ(match->attempt, probe.attempt);
}

TEST(Ipv6Cookie, FieldsStayInRangeSynSendsNoAckAndTheFlowLabelHasTwentyBits) {
  const Ipv6Cookie cookie = test_cookie();
  std::mt19937_64 random(7);
  std::set<std::uint32_t> labels;
  for (int i = 0; i < 20000; ++i) {
    const Ipv6 target(random(), random());
    const auto kind = (i & 1) ? ProbeKind::Ack : ProbeKind::Syn;
    const auto fields = cookie.probe_fields(target, std::uint16_t(random()), kind, std::uint8_t(i % 3));
    ASSERT_GE(fields.src_port, kPorts.first);
    ASSERT_LT(fields.src_port, kPorts.first + kPorts.count);
    ASSERT_LE(fields.flow_label, kFlowLabelMask);
    if (kind == ProbeKind::Syn) {
      ASSERT_EQ(fields.ack, 0u);
    }
    labels.insert(fields.flow_label);
  }
  EXPECT_GT(labels.size(), 19000u);  // hashed, not constant
}

TEST(Ipv6Cookie, RetriesUseConsecutiveSourcePortsAndKeepTheFlowLabel) {
  const Ipv6Cookie cookie = test_cookie();
  const auto first = cookie.probe_fields(kTarget, 80, ProbeKind::Syn, 0);
  for (std::uint8_t attempt = 1; attempt < kMaxAttempts; ++attempt) {
    const auto retry = cookie.probe_fields(kTarget, 80, ProbeKind::Syn, attempt);
    EXPECT_EQ((retry.src_port - kPorts.first + kPorts.count - (first.src_port - kPorts.first)) % kPorts.count,
              attempt);
    EXPECT_EQ(retry.flow_label, first.flow_label);
    EXPECT_NE(retry.seq, first.seq);  // another 4-tuple, another hash
  }
}

TEST(Ipv6Cookie, FieldsDependOnEveryPartOfTheFourTupleAndTheKey) {
  const auto fields = test_cookie().probe_fields(kTarget, 443, ProbeKind::Syn, 0);
  auto differs = [&](const Ipv6ProbeFields& other) {
    return other.seq != fields.seq || other.src_port != fields.src_port;
  };
  EXPECT_TRUE(differs(test_cookie().probe_fields(Ipv6(kTarget.hi ^ 1, kTarget.lo), 443, ProbeKind::Syn, 0)));
  EXPECT_TRUE(differs(test_cookie().probe_fields(Ipv6(kTarget.hi, kTarget.lo ^ (1ull << 63)), 443, ProbeKind::Syn, 0)));
  EXPECT_TRUE(differs(test_cookie().probe_fields(kTarget, 444, ProbeKind::Syn, 0)));
  EXPECT_TRUE(differs(test_cookie().probe_fields(kTarget, 443, ProbeKind::Ack, 0)));
  const Ipv6Cookie other_source(kKey, *Ipv6::parse("2001:2::11"), kPorts, kMaxAttempts);
  EXPECT_NE(other_source.probe_fields(kTarget, 443, ProbeKind::Syn, 0).seq, fields.seq);
  const Ipv6Cookie other_key(SipKey{kKey.k0, kKey.k1 + 1}, kSource, kPorts, kMaxAttempts);
  EXPECT_TRUE(differs(other_key.probe_fields(kTarget, 443, ProbeKind::Syn, 0)));
  EXPECT_EQ(test_cookie().probe_fields(kTarget, 443, ProbeKind::Syn, 0).seq, fields.seq);
}

TEST(Ipv6Cookie, IsNotTheIpv4CookieOnAMappedAddress) {
  // Same key, an IPv4-mapped target: the tags and lengths keep the two
  // families' hashes apart.
  const Ipv4 v4_target = Ipv4::from_octets(198, 18, 0, 7);
  const Ipv4 v4_source = Ipv4::from_octets(198, 18, 0, 1);
  const Cookie v4(kKey, v4_source, kPorts, kMaxAttempts);
  const Ipv6Cookie v6(kKey, Ipv6(0, 0xffff00000000ull | v4_source.value), kPorts, kMaxAttempts);
  EXPECT_NE(v4.probe_fields(v4_target, 80, ProbeKind::Syn, 0).seq,
            v6.probe_fields(Ipv6(0, 0xffff00000000ull | v4_target.value), 80, ProbeKind::Syn, 0).seq);
}

TEST(Ipv6Cookie, VerifiesEveryGenuineReplyAtEveryAttempt) {
  const Ipv6Cookie cookie = test_cookie();
  for (std::uint8_t attempt = 0; attempt < kMaxAttempts; ++attempt) {
    const Probe syn = sent(cookie, ProbeKind::Syn, attempt);
    const Probe ack = sent(cookie, ProbeKind::Ack, attempt, 0);  // a port-0 probe
    expect_match(cookie.verify(syn_ack(syn)), syn);
    expect_match(cookie.verify(rst_ack_to_syn(syn)), syn);
    expect_match(cookie.verify(rst_to_ack(ack)), ack);
    expect_match(cookie.verify(rst_ack_to_ack(ack)), ack);
    expect_match(cookie.verify(icmp_error(syn)), syn);
    expect_match(cookie.verify(icmp_error(ack)), ack);
  }
}

TEST(Ipv6Cookie, RoundTripsRandomProbes) {
  const Ipv6Cookie cookie = test_cookie();
  std::mt19937_64 random(11);
  for (int i = 0; i < 5000; ++i) {
    const auto kind = (i & 1) ? ProbeKind::Ack : ProbeKind::Syn;
    const Probe p = sent(cookie, kind, std::uint8_t(i % kMaxAttempts), std::uint16_t(random()),
                         Ipv6(random(), random()));
    expect_match(cookie.verify(kind == ProbeKind::Syn ? syn_ack(p) : rst_to_ack(p)), p);
    expect_match(cookie.verify(icmp_error(p)), p);
  }
}

TEST(Ipv6Cookie, AFixedSourcePortCarriesTheAttemptInTheSequence) {
  const Ipv6Cookie cookie = test_cookie(3, SourcePortRange{53, 1});
  for (std::uint8_t attempt = 0; attempt < 3; ++attempt) {
    const Probe p = sent(cookie, ProbeKind::Syn, attempt);
    EXPECT_EQ(p.fields.src_port, 53);
    expect_match(cookie.verify(syn_ack(p)), p);
    expect_match(cookie.verify(icmp_error(p)), p);
  }
  Probe beyond = sent(cookie, ProbeKind::Syn, 2);
  beyond.fields.seq += 1;  // as attempt 3 would be
  EXPECT_FALSE(cookie.verify(syn_ack(beyond)));
}

TEST(Ipv6Cookie, RejectsNearMisses) {
  const Ipv6Cookie cookie = test_cookie();
  const Probe syn = sent(cookie, ProbeKind::Syn);
  const Probe ack = sent(cookie, ProbeKind::Ack);
  auto rejects = [&](Reply reply, const char* what) { EXPECT_FALSE(cookie.verify(reply)) << what; };

  Reply r = syn_ack(syn);
  r.family = IpFamily::V4;
  rejects(r, "an IPv4 reply");
  r = syn_ack(syn);
  r.ip6.dst = Ipv6(kSource.hi, kSource.lo + 1);
  rejects(r, "addressed to another host");
  r = syn_ack(syn);
  r.ip6.src = Ipv6(kTarget.hi + 1, kTarget.lo);
  rejects(r, "from another /64");
  r = syn_ack(syn);
  r.tcp.ack += 1;
  rejects(r, "wrong ack");
  r = syn_ack(syn);
  r.tcp.src_port += 1;
  rejects(r, "from another port");
  r = syn_ack(syn);
  r.tcp.flags = tcp_flag::Syn;
  rejects(r, "bare SYN");
  r = syn_ack(syn);
  r.tcp.flags = tcp_flag::Syn | tcp_flag::Rst | tcp_flag::Ack;
  rejects(r, "SYN+RST");
  r = rst_to_ack(ack);
  r.tcp.seq += 1;
  rejects(r, "RST with the wrong seq");
  r = tcp_reply(syn, tcp_flag::Rst, 0, 0);
  rejects(r, "bare RST cannot answer a SYN");
  r = icmp_error(syn);
  r.quoted_ip6.src = kRouter;
  rejects(r, "quoting someone else's probe");
  r = icmp_error(syn);
  r.icmp.quoted.protocol = 17;
  rejects(r, "quoting UDP");
  r = icmp_error(syn);
  r.icmp.quoted.seq ^= 0x100;
  rejects(r, "quoting the wrong seq");
  r = icmp_error(syn);
  r.quoted_ip6.dst = Ipv6(kTarget.hi, kTarget.lo ^ 1);
  rejects(r, "quoting another target");
  r = icmp_error(syn);
  r.quoted_ip6.flow_label ^= 1;  // rewritten by a middlebox: still ours
  EXPECT_TRUE(cookie.verify(r));
}

TEST(Ipv6Cookie, RejectsAReplyBeyondTheAttemptWindow) {
  const Ipv6Cookie wide = test_cookie(5);
  const Probe late = sent(wide, ProbeKind::Syn, 4);
  EXPECT_TRUE(wide.verify(syn_ack(late)));
  EXPECT_FALSE(test_cookie(3).verify(syn_ack(late)));
}

TEST(Ipv6Cookie, TheIpv4CookieRejectsIpv6Replies) {
  const Ipv6Cookie cookie = test_cookie();
  const Probe syn = sent(cookie, ProbeKind::Syn);
  const Cookie v4(kKey, Ipv4::from_octets(198, 18, 0, 1), kPorts, kMaxAttempts);
  EXPECT_FALSE(v4.verify(syn_ack(syn)));
  EXPECT_FALSE(v4.verify(icmp_error(syn)));
}

TEST(Ipv6Cookie, AcceptsNoRandomForgeries) {
  const Ipv6Cookie cookie = test_cookie();
  std::mt19937_64 random(99);
  int accepted = 0;
  for (int i = 0; i < 200000; ++i) {
    Probe p;
    p.target = kTarget;
    p.port = std::uint16_t(random());
    p.fields.src_port = std::uint16_t(random());
    p.fields.seq = std::uint32_t(random());
    p.fields.ack = std::uint32_t(random());
    const std::uint8_t flags = (i & 1) ? (tcp_flag::Syn | tcp_flag::Ack) : tcp_flag::Rst;
    if (cookie.verify(tcp_reply(p, flags, p.fields.ack, p.fields.seq + 1))) ++accepted;
    if (cookie.verify(icmp_error(p))) ++accepted;
  }
  EXPECT_EQ(accepted, 0);
}

TEST(Ipv6Cookie, RefusesUnusableConfigurationsLikeTheIpv4Cookie) {
  EXPECT_THROW(test_cookie(3, SourcePortRange{40000, 0}), UsageError);
  EXPECT_THROW(test_cookie(3, SourcePortRange{0, 10}), UsageError);
  EXPECT_THROW(test_cookie(3, SourcePortRange{65000, 1000}), UsageError);
  EXPECT_THROW(test_cookie(0), UsageError);
  try {
    test_cookie(3, SourcePortRange{65000, 1000});
  } catch (const UsageError& e) {
    EXPECT_EQ(std::string(e.what()), "source port range 65000+1000 runs past port 65535");
  }
}

}  // namespace
}  // namespace zeroscan
