// The whole engine over the scripted in-memory network: every probed pair
// gets exactly one record with the right state; duplicates, delays, ICMP from
// routers, garbage and hostile frames are counted, never trusted; retries go
// only to silent pairs and from a different source port.
#include "zeroscan/engine/scanner.h"

#include <gtest/gtest.h>

#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "support/hostile_frames.h"
#include "support/scripted_network.h"
#include "zeroscan/engine/clock.h"
#include "zeroscan/fingerprint/database.h"
#include "zeroscan/parse/reply_parser.h"

namespace zeroscan {
namespace {

Ipv4 ip(const char* text) { return *Ipv4::parse(text); }

class CollectingSink : public ResultSink {
 public:
  void port(const PortRecord& record) override {
    std::lock_guard<std::mutex> lock(mutex_);
    records.push_back(record);
  }
  void finish(const ScanSummary& s) override {
    summary = s;
    finished = true;
  }
  std::string error() const override { return {}; }

  std::map<std::tuple<std::uint32_t, std::uint16_t, int>, std::vector<PortRecord>> by_key() const {
    std::map<std::tuple<std::uint32_t, std::uint16_t, int>, std::vector<PortRecord>> out;
    for (const auto& r : records) out[{r.ip.v4().value, r.port, int(r.probe)}].push_back(r);
    return out;
  }

  std::mutex mutex_;
  std::vector<PortRecord> records;
  ScanSummary summary;
  bool finished = false;
};

struct Fixture {
  Ipv4 source = ip("198.19.0.1");
  TargetSet targets;
  PortSet ports;
  std::vector<ProbeKind> kinds;
  ScanSpace space;
  Permutation permutation;
  Cookie cookie;
  ProbeTemplates templates;
  TargetMacs macs;

  Fixture(std::vector<Ipv4Range> target_ranges, std::vector<std::uint16_t> port_list,
          std::vector<ProbeKind> probe_kinds, std::uint8_t attempts, std::uint64_t seed = 42)
      : targets(std::move(target_ranges), {}),
        ports(std::move(port_list)),
        kinds(std::move(probe_kinds)),
        space(targets, ports, kinds),
        permutation(space.size(), seed),
        cookie(SipKey{seed, ~seed}, source, SourcePortRange{40000, 1000}, attempts) {
    TemplateOptions options;
    options.src_ip = source;
    options.src_mac = *MacAddress::parse("02:00:00:00:00:01");
    options.dst_mac = *MacAddress::parse("02:00:00:00:00:02");
    // Every kind, as the CLI builds them: follow-ups may use either.
    for (ProbeKind kind : {ProbeKind::Syn, ProbeKind::Ack}) templates[int(kind)].emplace(kind, options);
  }

  ScanJob job(EngineSettings settings) const {
    return ScanJob{space, permutation, cookie, templates, macs, settings, 42, {}, nullptr, {}};
  }
};

EngineSettings fast_settings(std::uint8_t attempts) {
  EngineSettings s;
  s.rate = 200000;
  s.attempts = attempts;
  s.wait_seconds = 0.3;
  s.retry_gap_seconds = 0.2;
  return s;
}

TEST(ScannerTest, SynScanGivesEveryPairExactlyOneCorrectRecord) {
  Fixture f({{ip("198.18.0.1"), ip("198.18.0.4")}}, {22, 80, 443, 8080}, {ProbeKind::Syn}, 2);
  ScriptedNetwork net;
  const Ipv4 router = ip("198.18.9.9");
  net.script(ip("198.18.0.1"), 22, PortBehaviour::open());
  net.script(ip("198.18.0.1"), 80, PortBehaviour::closed());
  net.script(ip("198.18.0.1"), 443, PortBehaviour::icmp_unreachable(13));
  net.script(ip("198.18.0.1"), 8080, PortBehaviour::icmp_unreachable(1).from(router));
  net.script_host(ip("198.18.0.2"), PortBehaviour::open().duplicate(3));
  net.script_host(ip("198.18.0.3"), PortBehaviour::closed().delay(3));
  // 198.18.0.4: default drop.
  for (const auto& hostile : hostile_frames(f.source)) net.inject(hostile.bytes);

  CollectingSink sink;
  Scanner scanner(f.job(fast_settings(2)), net, net, sink);
  const ScanSummary summary = scanner.run();

  ASSERT_TRUE(sink.finished);
  const auto records = sink.by_key();
  ASSERT_EQ(records.size(), 16u);
  for (const auto& [key, list] : records) EXPECT_EQ(list.size(), 1u) << "duplicate records";

  auto state_of = [&](const char* address, std::uint16_t port) {
    const PortRecord& r = records.at({ip(address).value, port, int(ProbeKind::Syn)}).front();
    return std::make_pair(r.state, r.reason);
  };
  EXPECT_EQ(state_of("198.18.0.1", 22), std::make_pair(PortState::Open, StateReason::SynAck));
  EXPECT_EQ(state_of("198.18.0.1", 80), std::make_pair(PortState::Closed, StateReason::Rst));
  EXPECT_EQ(state_of("198.18.0.1", 443), std::make_pair(PortState::Filtered, StateReason::IcmpUnreachable));
  EXPECT_EQ(state_of("198.18.0.1", 8080), std::make_pair(PortState::Filtered, StateReason::IcmpUnreachable));
  for (std::uint16_t port : {22, 80, 443, 8080}) {
    EXPECT_EQ(state_of("198.18.0.2", port).first, PortState::Open);
    EXPECT_EQ(state_of("198.18.0.3", port).first, PortState::Closed);
    EXPECT_EQ(state_of("198.18.0.4", port), std::make_pair(PortState::Filtered, StateReason::NoResponse));
  }

  const PortRecord& icmp = records.at({ip("198.18.0.1").value, 8080, int(ProbeKind::Syn)}).front();
  EXPECT_EQ(icmp.responder, router);
  EXPECT_EQ(icmp.icmp_code, 1);
  const PortRecord& open = records.at({ip("198.18.0.1").value, 22, int(ProbeKind::Syn)}).front();
  EXPECT_EQ(open.ttl, 64);
  EXPECT_EQ(open.window, 65160);
  EXPECT_EQ(open.mss, 1460);
  EXPECT_EQ(open.tcp_options.substr(0, 5), "MSTNW");

  EXPECT_EQ(summary.open, 5u);
  EXPECT_EQ(summary.closed, 5u);
  EXPECT_EQ(summary.filtered, 6u);
  EXPECT_EQ(summary.matched, 12u);
  EXPECT_EQ(summary.duplicates, 4u * 2u);  // 198.18.0.2: 3 copies of 4 answers
  EXPECT_GE(summary.invalid, hostile_frames(f.source).size());
  // Pass 0: 16 probes; pass 1: only the 4 silent pairs of 198.18.0.4.
  EXPECT_EQ(summary.sent, 20u);
  EXPECT_EQ(net.sent_count(), 20u);
  EXPECT_FALSE(summary.interrupted);
}

TEST(ScannerTest, RetriesComeFromADifferentSourcePort) {
  Fixture f({{ip("198.18.0.4"), ip("198.18.0.4")}}, {8080}, {ProbeKind::Syn}, 3);
  ScriptedNetwork net;
  CollectingSink sink;
  Scanner scanner(f.job(fast_settings(3)), net, net, sink);
  scanner.run();
  const auto frames = net.sent_frames();
  ASSERT_EQ(frames.size(), 3u);
  std::set<std::uint16_t> source_ports;
  for (const auto& frame : frames) {
    const auto parsed = parse_reply(frame.data(), frame.size(), LinkType::Ethernet);
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->tcp.dst_port, 8080);
    source_ports.insert(parsed->tcp.src_port);
  }
  EXPECT_EQ(source_ports.size(), 3u);
}

TEST(ScannerTest, AckScanSaysUnfilteredOrFiltered) {
  Fixture f({{ip("198.18.0.1"), ip("198.18.0.1")}}, {22, 80, 443, 8080}, {ProbeKind::Ack}, 1);
  ScriptedNetwork net;
  net.script(ip("198.18.0.1"), 22, PortBehaviour::open());
  net.script(ip("198.18.0.1"), 80, PortBehaviour::closed());
  net.script(ip("198.18.0.1"), 443, PortBehaviour::icmp_unreachable(13));
  CollectingSink sink;
  Scanner scanner(f.job(fast_settings(1)), net, net, sink);
  const ScanSummary summary = scanner.run();
  const auto records = sink.by_key();
  auto state = [&](std::uint16_t port) {
    return records.at({ip("198.18.0.1").value, port, int(ProbeKind::Ack)}).front().state;
  };
  EXPECT_EQ(state(22), PortState::Unfiltered);
  EXPECT_EQ(state(80), PortState::Unfiltered);
  EXPECT_EQ(state(443), PortState::Filtered);
  EXPECT_EQ(state(8080), PortState::Filtered);
  EXPECT_EQ(summary.unfiltered, 2u);
  EXPECT_EQ(summary.filtered, 2u);
}

TEST(ScannerTest, SynAndAckProbesShareOnePass) {
  Fixture f({{ip("198.18.0.1"), ip("198.18.0.8")}}, {22, 80}, {ProbeKind::Syn, ProbeKind::Ack}, 1);
  ScriptedNetwork net;
  net.set_default(PortBehaviour::closed());
  CollectingSink sink;
  Scanner scanner(f.job(fast_settings(1)), net, net, sink);
  const ScanSummary summary = scanner.run();
  EXPECT_EQ(sink.records.size(), 32u);
  EXPECT_EQ(summary.closed, 16u);
  EXPECT_EQ(summary.unfiltered, 16u);
  EXPECT_EQ(net.sent_count(), 32u);
}

TEST(ScannerTest, ShortSendsAreRetriedNotLost) {
  Fixture f({{ip("198.18.0.0"), ip("198.18.0.255")}}, {80}, {ProbeKind::Syn}, 1);
  ScriptedNetwork net;
  net.accept_at_most(3);
  net.set_default(PortBehaviour::closed());
  CollectingSink sink;
  EngineSettings settings = fast_settings(1);
  settings.rate = 1e6;  // batches of 64, accepted 3 at a time
  Scanner scanner(f.job(settings), net, net, sink);
  const ScanSummary summary = scanner.run();
  EXPECT_EQ(net.sent_count(), 256u);
  EXPECT_EQ(summary.closed, 256u);
}

TEST(ScannerTest, SeveralSenderThreadsCoverTheScanExactlyOnce) {
  for (unsigned threads : {2u, 3u}) {
    Fixture f({{ip("198.18.0.0"), ip("198.18.1.255")}}, {22, 80, 443}, {ProbeKind::Syn}, 2);
    ScriptedNetwork net;
    net.set_default(PortBehaviour::closed());
    net.script_host(ip("198.18.0.9"), PortBehaviour::drop());
    CollectingSink sink;
    EngineSettings settings = fast_settings(2);
    settings.sender_threads = threads;
    Scanner scanner(f.job(settings), std::vector<PacketSink*>(threads, &net), net, sink);
    const ScanSummary summary = scanner.run();
    const auto records = sink.by_key();
    EXPECT_EQ(records.size(), 512u * 3u) << threads << " threads";
    for (const auto& [key, list] : records) EXPECT_EQ(list.size(), 1u);
    // Pass 0 probes every pair once; the retry pass only the 3 dropped ones.
    EXPECT_EQ(net.sent_count(), 512u * 3u + 3u) << threads << " threads";
    EXPECT_EQ(summary.closed, 512u * 3u - 3u);
    EXPECT_EQ(scanner.pass0_positions().size(), threads);
  }
}

class HostCollector : public CollectingSink {
 public:
  void host(const HostRecord& record) override { hosts.push_back(record); }
  std::vector<HostRecord> hosts;
};

TEST(ScannerTest, OsFingerprintingSendsFollowUpsAndNamesResponsiveHosts) {
  Fixture f({{ip("198.18.0.1"), ip("198.18.0.3")}}, {22, 80}, {ProbeKind::Syn}, 1);
  ScriptedNetwork net;
  net.script(ip("198.18.0.1"), 22, PortBehaviour::open());
  net.set_default(PortBehaviour::closed());
  net.script_host(ip("198.18.0.3"), PortBehaviour::drop());
  const fingerprint::Database database = fingerprint::load_builtin_database();
  const fingerprint::Matcher matcher(database);
  FollowUpQueue follow_ups;
  OsEvidenceCollector collector(f.space, follow_ups, 0x01020304, fingerprint::RetransmitTiming::Off, 7);
  OsFingerprinting os{collector, follow_ups, matcher};
  ScanJob job = f.job(fast_settings(1));
  job.os = &os;
  HostCollector sink;
  Scanner scanner(job, net, net, sink);
  scanner.run();

  // Per answering host: the scan's 2 probes plus its follow-ups — SYN and
  // ACK to port 0, ACK to the open port, and an ACK to the closed port or a
  // SYN to a likely-closed one (which, depends on which answer came first).
  // A host with only closed ports: port 0 pair + ACK to a closed port. The
  // silent host gets none.
  std::map<std::uint32_t, std::vector<std::pair<std::uint16_t, std::uint8_t>>> probes;
  for (const auto& frame : net.sent_frames()) {
    const auto p = parse_reply(frame.data(), frame.size(), LinkType::Ethernet);
    ASSERT_TRUE(p);
    probes[p->ip.dst.value].push_back({p->tcp.dst_port, p->tcp.flags});
  }
  EXPECT_EQ(probes[ip("198.18.0.1").value].size(), 2u + 4u);
  EXPECT_EQ(probes[ip("198.18.0.2").value].size(), 2u + 3u);
  const auto& only_closed = probes[ip("198.18.0.2").value];
  EXPECT_EQ(std::count_if(only_closed.begin(), only_closed.end(),
                          [](const auto& p) { return p.first != 0 && p.second == tcp_flag::Ack; }),
            1);
  EXPECT_EQ(probes[ip("198.18.0.3").value].size(), 2u);
  const auto& first = probes[ip("198.18.0.1").value];
  EXPECT_TRUE(std::count(first.begin(), first.end(), std::make_pair(std::uint16_t(0), tcp_flag::Ack)));
  EXPECT_TRUE(std::count(first.begin(), first.end(), std::make_pair(std::uint16_t(0), tcp_flag::Syn)));

  ASSERT_EQ(sink.hosts.size(), 2u);
  EXPECT_EQ(sink.hosts[0].ip, ip("198.18.0.1"));
  EXPECT_NE(sink.hosts[0].features_json.find("syn_ack"), std::string::npos);
  EXPECT_NE(sink.hosts[0].features_json.find("ack_rst"), std::string::npos);
  EXPECT_NE(sink.hosts[0].features_json.find("port0"), std::string::npos);
  EXPECT_FALSE(sink.hosts[0].observed_entry.empty());
}

TEST(ScannerTest, StopEndsSendingAndClaimsSilenceOnlyForProbesSent) {
  Fixture f({{ip("198.18.0.0"), ip("198.18.255.255")}}, {80}, {ProbeKind::Syn}, 1);
  ScriptedNetwork net;
  CollectingSink sink;
  EngineSettings settings = fast_settings(1);
  settings.rate = 2000;  // 65536 probes would take 33 s
  settings.wait_seconds = 0.1;
  Scanner scanner(f.job(settings), net, net, sink);
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    scanner.request_stop();
  });
  const ScanSummary summary = scanner.run();
  stopper.join();
  EXPECT_TRUE(summary.interrupted);
  EXPECT_GT(summary.sent, 100u);
  EXPECT_LT(summary.sent, 5000u);
  // Every probe that left gets its record; nothing else does.
  EXPECT_EQ(sink.records.size(), net.sent_count());
  std::set<std::uint32_t> probed;
  for (const auto& frame : net.sent_frames())
    probed.insert(parse_reply(frame.data(), frame.size(), LinkType::Ethernet)->ip.dst.value);
  for (const auto& r : sink.records) EXPECT_TRUE(probed.count(r.ip.v4().value)) << r.ip.to_string();
}

// A writer that fails after `limit` records, as a full disk would.
class FailingSink : public CollectingSink {
 public:
  explicit FailingSink(std::size_t limit) : limit_(limit) {}
  void port(const PortRecord& record) override {
    if (++calls_ <= limit_) CollectingSink::port(record);
  }
  std::string error() const override { return calls_ > limit_ ? "write failed on 'out': No space left on device" : ""; }

 private:
  std::size_t limit_;
  std::atomic<std::size_t> calls_{0};
};

TEST(ScannerTest, AFailingWriterEndsTheScanEarlyAsAnInterruption) {
  Fixture f({{ip("198.18.0.0"), ip("198.18.255.255")}}, {80}, {ProbeKind::Syn}, 1);
  ScriptedNetwork net;
  net.set_default(PortBehaviour::closed());
  FailingSink sink(100);
  EngineSettings settings = fast_settings(1);
  settings.rate = 5000;  // the whole /16 would take 13 s
  settings.wait_seconds = 5;
  Scanner scanner(f.job(settings), net, net, sink);
  const std::int64_t start = monotonic_ns();
  const ScanSummary summary = scanner.run();
  const double seconds = double(monotonic_ns() - start) / 1e9;
  EXPECT_TRUE(scanner.output_failed());
  EXPECT_TRUE(summary.interrupted);  // the caller writes a resume file
  EXPECT_TRUE(sink.finished);        // outputs are closed (and cut back) normally
  EXPECT_LT(seconds, 3.0);           // neither the whole send nor the cooldown
  EXPECT_LT(summary.sent, 65536u / 2);
  EXPECT_EQ(sink.records.size(), 100u);  // no silence records after the failure
}

// A writer that runs out of memory on its `limit`-th record.
class ExhaustedSink : public CollectingSink {
 public:
  explicit ExhaustedSink(std::size_t limit) : limit_(limit) {}
  void port(const PortRecord& record) override {
    if (++calls_ >= limit_) throw std::bad_alloc();
    CollectingSink::port(record);
  }

 private:
  std::size_t limit_;
  std::atomic<std::size_t> calls_{0};
};

TEST(ScannerTest, AWriterOutOfMemoryEndsTheScanWithTheErrorNotATerminate) {
  Fixture f({{ip("198.18.0.0"), ip("198.18.255.255")}}, {80}, {ProbeKind::Syn}, 1);
  ScriptedNetwork net;
  net.set_default(PortBehaviour::closed());
  ExhaustedSink sink(100);
  EngineSettings settings = fast_settings(1);
  settings.rate = 5000;  // the whole /16 would take 13 s
  settings.wait_seconds = 5;
  Scanner scanner(f.job(settings), net, net, sink);
  const std::int64_t start = monotonic_ns();
  // Thrown on the output thread, it reaches the caller once every thread
  // has joined (run_scan turns it into one line and exit 2).
  EXPECT_THROW(scanner.run(), std::bad_alloc);
  EXPECT_LT(double(monotonic_ns() - start) / 1e9, 3.0);  // the scan stopped early
  EXPECT_FALSE(sink.finished);  // nothing more is written after the failure
}

}  // namespace
}  // namespace zeroscan
