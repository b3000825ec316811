// Host discovery (-sn) over the scripted in-memory network: echo, SYN and
// ACK discovery probes; exactly one host-up record per host that answered
// itself (whatever answered first, however many answers came), none for
// silent hosts or hosts only a router spoke for; retries skip hosts up.
#include <gtest/gtest.h>

#include <map>
#include <mutex>

#include "support/scripted_network.h"
#include "zeroscan/engine/scanner.h"
#include "zeroscan/output/host_discovery_sink.h"
#include "zeroscan/parse/reply_parser.h"

namespace zeroscan {
namespace {

Ipv4 ip(const char* text) { return *Ipv4::parse(text); }

class HostUpCollector : public ResultSink {
 public:
  void port(const PortRecord&) override { ++port_records; }
  void host_up(const HostUpRecord& record) override {
    std::lock_guard<std::mutex> lock(mutex_);
    hosts[record.ip.v4().value].push_back(record);
  }
  void finish(const ScanSummary& s) override { summary = s; }
  std::string error() const override { return {}; }

  std::mutex mutex_;
  std::map<std::uint32_t, std::vector<HostUpRecord>> hosts;
  int port_records = 0;
  ScanSummary summary;
};

// nmap's default discovery: echo, SYN to 443, ACK to 80.
const std::vector<ProbeSlot> kDefaultSlots{{0, ProbeKind::Echo}, {443, ProbeKind::Syn}, {80, ProbeKind::Ack}};

struct Discovery {
  Ipv4 source = ip("198.19.1.1");
  TargetSet targets;
  PortSet no_ports;
  ScanSpace space;
  Permutation permutation;
  Cookie cookie;
  ProbeTemplates templates;
  TargetMacs macs;

  Discovery(Ipv4Range range, const std::vector<ProbeSlot>& slots, std::uint8_t attempts)
      : targets({range}, {}),
        space(targets, no_ports, {}, slots),
        permutation(space.size(), 7),
        cookie(SipKey{7, 8}, source, SourcePortRange{40000, 1000}, attempts) {
    TemplateOptions options;
    options.src_ip = source;
    options.src_mac = *MacAddress::parse("02:00:00:00:00:01");
    options.dst_mac = *MacAddress::parse("02:00:00:00:00:02");
    for (ProbeKind kind : {ProbeKind::Syn, ProbeKind::Ack, ProbeKind::Echo}) templates[int(kind)].emplace(kind, options);
  }

  ScanSummary run(ScriptedNetwork& net, ResultSink& writers, std::uint8_t attempts) {
    EngineSettings settings;
    settings.rate = 200000;
    settings.attempts = attempts;
    settings.wait_seconds = 0.3;
    settings.retry_gap_seconds = 0.2;
    settings.host_discovery = true;
    HostDiscoverySink hosts(writers);
    Scanner scanner(ScanJob{space, permutation, cookie, templates, macs, settings, 7, {}, nullptr, {}}, net, net,
                    hosts);
    return scanner.run();
  }
};

TEST(HostDiscoveryTest, OneRecordPerHostUpWithTheReasonOfWhatAnswered) {
  Discovery d({ip("198.18.0.1"), ip("198.18.0.8")}, kDefaultSlots, 2);
  ScriptedNetwork net;
  const Ipv4 router = ip("198.19.0.2");
  net.script_echo(ip("198.18.0.1"), PortBehaviour::open());                    // pingable only
  net.script(ip("198.18.0.2"), 443, PortBehaviour::open());                    // web server, no ping
  net.script(ip("198.18.0.3"), 80, PortBehaviour::closed());                   // ACK draws a RST
  // 198.18.0.4: silent to everything.
  net.script_echo(ip("198.18.0.5"), PortBehaviour::icmp_unreachable(1).from(router));  // a router says "host unreachable"
  net.script_host(ip("198.18.0.5"), PortBehaviour::icmp_unreachable(1).from(router));
  net.script_echo(ip("198.18.0.6"), PortBehaviour::open().duplicate(3));       // answers everything, thrice
  net.script_host(ip("198.18.0.6"), PortBehaviour::open().duplicate(3));
  net.script(ip("198.18.0.7"), 443, PortBehaviour::icmp_unreachable(13));      // its own filter answers
  net.script_echo(ip("198.18.0.8"), PortBehaviour::open().delay(4));           // a slow echo still counts

  HostUpCollector out;
  const ScanSummary summary = d.run(net, out, 2);

  EXPECT_EQ(out.port_records, 0) << "a discovery writes host records only";
  std::map<std::uint32_t, StateReason> reasons;
  for (const auto& [address, records] : out.hosts) {
    ASSERT_EQ(records.size(), 1u) << Ipv4(address).to_string() << " reported more than once";
    reasons[address] = records.front().reason;
    EXPECT_TRUE(records.front().answered);
    EXPECT_EQ(records.front().ttl, 64);
  }
  EXPECT_EQ(reasons.size(), 6u);
  EXPECT_EQ(reasons[ip("198.18.0.1").value], StateReason::EchoReply);
  EXPECT_EQ(reasons[ip("198.18.0.2").value], StateReason::SynAck);
  EXPECT_EQ(reasons[ip("198.18.0.3").value], StateReason::Rst);
  EXPECT_EQ(reasons.count(ip("198.18.0.4").value), 0u);
  EXPECT_EQ(reasons.count(ip("198.18.0.5").value), 0u);
  EXPECT_TRUE(reasons.count(ip("198.18.0.6").value));
  EXPECT_EQ(reasons[ip("198.18.0.7").value], StateReason::IcmpUnreachable);
  EXPECT_EQ(out.hosts.at(ip("198.18.0.7").value).front().icmp_code, 13);
  EXPECT_EQ(reasons[ip("198.18.0.8").value], StateReason::EchoReply);

  EXPECT_TRUE(out.summary.host_discovery);
  EXPECT_EQ(out.summary.hosts_up, 6u);
  EXPECT_EQ(summary.matched, 6u);
  // 198.18.0.6 sent 3 copies of 3 answers: one counted, eight duplicates.
  EXPECT_GE(summary.duplicates, 8u);
}

TEST(HostDiscoveryTest, RetriesGoOnlyToHostsNotYetUp) {
  Discovery d({ip("198.18.0.1"), ip("198.18.0.4")}, kDefaultSlots, 3);
  ScriptedNetwork net;
  net.script_echo(ip("198.18.0.1"), PortBehaviour::open());
  net.script_echo(ip("198.18.0.2"), PortBehaviour::open());
  HostUpCollector out;
  d.run(net, out, 3);
  ASSERT_EQ(out.hosts.size(), 2u);

  // Pass 0 sends every slot of every host (12 frames); the two later passes
  // go only to the two silent hosts (3 slots each, twice).
  std::map<std::uint32_t, int> frames_to;
  for (const auto& frame : net.sent_frames()) {
    const auto probe = parse_reply(frame.data(), frame.size(), LinkType::Ethernet);
    ASSERT_TRUE(probe);
    ++frames_to[probe->ip.dst.value];
  }
  EXPECT_EQ(frames_to[ip("198.18.0.1").value], 3);
  EXPECT_EQ(frames_to[ip("198.18.0.2").value], 3);
  EXPECT_EQ(frames_to[ip("198.18.0.3").value], 9);
  EXPECT_EQ(frames_to[ip("198.18.0.4").value], 9);
}

TEST(HostDiscoveryTest, EchoOnlyDiscoverySendsOnlyEchoRequests) {
  Discovery d({ip("198.18.0.1"), ip("198.18.0.2")}, {{0, ProbeKind::Echo}}, 1);
  ScriptedNetwork net;
  net.script_host(ip("198.18.0.1"), PortBehaviour::open());  // TCP would answer; nothing asks it
  net.script_echo(ip("198.18.0.2"), PortBehaviour::open());
  HostUpCollector out;
  d.run(net, out, 1);
  ASSERT_EQ(out.hosts.size(), 1u);
  EXPECT_TRUE(out.hosts.count(ip("198.18.0.2").value));
  for (const auto& frame : net.sent_frames()) {
    const auto probe = parse_reply(frame.data(), frame.size(), LinkType::Ethernet);
    ASSERT_TRUE(probe);
    EXPECT_EQ(probe->kind, ReplyKind::IcmpEcho);
  }
}

}  // namespace
}  // namespace zeroscan
