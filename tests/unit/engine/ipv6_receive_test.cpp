// The IPv6 half of the engine, piece by piece: a mixed ScanSpace (IPv4
// hosts first, then IPv6), probes stamped from the IPv6 template and cookie,
// answered by the scripted network over IPv6, and the receiver turning the
// answers into 64-byte CapturedResults with the right target, state and
// reason — while IPv4 in the same space works as before.
#include <gtest/gtest.h>

#include <map>
#include <mutex>
#include <set>

#include "support/scripted_network.h"
#include "zeroscan/core/errors.h"
#include "zeroscan/engine/captured_result.h"
#include "zeroscan/engine/receiver.h"
#include "zeroscan/engine/scanner.h"
#include "zeroscan/engine/sender.h"

namespace zeroscan {
namespace {

Ipv4 v4(const char* text) { return *Ipv4::parse(text); }
Ipv6 v6(const char* text) { return *Ipv6::parse(text); }

struct MixedFixture {
  TargetSet targets{{Ipv4Range{v4("198.18.0.1"), v4("198.18.0.2")}}, {}};
  Ipv6TargetSet targets6{{Ipv6Range{v6("2001:2::1"), v6("2001:2::3")}}, {}};
  PortSet ports{std::vector<std::uint16_t>{22, 80}};
  ScanSpace space{targets, targets6, ports, {ProbeKind::Syn, ProbeKind::Ack}};
  SipKey key{7, 11};
  Cookie cookie{key, v4("198.19.0.1"), SourcePortRange{40000, 1000}, 2};
  Ipv6Cookie cookie6{key, v6("2001:2::ff"), SourcePortRange{40000, 1000}, 2};
  ProbeTemplates templates;
  Ipv6ProbeTemplates templates6;
  Ipv6Probing probing{cookie6, templates6};
  TargetMacs macs;
  StateTable table{space.size()};
  ResultQueue results{4096};
  ScanCounters counters;
  Receiver receiver{ReceiverContext{space, cookie, &table, results, counters, nullptr, false, &cookie6}};

  MixedFixture() {
    TemplateOptions options;
    options.src_ip = cookie.source();
    options.src_mac = *MacAddress::parse("02:00:00:00:00:01");
    options.dst_mac = *MacAddress::parse("02:00:00:00:00:02");
    Ipv6TemplateOptions options6;
    options6.src_ip = cookie6.source();
    options6.src_mac = options.src_mac;
    options6.dst_mac = options.dst_mac;
    for (ProbeKind kind : {ProbeKind::Syn, ProbeKind::Ack}) {
      templates[int(kind)].emplace(kind, options);
      templates6[int(kind)].emplace(kind, options6);
    }
  }

  // Sends every probe of the space through `net` and feeds every answer to
  // the receiver; returns the results it queued.
  std::vector<CapturedResult> scan(ScriptedNetwork& net) {
    std::vector<std::uint8_t> frame(max_frame_size(templates, &probing));
    for (std::uint64_t i = 0; i < space.size(); ++i) {
      const std::size_t size = stamp_probe(templates, macs, cookie, space.at(i), 0, frame.data(), &probing);
      EXPECT_GT(size, 0u) << "index " << i;
      const FrameRef ref{frame.data(), std::uint32_t(size)};
      net.send(&ref, 1);
    }
    auto handler = [&](const std::uint8_t* data, std::size_t size, std::int64_t ts) {
      receiver.handle_frame(data, size, LinkType::Ethernet, ts);
    };
    const FrameHandler on_frame(handler);
    while (net.dispatch(0, on_frame) > 0) {
    }
    std::vector<CapturedResult> out(64);
    out.resize(results.pop(out.data(), out.size()));
    return out;
  }
};

const CapturedResult* find(const std::vector<CapturedResult>& results, Ipv6 target, std::uint16_t port,
                           ProbeKind kind) {
  for (const CapturedResult& r : results)
    if (r.is_v6() && r.target_v6() == target && r.port == port && ProbeKind(r.probe) == kind) return &r;
  return nullptr;
}

// 2001:2::1 open on 22, closed on 80; 2001:2::2's 22 behind an
// admin-prohibited ICMPv6 error from `router`.
void script_common_hosts(ScriptedNetwork& net, Ipv6 router) {
  net.script(v6("2001:2::1"), 22, PortBehaviour::open());
  net.script(v6("2001:2::1"), 80, PortBehaviour::closed());
  net.script(v6("2001:2::2"), 22, PortBehaviour::icmp_unreachable(1).from(router));  // admin prohibited
}

TEST(MixedScanSpace, Ipv4HostsComeFirstThenIpv6AndEveryIndexRoundTrips) {
  MixedFixture f;
  ASSERT_EQ(f.space.hosts(), 5u);
  ASSERT_EQ(f.space.size(), 5u * 4u);
  std::set<std::uint64_t> seen;
  for (std::uint64_t i = 0; i < f.space.size(); ++i) {
    const ProbeTarget t = f.space.at(i);
    EXPECT_EQ(t.v6, i >= 2 * 4) << i;
    const auto back = t.v6 ? f.space.index_of(t.ip6, t.port, t.kind) : f.space.index_of(t.ip, t.port, t.kind);
    EXPECT_EQ(back, i);
    seen.insert(i);
  }
  EXPECT_EQ(seen.size(), f.space.size());
  EXPECT_FALSE(f.space.index_of(v6("2001:2::4"), 22, ProbeKind::Syn));
  EXPECT_FALSE(f.space.index_of(v6("2001:2::1"), 23, ProbeKind::Syn));
  // An IPv4-only space has no IPv6 host at all.
  const ScanSpace v4_only(f.targets, f.ports, {ProbeKind::Syn});
  EXPECT_FALSE(v4_only.index_of(v6("2001:2::1"), 22, ProbeKind::Syn));
}

TEST(MixedScanSpace, TooManyHostsAcrossBothFamiliesIsRefused) {
  const TargetSet targets({Ipv4Range{v4("10.0.0.0"), v4("10.255.255.255")}}, {});
  const Ipv6TargetSet huge({Ipv6Range{v6("2001:2::"), v6("2001:2::ffff:ffff:ffff")}}, {});
  const PortSet ports(std::vector<std::uint16_t>{1, 2, 3, 4});
  EXPECT_THROW(ScanSpace(targets, huge, ports, {ProbeKind::Syn}), UsageError);
}

TEST(Ipv6Receive, SynAndAckAnswersOverIpv6BecomeResultsForTheRightTargets) {
  MixedFixture f;
  ScriptedNetwork net;
  const Ipv6 router = v6("2001:2::fffe");
  script_common_hosts(net, router);
  net.script(v6("2001:2::2"), 80, PortBehaviour::icmp_unreachable(4));               // port unreachable
  net.script(v4("198.18.0.1"), 22, PortBehaviour::open());
  // Everything else: silence.

  const std::vector<CapturedResult> results = f.scan(net);

  const CapturedResult* open = find(results, v6("2001:2::1"), 22, ProbeKind::Syn);
  ASSERT_NE(open, nullptr);
  EXPECT_EQ(PortState(open->state), PortState::Open);
  EXPECT_EQ(StateReason(open->reason), StateReason::SynAck);
  EXPECT_EQ(open->ttl, 64);  // the hop limit
  EXPECT_TRUE(open->bits & CapturedResult::kHasMss);
  EXPECT_EQ(open->tcp.mss, 1460);

  const CapturedResult* closed = find(results, v6("2001:2::1"), 80, ProbeKind::Syn);
  ASSERT_NE(closed, nullptr);
  EXPECT_EQ(PortState(closed->state), PortState::Closed);
  EXPECT_EQ(StateReason(closed->reason), StateReason::Rst);

  // ACK probes: a RST from an open and a closed port alike says unfiltered.
  for (std::uint16_t port : {22, 80}) {
    const CapturedResult* ack = find(results, v6("2001:2::1"), port, ProbeKind::Ack);
    ASSERT_NE(ack, nullptr) << port;
    EXPECT_EQ(PortState(ack->state), PortState::Unfiltered);
  }

  const CapturedResult* prohibited = find(results, v6("2001:2::2"), 22, ProbeKind::Syn);
  ASSERT_NE(prohibited, nullptr);
  EXPECT_EQ(PortState(prohibited->state), PortState::Filtered);
  EXPECT_EQ(StateReason(prohibited->reason), StateReason::IcmpUnreachable);
  ASSERT_TRUE(prohibited->bits & CapturedResult::kIcmp);
  EXPECT_EQ(prohibited->icmp.type, 1);
  EXPECT_EQ(prohibited->icmp.code, 1);
  EXPECT_EQ(icmp_responder(*prohibited), router);

  const CapturedResult* port_unreach = find(results, v6("2001:2::2"), 80, ProbeKind::Syn);
  ASSERT_NE(port_unreach, nullptr);
  EXPECT_EQ(icmp_responder(*port_unreach), v6("2001:2::2"));  // the target itself
  EXPECT_EQ(port_unreach->icmp.code, 4);

  EXPECT_EQ(find(results, v6("2001:2::3"), 22, ProbeKind::Syn), nullptr);  // silent

  // The IPv4 host in the same space still answers as IPv4.
  bool v4_open = false;
  for (const CapturedResult& r : results)
    if (!r.is_v6() && r.target_v4() == v4("198.18.0.1") && r.port == 22 && ProbeKind(r.probe) == ProbeKind::Syn)
      v4_open = PortState(r.state) == PortState::Open;
  EXPECT_TRUE(v4_open);
  EXPECT_EQ(f.counters.invalid.load(), 0u);
}

TEST(Ipv6Receive, WithoutAnIpv6CookieIpv6FramesAreInvalidAndIpv6TargetsAreNotStamped) {
  MixedFixture f;
  std::vector<std::uint8_t> frame(max_frame_size(f.templates, &f.probing));
  const ProbeTarget target = f.space.at(f.space.size() - 1);
  ASSERT_TRUE(target.v6);
  EXPECT_EQ(stamp_probe(f.templates, f.macs, f.cookie, target, 0, frame.data()), 0u);
  const std::size_t size = stamp_probe(f.templates, f.macs, f.cookie, target, 0, frame.data(), &f.probing);
  ASSERT_EQ(size, f.templates6[int(target.kind)]->size());

  ScanCounters counters;
  Receiver v4_only(ReceiverContext{f.space, f.cookie, &f.table, f.results, counters});
  v4_only.handle_frame(frame.data(), size, LinkType::Ethernet, 0);
  EXPECT_EQ(counters.invalid.load(), 1u);
}

class RecordingSink : public ResultSink {
 public:
  void port(const PortRecord& record) override {
    std::lock_guard<std::mutex> lock(mutex_);
    records[{record.ip, record.port, record.probe}].push_back(record);
  }
  void finish(const ScanSummary& s) override { summary = s; }
  std::string error() const override { return {}; }

  std::mutex mutex_;
  std::map<std::tuple<IpAddress, std::uint16_t, ProbeKind>, std::vector<PortRecord>> records;
  ScanSummary summary;
};

// The Scanner end to end over a mixed space: every (address, port, kind) of
// both families gets exactly one record, IPv6 ones carrying IPv6 addresses.
TEST(Ipv6Scan, EveryPairOfBothFamiliesGetsOneRecordWithItsStateAndReason) {
  MixedFixture f;
  ScriptedNetwork net;
  const Ipv6 router = v6("2001:2::fffe");
  script_common_hosts(net, router);
  net.script_host(v6("2001:2::3"), PortBehaviour::open().duplicate(2));
  net.script(v4("198.18.0.1"), 22, PortBehaviour::open());
  EngineSettings settings;
  settings.rate = 100000;
  settings.attempts = 2;
  settings.wait_seconds = 0.3;
  settings.retry_gap_seconds = 0.1;
  const Permutation order(f.space.size(), 9);
  RecordingSink sink;
  Scanner scanner(ScanJob{f.space, order, f.cookie, f.templates, f.macs, settings, 9, {}, nullptr, {}, &f.probing},
                  net, net, sink);
  const ScanSummary summary = scanner.run();

  ASSERT_EQ(sink.records.size(), f.space.size());
  for (const auto& [key, list] : sink.records) EXPECT_EQ(list.size(), 1u) << std::get<0>(key).to_string();
  auto record = [&](IpAddress ip, std::uint16_t port, ProbeKind kind) -> const PortRecord& {
    return sink.records.at({ip, port, kind}).front();
  };
  const PortRecord& open = record(v6("2001:2::1"), 22, ProbeKind::Syn);
  EXPECT_EQ(open.state, PortState::Open);
  EXPECT_EQ(open.reason, StateReason::SynAck);
  EXPECT_TRUE(open.ip.is_v6());
  EXPECT_EQ(open.responder, IpAddress(v6("2001:2::1")));
  EXPECT_EQ(open.tcp_options.substr(0, 5), "MSTNW");
  EXPECT_EQ(record(v6("2001:2::1"), 80, ProbeKind::Syn).state, PortState::Closed);
  EXPECT_EQ(record(v6("2001:2::1"), 80, ProbeKind::Ack).state, PortState::Unfiltered);
  const PortRecord& prohibited = record(v6("2001:2::2"), 22, ProbeKind::Syn);
  EXPECT_EQ(prohibited.state, PortState::Filtered);
  EXPECT_EQ(prohibited.reason, StateReason::IcmpUnreachable);
  EXPECT_EQ(prohibited.icmp_type, 1);
  EXPECT_EQ(prohibited.icmp_code, 1);
  EXPECT_EQ(prohibited.responder, IpAddress(router));
  const PortRecord& silent = record(v6("2001:2::2"), 80, ProbeKind::Syn);
  EXPECT_EQ(silent.state, PortState::Filtered);
  EXPECT_EQ(silent.reason, StateReason::NoResponse);
  EXPECT_FALSE(silent.answered);
  EXPECT_EQ(record(v4("198.18.0.1"), 22, ProbeKind::Syn).state, PortState::Open);

  EXPECT_EQ(summary.targets, 5u);
  EXPECT_EQ(summary.open, 4u);        // 2001:2::1/22, 2001:2::3/22 and /80, 198.18.0.1/22
  EXPECT_EQ(summary.duplicates, 4u);  // 2001:2::3 answers every probe twice
}

TEST(CapturedResultLayout, OptionLettersPackIntoTwentyBytesAndComeBackUnchanged) {
  for (const char* layout : {"", "MSTNW", "MNWNNS", "MNWNNTSE?",
                             "NNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNN" /* 40 letters */}) {
    std::uint8_t packed[kPackedOptionBytes];
    pack_option_letters(layout, packed);
    std::string back;
    unpack_option_letters(packed, back);
    EXPECT_EQ(back, layout);
  }
  static_assert(sizeof(CapturedResult) == 64, "one cache line, as decided");
}

}  // namespace
}  // namespace zeroscan
