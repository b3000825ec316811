// A probe stamped by ProbeTemplate, parsed back by parse_reply, gives back
// every field it was stamped with: the sender and the receiver agree on the
// wire format, including the SYN option set.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "zeroscan/parse/reply_parser.h"
#include "zeroscan/probe/probe_template.h"

namespace zeroscan {
namespace {

struct RoundTrip {
  ProbeKind kind;
  bool ethernet;
};

void PrintTo(const RoundTrip& r, std::ostream* os) {
  *os << to_string(r.kind) << (r.ethernet ? "/ethernet" : "/raw-ip");
}

class RoundTripTest : public ::testing::TestWithParam<RoundTrip> {};

TEST_P(RoundTripTest, ParsedProbeHasTheStampedFields) {
  TemplateOptions options;
  options.ethernet = GetParam().ethernet;
  options.src_ip = Ipv4::from_octets(127, 0, 0, 1);
  options.ttl = 61;
  options.window = 29200;
  options.mss = 1400;
  options.window_scale = 10;
  options.ts_val = 0x55aa55aa;
  const ProbeTemplate probe(GetParam().kind, options);
  const LinkType link = GetParam().ethernet ? LinkType::Ethernet : LinkType::RawIp;
  const bool syn = GetParam().kind == ProbeKind::Syn;

  std::mt19937_64 rng(99);
  std::vector<std::uint8_t> frame(probe.size());
  for (int i = 0; i < 500; ++i) {
    const Ipv4 target{static_cast<std::uint32_t>(rng())};
    const auto port = std::uint16_t(rng());
    const ProbeFields fields{std::uint16_t(rng()), std::uint32_t(rng()), std::uint32_t(rng()),
                             std::uint16_t(rng())};
    probe.stamp(frame.data(), target, port, fields);
    const auto reply = parse_reply(frame.data(), frame.size(), link);
    ASSERT_TRUE(reply.has_value());
    EXPECT_EQ(reply->kind, ReplyKind::Tcp);
    EXPECT_EQ(reply->ip.src, options.src_ip);
    EXPECT_EQ(reply->ip.dst, target);
    EXPECT_EQ(reply->ip.ttl, options.ttl);
    EXPECT_EQ(reply->ip.id, fields.ip_id);
    EXPECT_TRUE(reply->ip.df);
    EXPECT_EQ(reply->ip.total_length, syn ? 60 : 40);
    EXPECT_EQ(reply->tcp.src_port, fields.src_port);
    EXPECT_EQ(reply->tcp.dst_port, port);
    EXPECT_EQ(reply->tcp.seq, fields.seq);
    EXPECT_EQ(reply->tcp.ack, fields.ack);
    EXPECT_EQ(reply->tcp.flags, syn ? tcp_flag::Syn : tcp_flag::Ack);
    EXPECT_EQ(reply->tcp.window, options.window);
    EXPECT_EQ(reply->tcp.payload_length, 0);
    const TcpOptions& o = reply->tcp.options;
    EXPECT_FALSE(o.malformed);
    if (syn) {
      EXPECT_STREQ(o.layout.data(), "MSTNW");
      EXPECT_EQ(o.mss, options.mss);
      EXPECT_EQ(o.wscale, options.window_scale);
      EXPECT_TRUE(o.sack_permitted);
      EXPECT_EQ(o.ts_val, options.ts_val);
      EXPECT_EQ(o.ts_ecr, 0u);
    } else {
      EXPECT_STREQ(o.layout.data(), "");
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Probes, RoundTripTest,
                         ::testing::Values(RoundTrip{ProbeKind::Syn, true}, RoundTrip{ProbeKind::Syn, false},
                                           RoundTrip{ProbeKind::Ack, true}, RoundTrip{ProbeKind::Ack, false}));

}  // namespace
}  // namespace zeroscan
