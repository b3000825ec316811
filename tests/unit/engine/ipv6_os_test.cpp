// -O over IPv6 on the scripted network: a responsive IPv6 host gets the
// same follow-up probes an IPv4 host gets (stamped from the IPv6 template
// and cookie), their answers verify by the Ipv6Cookie and count as
// follow-up answers, and the host record carries the IPv6 address and
// features without DF or IP ID.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <set>
#include <nlohmann/json.hpp>

#include "support/scripted_network.h"
#include "zeroscan/engine/os_evidence.h"
#include "zeroscan/engine/scanner.h"
#include "zeroscan/fingerprint/database.h"
#include "zeroscan/parse/ipv6_reply_parser.h"

namespace zeroscan {
namespace {

Ipv4 v4(const char* text) { return *Ipv4::parse(text); }
Ipv6 v6(const char* text) { return *Ipv6::parse(text); }

struct Ipv6OsFixture {
  TargetSet targets{{}, {}};
  Ipv6TargetSet targets6{{Ipv6Range{v6("2001:2::1"), v6("2001:2::3")}}, {}};
  PortSet ports{std::vector<std::uint16_t>{22, 80}};
  ScanSpace space{targets, targets6, ports, {ProbeKind::Syn}};
  SipKey key{5, 13};
  Cookie cookie{key, Ipv4(), SourcePortRange{40000, 1000}, 1};
  Ipv6Cookie cookie6{key, v6("2001:2::ff"), SourcePortRange{40000, 1000}, 1};
  ProbeTemplates templates;
  Ipv6ProbeTemplates templates6;
  Ipv6Probing probing{cookie6, templates6};
  TargetMacs macs;

  Ipv6OsFixture() {
    Ipv6TemplateOptions options;
    options.src_ip = cookie6.source();
    options.src_mac = *MacAddress::parse("02:00:00:00:00:01");
    options.dst_mac = *MacAddress::parse("02:00:00:00:00:02");
    // Both kinds, as the CLI builds them: follow-ups use either.
    for (ProbeKind kind : {ProbeKind::Syn, ProbeKind::Ack}) templates6[int(kind)].emplace(kind, options);
  }
};

class HostSink : public ResultSink {
 public:
  void port(const PortRecord&) override {}
  void host(const HostRecord& record) override {
    std::lock_guard<std::mutex> lock(mutex_);
    hosts.push_back(record);
  }
  void finish(const ScanSummary&) override {}
  std::string error() const override { return {}; }
  std::mutex mutex_;
  std::vector<HostRecord> hosts;
};

TEST(Ipv6OsFingerprinting, FollowUpsGoToIpv6HostsAndTheirAnswersBecomeEvidence) {
  Ipv6OsFixture f;
  ScriptedNetwork net;
  net.script(v6("2001:2::1"), 22, PortBehaviour::open());
  net.set_default(PortBehaviour::closed());
  net.script_host(v6("2001:2::3"), PortBehaviour::drop());
  const fingerprint::Matcher matcher(fingerprint::load_builtin_database());
  FollowUpQueue follow_ups;
  OsEvidenceCollector collector(f.space, follow_ups, 0x01020304, fingerprint::RetransmitTiming::Off, 7);
  OsFingerprinting os{collector, follow_ups, matcher};
  EngineSettings settings;
  settings.rate = 200000;
  settings.attempts = 1;
  settings.wait_seconds = 0.3;
  const Permutation order(f.space.size(), 3);
  HostSink sink;
  Scanner scanner(ScanJob{f.space, order, f.cookie, f.templates, f.macs, settings, 3, {}, &os, {}, &f.probing}, net,
                  net, sink);
  const ScanSummary summary = scanner.run();

  // The IPv4 test's counts (ScannerTest.OsFingerprintingSends...): the open
  // host gets port 0 SYN+ACK, an ACK to 22 and a likely-closed SYN; the
  // closed-only host port 0 SYN+ACK and an ACK to a closed port; the silent
  // host nothing beyond the scan's own two probes.
  std::map<Ipv6, std::vector<std::pair<std::uint16_t, std::uint8_t>>> probes;
  for (const auto& frame : net.sent_frames()) {
    const auto p = parse_ipv6_reply(frame.data(), frame.size(), LinkType::Ethernet);
    ASSERT_TRUE(p) << "every probe is IPv6";
    EXPECT_EQ(p->ip6.src, f.cookie6.source());
    probes[p->ip6.dst].push_back({p->tcp.dst_port, p->tcp.flags});
  }
  const auto& open_host = probes[v6("2001:2::1")];
  EXPECT_EQ(open_host.size(), 2u + 4u);
  EXPECT_TRUE(std::count(open_host.begin(), open_host.end(), std::make_pair(std::uint16_t(0), tcp_flag::Syn)));
  EXPECT_TRUE(std::count(open_host.begin(), open_host.end(), std::make_pair(std::uint16_t(0), tcp_flag::Ack)));
  EXPECT_TRUE(std::count(open_host.begin(), open_host.end(), std::make_pair(std::uint16_t(22), tcp_flag::Ack)));
  EXPECT_EQ(probes[v6("2001:2::2")].size(), 2u + 3u);
  EXPECT_EQ(probes[v6("2001:2::3")].size(), 2u);
  EXPECT_EQ(summary.sent, 6u + 4u + 3u);

  ASSERT_EQ(sink.hosts.size(), 2u);
  const HostRecord& host = sink.hosts[0];
  EXPECT_EQ(host.ip, IpAddress(v6("2001:2::1")));
  EXPECT_EQ(sink.hosts[1].ip, IpAddress(v6("2001:2::2")));
  const auto features = nlohmann::json::parse(host.features_json);
  ASSERT_TRUE(features.contains("syn_ack")) << host.features_json;
  ASSERT_TRUE(features.contains("ack_rst")) << "the follow-up ACK's RST verified: " << host.features_json;
  ASSERT_TRUE(features.contains("syn_rst")) << host.features_json;
  ASSERT_TRUE(features.contains("port0")) << host.features_json;
  EXPECT_EQ(features["port0"].value("syn", ""), "rst-ack") << host.features_json;
  EXPECT_FALSE(features["syn_ack"].contains("df")) << host.features_json;
  EXPECT_FALSE(features["syn_ack"].contains("ip_id_zero")) << host.features_json;
  EXPECT_FALSE(features.contains("ip_id_class")) << host.features_json;
  // The scripted stack sends flow label 0 on every connection.
  EXPECT_EQ(features.value("flow_label", ""), "zero") << host.features_json;
  EXPECT_EQ(features["syn_ack"].value("initial_ttl", 0), 64);
  EXPECT_EQ(host.distance, 1);
  EXPECT_EQ(host.best.family, "Linux") << host.observed_entry;
}

// -sZ puts port 0 in the scan itself: no port-0 follow-up is sent, and a
// silent port 0 is evidence ("none") only through the scan's own silence
// records, for an IPv6 host as for an IPv4 one.
TEST(Ipv6OsFingerprinting, ASilentPortZeroInTheScanIsEvidenceForAnIpv6Host) {
  Ipv6OsFixture f;
  const PortSet ports_with_zero{std::vector<std::uint16_t>{0, 22}};
  const ScanSpace space{f.targets, f.targets6, ports_with_zero, {ProbeKind::Syn, ProbeKind::Ack}};
  ScriptedNetwork net;
  net.script(v6("2001:2::1"), 22, PortBehaviour::open());
  net.script(v6("2001:2::1"), 0, PortBehaviour::drop());
  net.set_default(PortBehaviour::drop());
  const fingerprint::Matcher matcher(fingerprint::load_builtin_database());
  FollowUpQueue follow_ups;
  OsEvidenceCollector collector(space, follow_ups, 0x01020304, fingerprint::RetransmitTiming::Off, 7);
  OsFingerprinting os{collector, follow_ups, matcher};
  EngineSettings settings;
  settings.rate = 200000;
  settings.attempts = 1;
  settings.wait_seconds = 0.3;
  const Permutation order(space.size(), 3);
  HostSink sink;
  Scanner scanner(ScanJob{space, order, f.cookie, f.templates, f.macs, settings, 3, {}, &os, {}, &f.probing}, net,
                  net, sink);
  scanner.run();

  ASSERT_EQ(sink.hosts.size(), 1u);
  const auto features = nlohmann::json::parse(sink.hosts[0].features_json);
  ASSERT_TRUE(features.contains("port0")) << sink.hosts[0].features_json;
  EXPECT_EQ(features["port0"].value("syn", ""), "none") << sink.hosts[0].features_json;
  EXPECT_EQ(features["port0"].value("ack", ""), "none") << sink.hosts[0].features_json;
}

TEST(Ipv6OsFingerprinting, TheLikelyClosedPortOfAnIpv6HostIsInTheDynamicRangeAndOutsideTheScan) {
  Ipv6OsFixture f;
  Reply syn_ack;
  syn_ack.family = IpFamily::V6;
  syn_ack.tcp.flags = tcp_flag::Syn | tcp_flag::Ack;
  std::set<std::uint16_t> closed_ports;
  for (const char* host : {"2001:2::1", "2001:2::2", "2001:2::3"}) {
    FollowUpHistory history;
    const auto probes = plan_follow_ups(v6(host), syn_ack, ProbeKind::Syn, 22, f.space, 99, history);
    ASSERT_EQ(probes.size(), 4u);
    for (const ProbeTarget& p : probes) {
      EXPECT_TRUE(p.v6);
      EXPECT_EQ(p.ip6, v6(host));
    }
    EXPECT_EQ(probes[2].port, 22);
    EXPECT_EQ(probes[2].kind, ProbeKind::Ack);
    EXPECT_GE(probes[3].port, 50000);
    EXPECT_LT(probes[3].port, 60000);
    closed_ports.insert(probes[3].port);
  }
  EXPECT_GT(closed_ports.size(), 1u) << "varied by host";
  // IPv4 hosts keep the port they always got (the address value, salted).
  FollowUpHistory history;
  Reply v4_syn_ack = syn_ack;
  v4_syn_ack.family = IpFamily::V4;
  const auto probes = plan_follow_ups(v4("198.18.0.1"), v4_syn_ack, ProbeKind::Syn, 22, f.space, 99, history);
  ASSERT_EQ(probes.size(), 4u);
  EXPECT_FALSE(probes[3].v6);
  const std::uint64_t mix = (std::uint64_t(v4("198.18.0.1").value) ^ 99) * 0x9e3779b97f4a7c15ULL;
  EXPECT_EQ(probes[3].port, 50000 + (mix >> 40) % 10000);
}

}  // namespace
}  // namespace zeroscan
