// ProbeTemplate::stamp against libtins' from-scratch serialization of the same
// fields, checksum verification from scratch, and the probe layouts.
#include "zeroscan/probe/probe_template.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <stdexcept>
#include <vector>

#include "frame_bytes.h"
#include "zeroscan/probe/probe_packet.h"

namespace zeroscan {
namespace {

using test::be16;
using test::be32;
using test::ones_sum;

bool ip_checksum_verifies(const std::vector<std::uint8_t>& frame, std::size_t ip_offset) {
  const std::size_t ihl = std::size_t(frame[ip_offset] & 0x0f) * 4;
  return ones_sum(frame.data() + ip_offset, ihl) == 0xffff;
}

bool tcp_checksum_verifies(const std::vector<std::uint8_t>& frame, std::size_t ip_offset) {
  const std::size_t ihl = std::size_t(frame[ip_offset] & 0x0f) * 4;
  const std::size_t total = be16(frame, ip_offset + 2);
  const std::size_t tcp_length = total - ihl;
  std::uint32_t pseudo = ones_sum(frame.data() + ip_offset + 12, 8);  // src, dst
  pseudo += 6 + std::uint32_t(tcp_length);
  return ones_sum(frame.data() + ip_offset + ihl, tcp_length, pseudo) == 0xffff;
}

TemplateOptions sample_options(bool ethernet) {
  TemplateOptions options;
  options.ethernet = ethernet;
  options.src_mac = *MacAddress::parse("02:00:00:00:00:01");
  options.dst_mac = *MacAddress::parse("02:00:00:00:00:fe");
  options.src_ip = Ipv4::from_octets(127, 0, 0, 1);
  options.ts_val = 0x01020304;
  return options;
}

struct Stamped {
  Ipv4 target;
  std::uint16_t port;
  ProbeFields fields;
};

std::vector<std::uint8_t> stamp(const ProbeTemplate& t, const Stamped& s,
                                const MacAddress* mac = nullptr) {
  std::vector<std::uint8_t> out(t.size(), 0xAA);
  t.stamp(out.data(), s.target, s.port, s.fields, mac);
  return out;
}

// Field values that sit on the edges of the 16/32-bit words, plus random ones.
std::vector<Stamped> field_cases() {
  std::vector<Stamped> cases;
  const std::uint32_t edge32[] = {0, 1, 0xffff, 0x10000, 0x7fffffff, 0xffffffff};
  const std::uint16_t edge16[] = {0, 1, 0x7fff, 0xfffe, 0xffff};
  for (std::uint32_t v : edge32)
    for (std::uint16_t w : edge16)
      cases.push_back({Ipv4(v), w, ProbeFields{w, v, ~v, std::uint16_t(~w)}});
  std::mt19937_64 rng(0x5eed);
  for (int i = 0; i < 3000; ++i) {
    const std::uint64_t r = rng(), s = rng();
    cases.push_back({Ipv4(std::uint32_t(r)), std::uint16_t(r >> 32),
                     ProbeFields{std::uint16_t(r >> 48), std::uint32_t(s), std::uint32_t(s >> 32),
                                 std::uint16_t(rng())}});
  }
  return cases;
}

struct Layout {
  ProbeKind kind;
  bool ethernet;
};

void PrintTo(const Layout& layout, std::ostream* os) {
  *os << to_string(layout.kind) << (layout.ethernet ? "/ethernet" : "/raw-ip");
}

class StampTest : public ::testing::TestWithParam<Layout> {};

TEST_P(StampTest, MatchesFreshLibtinsSerializationForEveryField) {
  const TemplateOptions options = sample_options(GetParam().ethernet);
  const ProbeTemplate probe(GetParam().kind, options);
  for (const Stamped& c : field_cases()) {
    const auto expected = serialize_probe(GetParam().kind, options, c.target, c.port, c.fields);
    ASSERT_EQ(stamp(probe, c), expected)
        << "target " << c.target.to_string() << " port " << c.port << " seq " << c.fields.seq;
  }
}

TEST_P(StampTest, ChecksumsVerifyFromScratch) {
  const ProbeTemplate probe(GetParam().kind, sample_options(GetParam().ethernet));
  for (const Stamped& c : field_cases()) {
    const auto frame = stamp(probe, c);
    ASSERT_TRUE(ip_checksum_verifies(frame, probe.ip_offset()));
    ASSERT_TRUE(tcp_checksum_verifies(frame, probe.ip_offset()));
  }
}

// Choose the low sequence word so the TCP checksum is exactly 0x0000 (the
// one's-complement sum is then 0xffff, "negative zero"), and the IP ID so the
// IP checksum is 0x0000 too: the edge where a sloppy update emits 0xffff.
TEST_P(StampTest, ChecksumsLandingOnZeroMatchFreshSerialization) {
  const TemplateOptions options = sample_options(GetParam().ethernet);
  const ProbeTemplate probe(GetParam().kind, options);
  const std::size_t ip = probe.ip_offset(), tcp = probe.tcp_offset();
  std::mt19937 rng(7);
  int zero_landings = 0;
  for (int i = 0; i < 200; ++i) {
    Stamped c{Ipv4(std::uint32_t(rng())), std::uint16_t(rng()),
              ProbeFields{std::uint16_t(rng()), std::uint32_t(rng() & 0xffff0000u),
                          std::uint32_t(rng()), 0}};
    // With the adjustable word at 0 the checksum is ~S; adding x gives ~(S + x).
    const auto base = serialize_probe(GetParam().kind, options, c.target, c.port, c.fields);
    const std::uint16_t tcp_sum = std::uint16_t(~be16(base, tcp + 16));
    const std::uint16_t ip_sum = std::uint16_t(~be16(base, ip + 10));
    c.fields.seq |= std::uint16_t(0xffff - tcp_sum);
    c.fields.ip_id = std::uint16_t(0xffff - ip_sum);

    const auto expected = serialize_probe(GetParam().kind, options, c.target, c.port, c.fields);
    const auto got = stamp(probe, c);
    ASSERT_EQ(got, expected);
    EXPECT_NE(be16(got, tcp + 16), 0xffff);
    EXPECT_NE(be16(got, ip + 10), 0xffff);
    zero_landings += be16(got, tcp + 16) == 0 && be16(got, ip + 10) == 0;
  }
  EXPECT_EQ(zero_landings, 200);
}

// A template whose own checksums are 0x0000 starts the update from ~HC ==
// 0xffff: src_ip and window are chosen to get there.
TEST_P(StampTest, TemplateWithZeroChecksumsStampsCorrectly) {
  TemplateOptions options = sample_options(GetParam().ethernet);
  options.src_ip = Ipv4(0x7f000000);
  options.window = 0;
  const std::size_t ip = ProbeTemplate(GetParam().kind, options).ip_offset();
  const std::size_t tcp = ProbeTemplate(GetParam().kind, options).tcp_offset();
  {
    const ProbeTemplate first(GetParam().kind, options);
    options.src_ip.value |= std::uint16_t(0xffff - std::uint16_t(~be16(first.bytes(), ip + 10)));
  }
  {
    const ProbeTemplate second(GetParam().kind, options);
    options.window = std::uint16_t(0xffff - std::uint16_t(~be16(second.bytes(), tcp + 16)));
  }
  const ProbeTemplate probe(GetParam().kind, options);
  ASSERT_EQ(be16(probe.bytes(), ip + 10), 0);
  ASSERT_EQ(be16(probe.bytes(), tcp + 16), 0);
  for (const Stamped& c : field_cases()) {
    ASSERT_EQ(stamp(probe, c), serialize_probe(GetParam().kind, options, c.target, c.port, c.fields));
  }
}

TEST_P(StampTest, DestinationMacOverrideChangesOnlyTheMac) {
  const TemplateOptions options = sample_options(GetParam().ethernet);
  const ProbeTemplate probe(GetParam().kind, options);
  const MacAddress other = *MacAddress::parse("0a:1b:2c:3d:4e:5f");
  const Stamped c{Ipv4::from_octets(127, 1, 2, 3), 443, ProbeFields{40000, 123456789, 0, 4242}};
  auto with_default = stamp(probe, c);
  auto with_override = stamp(probe, c, &other);
  if (GetParam().ethernet) {
    EXPECT_TRUE(std::equal(other.bytes.begin(), other.bytes.end(), with_override.begin()));
    std::copy(other.bytes.begin(), other.bytes.end(), with_default.begin());
  }
  EXPECT_EQ(with_override, with_default);
}

INSTANTIATE_TEST_SUITE_P(Layouts, StampTest,
                         ::testing::Values(Layout{ProbeKind::Syn, true}, Layout{ProbeKind::Syn, false},
                                           Layout{ProbeKind::Ack, true}, Layout{ProbeKind::Ack, false}),
                         [](const auto& info) {
                           return std::string(to_string(info.param.kind)) +
                                  (info.param.ethernet ? "Ethernet" : "RawIp");
                         });

TEST(ProbeTemplateTest, SynCarriesLinuxClientOptionsInLinuxOrder) {
  TemplateOptions options = sample_options(true);
  options.mss = 1400;
  options.window_scale = 9;
  options.ts_val = 0xdeadbeef;
  const ProbeTemplate probe(ProbeKind::Syn, options);
  const auto& b = probe.bytes();
  ASSERT_EQ(probe.size(), 14u + 20 + 40);
  EXPECT_EQ(be16(b, 12), 0x0800);
  EXPECT_EQ(b[14], 0x45);                   // IPv4, no IP options
  EXPECT_EQ(be16(b, 14 + 6), 0x4000);       // DF, offset 0
  EXPECT_EQ(b[14 + 8], 64);                 // TTL
  EXPECT_EQ(b[14 + 9], 6);                  // TCP
  EXPECT_EQ(be16(b, 14 + 2), 60);           // total length
  EXPECT_EQ(b[34 + 12] >> 4, 10);           // 40-byte TCP header
  EXPECT_EQ(b[34 + 13], 0x02);              // SYN only
  EXPECT_EQ(be16(b, 34 + 14), 64240);
  const std::vector<std::uint8_t> linux_options = {
      2, 4, 0x05, 0x78,                                  // MSS 1400
      4, 2,                                              // SACK permitted
      8, 10, 0xde, 0xad, 0xbe, 0xef, 0, 0, 0, 0,         // timestamp, echo 0
      1,                                                 // NOP
      3, 3, 9};                                          // window scale 9
  EXPECT_EQ(std::vector<std::uint8_t>(b.begin() + 54, b.end()), linux_options);
}

TEST(ProbeTemplateTest, AckProbeIsABareAckPaddedToMinimumFrame) {
  const ProbeTemplate probe(ProbeKind::Ack, sample_options(true));
  const auto& b = probe.bytes();
  ASSERT_EQ(probe.size(), 60u);  // 54 bytes of headers + Ethernet minimum padding
  EXPECT_EQ(be16(b, 14 + 2), 40);
  EXPECT_EQ(be16(b, 14 + 6), 0x4000);
  EXPECT_EQ(b[34 + 12] >> 4, 5);
  EXPECT_EQ(b[34 + 13], 0x10);
  EXPECT_EQ(std::vector<std::uint8_t>(b.begin() + 54, b.end()), std::vector<std::uint8_t>(6, 0));
}

TEST(ProbeTemplateTest, StampWritesFieldsWhereTheWireExpectsThem) {
  const ProbeTemplate probe(ProbeKind::Ack, sample_options(false));
  const auto b = stamp(probe, {Ipv4::from_octets(127, 9, 8, 7), 8080,
                               ProbeFields{51000, 0x11223344, 0x55667788, 0xbeef}});
  ASSERT_EQ(probe.size(), 40u);
  EXPECT_EQ(be16(b, 4), 0xbeef);
  EXPECT_EQ(be32(b, 12), Ipv4::from_octets(127, 0, 0, 1).value);
  EXPECT_EQ(be32(b, 16), Ipv4::from_octets(127, 9, 8, 7).value);
  EXPECT_EQ(be16(b, 20), 51000);
  EXPECT_EQ(be16(b, 22), 8080);
  EXPECT_EQ(be32(b, 24), 0x11223344u);
  EXPECT_EQ(be32(b, 28), 0x55667788u);
}

TEST(ProbeTemplateTest, RejectsTtlZero) {
  TemplateOptions options = sample_options(true);
  options.ttl = 0;
  EXPECT_THROW(ProbeTemplate(ProbeKind::Syn, options), std::invalid_argument);
}

}  // namespace
}  // namespace zeroscan
