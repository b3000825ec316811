// The ICMP echo request template (-sn -PE): stamp() against libtins'
// from-scratch serialization, the ICMP checksum from scratch, and the
// identifier/sequence landing where an echo reply returns them.
#include "zeroscan/probe/probe_template.h"

#include <gtest/gtest.h>

#include <random>

#include "zeroscan/parse/reply_parser.h"
#include "zeroscan/probe/probe_packet.h"

namespace zeroscan {
namespace {

std::uint32_t ones_sum(const std::uint8_t* p, std::size_t n) {
  std::uint32_t sum = 0;
  for (std::size_t i = 0; i + 1 < n; i += 2) sum += std::uint32_t((p[i] << 8) | p[i + 1]);
  if (n % 2) sum += std::uint32_t(p[n - 1] << 8);
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return sum;
}

TemplateOptions options(bool ethernet) {
  TemplateOptions o;
  o.ethernet = ethernet;
  o.src_mac = *MacAddress::parse("02:00:00:00:00:01");
  o.dst_mac = *MacAddress::parse("02:00:00:00:00:fe");
  o.src_ip = Ipv4::from_octets(198, 19, 1, 1);
  return o;
}

class EchoTemplateTest : public ::testing::TestWithParam<bool> {};

TEST_P(EchoTemplateTest, StampMatchesFreshSerializationAndChecksumsVerify) {
  const TemplateOptions o = options(GetParam());
  const ProbeTemplate probe(ProbeKind::Echo, o);
  std::mt19937_64 rng(12);
  const std::uint32_t edges[] = {0, 1, 0xffff, 0x10000, 0xfffeffff, 0xffffffff};
  for (int i = 0; i < 2000; ++i) {
    ProbeFields fields;
    fields.seq = i < 6 ? edges[i] : std::uint32_t(rng());
    fields.ip_id = std::uint16_t(rng());
    const Ipv4 target{std::uint32_t(rng())};
    std::vector<std::uint8_t> frame(probe.size(), 0xAA);
    probe.stamp(frame.data(), target, 0, fields);
    ASSERT_EQ(frame, serialize_probe(ProbeKind::Echo, o, target, 0, fields)) << "seq " << fields.seq;
    const std::size_t ip = probe.ip_offset(), icmp = probe.tcp_offset();
    ASSERT_EQ(ones_sum(frame.data() + ip, icmp - ip), 0xffffu);
    const std::size_t total = std::size_t(frame[ip + 2] << 8 | frame[ip + 3]);
    ASSERT_EQ(total, (icmp - ip) + 8) << "an echo request without payload";
    ASSERT_EQ(ones_sum(frame.data() + icmp, 8), 0xffffu);
  }
}

TEST_P(EchoTemplateTest, IdentifierAndSequenceCarryTheCookieWord) {
  const ProbeTemplate probe(ProbeKind::Echo, options(GetParam()));
  ProbeFields fields;
  fields.seq = 0xa1b2c3d4;
  fields.ip_id = 0x4242;
  std::vector<std::uint8_t> frame(probe.size());
  probe.stamp(frame.data(), Ipv4::from_octets(198, 18, 0, 9), 0, fields);
  const auto parsed = parse_reply(frame.data(), frame.size(), GetParam() ? LinkType::Ethernet : LinkType::RawIp);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->kind, ReplyKind::IcmpEcho);
  EXPECT_EQ(parsed->icmp.type, 8);
  EXPECT_EQ(parsed->icmp.echo, 0xa1b2c3d4u);
  EXPECT_EQ(parsed->ip.id, 0x4242);
  EXPECT_EQ(parsed->ip.dst, Ipv4::from_octets(198, 18, 0, 9));
}

INSTANTIATE_TEST_SUITE_P(Layouts, EchoTemplateTest, ::testing::Values(true, false),
                         [](const auto& info) { return std::string(info.param ? "Ethernet" : "RawIp"); });

}  // namespace
}  // namespace zeroscan
