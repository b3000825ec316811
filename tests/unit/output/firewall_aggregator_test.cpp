// FirewallAggregator pairs each port's SYN and ACK records into verdicts,
// judges resets against the host's own SYN-ACKs, and passes records through.
#include "zeroscan/output/firewall_aggregator.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace zeroscan {
namespace {

class Collector : public ResultSink {
 public:
  void port(const PortRecord&) override { ++ports; }
  void firewall(const FirewallRecord& r) override {
    verdicts[{r.ip, r.port}] = r;
    order.push_back(r.ip.to_string() + ":" + std::to_string(r.port));
  }
  void finish(const ScanSummary&) override { finished = true; }
  std::string error() const override { return {}; }
  int ports = 0;
  bool finished = false;
  std::map<std::pair<IpAddress, std::uint16_t>, FirewallRecord> verdicts;
  std::vector<std::string> order;  // "ip:port" in the order verdicts came
};

PortRecord record(const char* ip, std::uint16_t port, ProbeKind kind, PortState state, std::uint8_t ttl = 64,
                  std::uint8_t flags = 0, std::optional<std::uint8_t> icmp_code = std::nullopt) {
  PortRecord r;
  r.ip = *IpAddress::parse(ip);
  r.port = port;
  r.probe = kind;
  r.state = state;
  r.answered = state != PortState::Filtered || icmp_code;
  r.reason = !r.answered ? StateReason::NoResponse
             : icmp_code ? StateReason::IcmpUnreachable
             : state == PortState::Open ? StateReason::SynAck
                                        : StateReason::Rst;
  r.ttl = r.answered ? ttl : 0;
  r.df = r.answered && !icmp_code;
  r.tcp_flags = flags;
  if (icmp_code) {
    r.icmp_type = r.ip.is_v6() ? 1 : 3;  // destination unreachable in the family's numbering
    r.icmp_code = icmp_code;
  }
  return r;
}

constexpr std::uint8_t kSynAck = 0x12, kRst = 0x04, kRstAck = 0x14;

TEST(FirewallAggregatorTest, VerdictsPerPortAndPassThrough) {
  Collector out;
  FirewallAggregator agg(out);
  // Host .5: 22 open, 80 closed, 443 stateless filter, 8080 rejected.
  agg.port(record("198.18.0.5", 22, ProbeKind::Syn, PortState::Open, 64, kSynAck));
  agg.port(record("198.18.0.5", 80, ProbeKind::Ack, PortState::Unfiltered, 64, kRst));
  agg.port(record("198.18.0.5", 22, ProbeKind::Ack, PortState::Unfiltered, 64, kRst));
  agg.port(record("198.18.0.5", 80, ProbeKind::Syn, PortState::Closed, 64, kRstAck));
  agg.port(record("198.18.0.5", 443, ProbeKind::Ack, PortState::Unfiltered, 64, kRst));
  agg.port(record("198.18.0.5", 443, ProbeKind::Syn, PortState::Filtered));
  agg.port(record("198.18.0.5", 8080, ProbeKind::Syn, PortState::Filtered, 64, 0, 13));
  agg.port(record("198.18.0.5", 8080, ProbeKind::Ack, PortState::Filtered, 64, 0, 13));
  agg.finish({});
  EXPECT_EQ(out.ports, 8);
  EXPECT_TRUE(out.finished);
  const auto v = [&](std::uint16_t port) { return out.verdicts.at({*IpAddress::parse("198.18.0.5"), port}); };
  EXPECT_EQ(v(22).verdict, "open");
  EXPECT_EQ(v(80).verdict, "closed");
  EXPECT_EQ(v(443).verdict, "stateless-filter");
  EXPECT_EQ(v(443).syn_reason, StateReason::NoResponse);
  EXPECT_EQ(v(443).ack_state, PortState::Unfiltered);
  EXPECT_EQ(v(8080).verdict, "rejected");
  EXPECT_EQ(v(8080).syn_icmp_code, 13);
  EXPECT_FALSE(v(80).forged_reset);
  EXPECT_FALSE(v(22).explanation.empty());
}

TEST(FirewallAggregatorTest, ResetFromACloserBoxIsForged) {
  Collector out;
  FirewallAggregator agg(out);
  // The host's own replies come through a router (TTL 63); the reset for
  // port 25 comes from the router itself (TTL 64).
  agg.port(record("198.18.0.9", 22, ProbeKind::Syn, PortState::Open, 63, kSynAck));
  agg.port(record("198.18.0.9", 22, ProbeKind::Ack, PortState::Unfiltered, 63, kRst));
  agg.port(record("198.18.0.9", 25, ProbeKind::Syn, PortState::Closed, 64, kRstAck));
  agg.port(record("198.18.0.9", 25, ProbeKind::Ack, PortState::Unfiltered, 63, kRst));
  agg.port(record("198.18.0.9", 26, ProbeKind::Syn, PortState::Closed, 63, kRstAck));
  agg.port(record("198.18.0.9", 26, ProbeKind::Ack, PortState::Unfiltered, 63, kRst));
  agg.finish({});
  const auto v = [&](std::uint16_t port) { return out.verdicts.at({*IpAddress::parse("198.18.0.9"), port}); };
  EXPECT_EQ(v(25).verdict, "reset-by-filter");
  EXPECT_TRUE(v(25).forged_reset);
  EXPECT_EQ(v(25).reset_ttl, 64);
  EXPECT_EQ(v(25).host_ttl, 63);
  EXPECT_EQ(v(26).verdict, "closed");
}

TEST(FirewallAggregatorTest, DropsOnAStatefulHostAreTheStatefulFilter) {
  Collector out;
  FirewallAggregator agg(out);
  agg.port(record("198.18.0.7", 22, ProbeKind::Syn, PortState::Open, 64, kSynAck));
  agg.port(record("198.18.0.7", 22, ProbeKind::Ack, PortState::Filtered));
  agg.port(record("198.18.0.7", 80, ProbeKind::Syn, PortState::Filtered));
  agg.port(record("198.18.0.7", 80, ProbeKind::Ack, PortState::Filtered));
  agg.port(record("198.18.0.8", 80, ProbeKind::Syn, PortState::Filtered));
  agg.port(record("198.18.0.8", 80, ProbeKind::Ack, PortState::Filtered));
  agg.finish({});
  EXPECT_EQ(out.verdicts.at({*IpAddress::parse("198.18.0.7"), 22}).verdict, "open-stateful");
  EXPECT_EQ(out.verdicts.at({*IpAddress::parse("198.18.0.7"), 80}).verdict, "stateful-filter");
  EXPECT_EQ(out.verdicts.at({*IpAddress::parse("198.18.0.8"), 80}).verdict, "drop");
}

TEST(FirewallAggregatorTest, Ipv6HostsGetVerdictsAfterIpv4HostsInNumericOrder) {
  // A run of 2 digests, so the hosts meet again only in the spool's merge.
  Collector out;
  FirewallAggregator agg(out, 2);
  for (const char* ip : {"2001:2::10", "198.18.0.2", "2001:2::9", "::1", "2001:2:1::9"}) {
    agg.port(record(ip, 22, ProbeKind::Ack, PortState::Unfiltered, 64, kRst));
    agg.port(record(ip, 22, ProbeKind::Syn, PortState::Open, 64, kSynAck));
    agg.port(record(ip, 80, ProbeKind::Syn, PortState::Filtered, 63, 0, 1));  // ICMPv6 admin-prohibited
    agg.port(record(ip, 80, ProbeKind::Ack, PortState::Filtered, 63, 0, 1));
  }
  agg.finish({});
  EXPECT_EQ(out.order, (std::vector<std::string>{"198.18.0.2:22", "198.18.0.2:80", "::1:22", "::1:80",
                                                 "2001:2::9:22", "2001:2::9:80", "2001:2::10:22", "2001:2::10:80",
                                                 "2001:2:1::9:22", "2001:2:1::9:80"}));
  const FirewallRecord& open = out.verdicts.at({*IpAddress::parse("2001:2::10"), 22});
  EXPECT_EQ(open.verdict, "open");
  EXPECT_TRUE(open.ip.is_v6());
  const FirewallRecord& rejected = out.verdicts.at({*IpAddress::parse("2001:2:1::9"), 80});
  EXPECT_EQ(rejected.syn_icmp_code, 1);
  EXPECT_EQ(rejected.syn_reason, StateReason::IcmpUnreachable);
}

TEST(FirewallAggregatorTest, DigestsBeyondOneRunSpillAndStillGetVerdicts) {
  // Formerly digests past a fixed count were dropped and no verdict was
  // made; now they spill to the spool and every port keeps its verdict.
  Collector out;
  FirewallAggregator agg(out, 3);
  for (std::uint16_t port = 1; port <= 4; ++port) {
    agg.port(record("198.18.0.1", port, ProbeKind::Syn, PortState::Filtered));
    agg.port(record("198.18.0.2", port, ProbeKind::Syn, PortState::Open, 64, kSynAck));
  }
  for (std::uint16_t port = 1; port <= 4; ++port) {
    agg.port(record("198.18.0.1", port, ProbeKind::Ack, PortState::Filtered));
    agg.port(record("198.18.0.2", port, ProbeKind::Ack, PortState::Unfiltered, 64, kRst));
  }
  agg.finish({});
  EXPECT_EQ(out.ports, 16);
  ASSERT_EQ(out.verdicts.size(), 8u);
  for (std::uint16_t port = 1; port <= 4; ++port) {
    EXPECT_EQ(out.verdicts.at({*IpAddress::parse("198.18.0.1"), port}).verdict, "drop");
    EXPECT_EQ(out.verdicts.at({*IpAddress::parse("198.18.0.2"), port}).verdict, "open");
  }
  EXPECT_TRUE(out.finished);
  EXPECT_TRUE(agg.error().empty());
}

}  // namespace
}  // namespace zeroscan
