// Ipv6ProbeTemplate::stamp against libtins' from-scratch serialization of
// the same probe, the TCP checksum recomputed from scratch over the IPv6
// pseudo-header, and the probe layout.
#include "zeroscan/probe/ipv6_probe_template.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <stdexcept>
#include <vector>

#include "frame_bytes.h"

namespace zeroscan {
namespace {

using test::be16;
using test::be32;
using test::ones_sum;

// RFC 8200 §8.1: source, destination, upper-layer length, next header
// (TCP 6 or ICMPv6 58: both checksums cover the same pseudo-header).
bool tcp_checksum_verifies(const std::vector<std::uint8_t>& frame, std::size_t ip_offset) {
  const std::size_t upper_length = be16(frame, ip_offset + 4);
  std::uint32_t pseudo = ones_sum(frame.data() + ip_offset + 8, 32);
  pseudo += frame[ip_offset + 6] + std::uint32_t(upper_length);
  return ones_sum(frame.data() + ip_offset + 40, upper_length, pseudo) == 0xffff;
}

Ipv6TemplateOptions sample_options(bool ethernet) {
  Ipv6TemplateOptions options;
  options.ethernet = ethernet;
  options.src_mac = *MacAddress::parse("02:00:00:00:00:01");
  options.dst_mac = *MacAddress::parse("02:00:00:00:00:fe");
  options.src_ip = *Ipv6::parse("2001:2::1");
  options.ts_val = 0x01020304;
  return options;
}

struct Probe {
  Ipv6 target;
  std::uint16_t port;
  Ipv6ProbeFields fields;
};

Probe random_probe(std::mt19937_64& random, int i) {
  Probe p;
  p.target = Ipv6(random(), random());
  // Every tenth probe goes to port 0 (-sZ's probes use the same templates).
  p.port = i % 10 == 0 ? 0 : std::uint16_t(random());
  p.fields.src_port = std::uint16_t(random());
  p.fields.seq = std::uint32_t(random());
  p.fields.ack = std::uint32_t(random());
  p.fields.flow_label = std::uint32_t(random()) & kFlowLabelMask;
  // Values whose words sum to the checksum's edge cases come up too.
  if (i % 97 == 1) p.target = Ipv6(~0ull, ~0ull);
  if (i % 97 == 2) p.fields = Ipv6ProbeFields{0xffff, 0xffffffff, 0xffffffff, kFlowLabelMask};
  if (i % 97 == 3) p = Probe{};
  return p;
}

class Ipv6StampAgreement : public ::testing::TestWithParam<std::tuple<ProbeKind, bool>> {};

TEST_P(Ipv6StampAgreement, StampIsByteIdenticalToLibtinsForRandomProbes) {
  const auto [kind, ethernet] = GetParam();
  const Ipv6TemplateOptions options = sample_options(ethernet);
  const Ipv6ProbeTemplate probe_template(kind, options);
  std::mt19937_64 random(0x6e6);
  std::vector<std::uint8_t> stamped(probe_template.size(), 0xaa);
  for (int i = 0; i < 5000; ++i) {
    const Probe p = random_probe(random, i);
    probe_template.stamp(stamped.data(), p.target, p.port, p.fields);
    // An echo request has no port: the template ignores it, as does libtins' build.
    const auto expected = serialize_ipv6_probe(kind, options, p.target, p.port, p.fields);
    ASSERT_EQ(stamped, expected) << "probe " << i << " to " << p.target.to_string() << " port "
                                 << p.port;
    ASSERT_TRUE(tcp_checksum_verifies(stamped, probe_template.ip_offset())) << "probe " << i;
  }
}

INSTANTIATE_TEST_SUITE_P(KindsAndLinks, Ipv6StampAgreement,
                         ::testing::Combine(::testing::Values(ProbeKind::Syn, ProbeKind::Ack, ProbeKind::Echo),
                                            ::testing::Bool()));

TEST(Ipv6ProbeTemplate, SynLayoutIsIpv6WithTheIpv4ProbesOptions) {
  const Ipv6ProbeTemplate syn(ProbeKind::Syn, sample_options(true));
  std::vector<std::uint8_t> frame(syn.size());
  const Ipv6 target = *Ipv6::parse("2001:2::80");
  syn.stamp(frame.data(), target, 443, Ipv6ProbeFields{40000, 0x11223344, 0, 0xabcde});

  EXPECT_EQ(be16(frame, 12), 0x86dd);
  const std::size_t ip = syn.ip_offset();
  EXPECT_EQ(ip, 14u);
  EXPECT_EQ(frame[ip] >> 4, 6);                      // version
  EXPECT_EQ(be32(frame, ip) & 0x0ff00000, 0u);       // traffic class 0
  EXPECT_EQ(be32(frame, ip) & kFlowLabelMask, 0xabcdeu);
  EXPECT_EQ(be16(frame, ip + 4), 40);                // payload: TCP header with 20 option bytes
  EXPECT_EQ(frame[ip + 6], 6);                       // next header: TCP, no extension header
  EXPECT_EQ(frame[ip + 7], 64);                      // hop limit
  EXPECT_EQ(Ipv6::from_bytes(frame.data() + ip + 8), *Ipv6::parse("2001:2::1"));
  EXPECT_EQ(Ipv6::from_bytes(frame.data() + ip + 24), target);

  const std::size_t tcp = syn.tcp_offset();
  EXPECT_EQ(tcp, ip + 40);
  EXPECT_EQ(be16(frame, tcp), 40000);
  EXPECT_EQ(be16(frame, tcp + 2), 443);
  EXPECT_EQ(be32(frame, tcp + 4), 0x11223344u);
  EXPECT_EQ(frame[tcp + 13], 0x02);  // SYN
  // MSS 1440, SACK permitted, timestamp, NOP, window scale 7.
  const std::vector<std::uint8_t> options(frame.begin() + long(tcp) + 20, frame.end());
  const std::vector<std::uint8_t> expected = {2, 4, 0x05, 0xa0, 4, 2, 8, 10, 1, 2, 3, 4, 0, 0, 0, 0, 1, 3, 3, 7};
  EXPECT_EQ(options, expected);
  EXPECT_EQ(frame.size(), 14u + 40 + 40);
}

TEST(Ipv6ProbeTemplate, AckProbeIsABareAckCarryingTheCookieAck) {
  const Ipv6ProbeTemplate ack(ProbeKind::Ack, sample_options(false));
  std::vector<std::uint8_t> frame(ack.size());
  ack.stamp(frame.data(), *Ipv6::parse("2001:2::2"), 0, Ipv6ProbeFields{33000, 7, 0xdeadbeef, 1});
  EXPECT_EQ(ack.ip_offset(), 0u);
  EXPECT_EQ(frame.size(), 40u + 20);
  EXPECT_EQ(be16(frame, 4), 20);
  EXPECT_EQ(be16(frame, 40 + 2), 0);  // port 0 probe
  EXPECT_EQ(be32(frame, 40 + 8), 0xdeadbeefu);
  EXPECT_EQ(frame[40 + 13], 0x10);  // ACK only
  EXPECT_TRUE(tcp_checksum_verifies(frame, 0));
}

TEST(Ipv6ProbeTemplate, EchoProbeIsAnIcmpv6EchoRequestCarryingTheCookieWord) {
  const Ipv6ProbeTemplate echo(ProbeKind::Echo, sample_options(true));
  std::vector<std::uint8_t> frame(echo.size());
  const Ipv6 target = *Ipv6::parse("2001:2::3");
  Ipv6ProbeFields fields;
  fields.seq = 0xa1b2c3d4;
  fields.flow_label = 0x12345;
  echo.stamp(frame.data(), target, 0, fields);
  const std::size_t ip = echo.ip_offset(), icmp = echo.tcp_offset();
  EXPECT_EQ(frame.size(), 14u + 40 + 8) << "no payload, as the IPv4 echo";
  EXPECT_EQ(be16(frame, ip + 4), 8);                  // payload length: the ICMPv6 header alone
  EXPECT_EQ(frame[ip + 6], 58);                       // next header: ICMPv6
  EXPECT_EQ(be32(frame, ip) & kFlowLabelMask, 0x12345u);
  EXPECT_EQ(Ipv6::from_bytes(frame.data() + ip + 24), target);
  EXPECT_EQ(icmp, ip + 40);
  EXPECT_EQ(frame[icmp], 128);                        // echo request (RFC 4443 §4.1)
  EXPECT_EQ(frame[icmp + 1], 0);
  EXPECT_EQ(be16(frame, icmp + 4), 0xa1b2);           // identifier
  EXPECT_EQ(be16(frame, icmp + 6), 0xc3d4);           // sequence
  EXPECT_TRUE(tcp_checksum_verifies(frame, ip));
  // A checksum over the ICMPv6 bytes alone (IPv4's rule) must not verify:
  // the pseudo-header is part of it.
  EXPECT_NE(ones_sum(frame.data() + icmp, 8), 0xffffu);
}

TEST(Ipv6ProbeTemplate, FlowLabelKeepsOnlyTwentyBits) {
  const Ipv6ProbeTemplate syn(ProbeKind::Syn, sample_options(false));
  std::vector<std::uint8_t> frame(syn.size());
  syn.stamp(frame.data(), Ipv6(1, 2), 80, Ipv6ProbeFields{40000, 1, 0, 0xfff12345});
  EXPECT_EQ(be32(frame, 0), 0x60012345u);  // version 6, class 0, label 0x12345
}

TEST(Ipv6ProbeTemplate, PerProbeNextHopMacOverridesTheTemplates) {
  const Ipv6ProbeTemplate syn(ProbeKind::Syn, sample_options(true));
  std::vector<std::uint8_t> frame(syn.size());
  const MacAddress other = *MacAddress::parse("02:11:22:33:44:55");
  syn.stamp(frame.data(), Ipv6(1, 2), 80, Ipv6ProbeFields{}, &other);
  EXPECT_TRUE(std::equal(other.bytes.begin(), other.bytes.end(), frame.begin()));
  EXPECT_EQ(frame[6], 0x02);  // source MAC untouched
  EXPECT_EQ(frame[11], 0x01);
}

TEST(Ipv6ProbeTemplate, RefusesImpossibleOptions) {
  Ipv6TemplateOptions options = sample_options(true);
  options.hop_limit = 0;
  EXPECT_THROW(Ipv6ProbeTemplate(ProbeKind::Syn, options), std::invalid_argument);
  EXPECT_THROW(Ipv6ProbeTemplate(ProbeKind(7), sample_options(true)), std::invalid_argument);
  options = sample_options(true);
  options.hop_limit = 0;
  EXPECT_THROW(Ipv6ProbeTemplate(ProbeKind::Echo, options), std::invalid_argument);
}

}  // namespace
}  // namespace zeroscan
