// zeroscan analyze: a scan over the scripted in-memory network, recorded
// with the --pcap decorators (RecordingSink/RecordingSource) and a sidecar
// like the scan command's, then concluded again offline. The replay must
// give the live run's records: the same port records in the same order
// (answers, silence), the same firewall verdicts, the same -O host records.
// Bad captures and sidecars give one line and exit 2.
//
// Needs the scripted network (tests/support): tests/unit/cli/CMakeLists.txt
// must list zeroscan_test_support among the DEPS; without it the tests skip.
#include <gtest/gtest.h>

#if __has_include("support/scripted_network.h")
#define ZEROSCAN_HAVE_SCRIPTED_NETWORK 1
#include "support/scripted_network.h"
#endif

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <tuple>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "zeroscan/cli/analyze_command.h"
#include "zeroscan/cli/pcap_sidecar.h"
#include "zeroscan/cli/scan_inputs.h"
#include "zeroscan/cli/scan_options.h"
#include "zeroscan/engine/offline_replay.h"
#include "zeroscan/engine/scanner.h"
#include "zeroscan/fingerprint/database.h"
#include "zeroscan/net/pcap_files.h"
#include "zeroscan/net/recording.h"
#include "zeroscan/output/firewall_aggregator.h"
#include "zeroscan/output/ndjson_writer.h"
#include "zeroscan/parse/ipv6_reply_parser.h"
#include "zeroscan/parse/reply_parser.h"
#include "zeroscan/ports/embedded_port_data.h"

namespace zeroscan {
namespace {

namespace fs = std::filesystem;

// A scratch directory removed at the end of the test.
struct Scratch {
  fs::path dir;
  Scratch() {
    char pattern[] = "/tmp/zs-analyze-test.XXXXXX";
    dir = ::mkdtemp(pattern);
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  std::string path(const std::string& name) const { return (dir / name).string(); }
};

void write_file(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::size_t lines_in(const std::string& text) {
  return std::size_t(std::count(text.begin(), text.end(), '\n'));
}

// What a sink saw, in order.
class Collect : public ResultSink {
 public:
  void port(const PortRecord& r) override { ports.push_back(r); }
  void firewall(const FirewallRecord& r) override { firewalls.push_back(r); }
  void host(const HostRecord& r) override { hosts.push_back(r); }
  void finish(const ScanSummary& s) override { summary = s; }
  std::string error() const override { return {}; }
  std::vector<PortRecord> ports;
  std::vector<FirewallRecord> firewalls;
  std::vector<HostRecord> hosts;
  ScanSummary summary;
};

std::string describe(const PortRecord& r) {
  std::ostringstream s;
  s << r.ip.to_string() << ":" << r.port << "/" << to_string(r.probe) << " state " << int(r.state) << " reason "
    << int(r.reason) << " attempt " << int(r.attempt) << " answered " << r.answered << " responder "
    << r.responder.to_string() << " ttl " << int(r.ttl) << " id " << r.ip_id << " df " << r.df << " flags "
    << int(r.tcp_flags) << " win " << r.window << " ack " << r.ack << " mss " << (r.mss ? int(*r.mss) : -1)
    << " opts " << r.tcp_options << " icmp " << (r.icmp_type ? int(*r.icmp_type) : -1) << "/"
    << (r.icmp_code ? int(*r.icmp_code) : -1) << " ts " << r.timestamp_ns;
  return s.str();
}

std::string describe(const FirewallRecord& r) {
  return r.ip.to_string() + ":" + std::to_string(r.port) + " " + r.verdict + " " + r.explanation +
         (r.forged_reset ? " forged" : "");
}

std::string describe(const HostRecord& r) {
  std::ostringstream s;
  s << r.ip.to_string() << " " << r.best.label << "/" << r.best.family << "/" << r.best.device << " "
    << r.best.score << " fam " << r.family_score << " known " << r.known << " dist "
    << (r.distance ? *r.distance : -1) << " alts " << r.alternatives.size() << " sig " << r.observed_entry
    << " features " << r.features_json;
  return s.str();
}

ScanOptions options_from(const std::vector<std::string>& args) {
  std::vector<const char*> argv{"zeroscan"};
  for (const auto& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  const ParsedScanCommand parsed = parse_scan_options(int(argv.size()), argv.data(), out, err);
  EXPECT_EQ(parsed.outcome, ParseOutcome::Scan) << err.str();
  return parsed.options;
}

constexpr std::uint32_t kTsVal = 0x7a736e31;  // the scan command's TSval

#ifdef ZEROSCAN_HAVE_SCRIPTED_NETWORK

Ipv4 ip(const char* text) { return *Ipv4::parse(text); }
Ipv6 ip6(const char* text) { return *Ipv6::parse(text); }

// One recorded scan: the live run's records and NDJSON, the capture and
// the sidecar, as `zeroscan --pcap` leaves them.
struct RecordedScan {
  Scratch scratch;
  std::string pcap = scratch.path("scan.pcap");
  std::string live_json = scratch.path("live.json");
  Collect live;
  ScanSummary live_summary;
  std::vector<ScriptedNetwork::Frame> sent;
  Ipv4 source = ip("198.19.0.1");
  Ipv6 source6 = ip6("2001:2::ff");

  explicit RecordedScan(const std::vector<std::string>& args) {
    const ScanOptions o = options_from(args);
    const ScanInputs in = resolve_scan_inputs(o, resolve_with_getaddrinfo, 1);
    std::vector<ProbeSlot> extra;
    if (o.port0) extra = {{0, ProbeKind::Syn}, {0, ProbeKind::Ack}};
    const ScanSpace space(in.targets, in.targets6, in.ports, in.kinds, extra);
    const Permutation permutation(space.size(), in.seed, in.shard);
    const std::uint8_t attempts = std::uint8_t(o.retries + 1);
    const Cookie cookie(in.cookie_key, source, in.source_ports, attempts);
    TemplateOptions t;
    t.src_ip = source;
    t.src_mac = *MacAddress::parse("02:00:00:00:00:01");
    t.dst_mac = *MacAddress::parse("02:00:00:00:00:02");
    t.ts_val = kTsVal;
    ProbeTemplates templates;
    for (ProbeKind kind : in.kinds) templates[int(kind)].emplace(kind, t);
    const TargetMacs macs;
    // The IPv6 side, as cli/ipv6_scan_side builds it.
    const Ipv6Cookie cookie6(in.cookie_key, source6, in.source_ports, attempts);
    Ipv6TemplateOptions t6;
    t6.src_ip = source6;
    t6.src_mac = t.src_mac;
    t6.dst_mac = t.dst_mac;
    t6.ts_val = kTsVal;
    Ipv6ProbeTemplates templates6;
    for (ProbeKind kind : {ProbeKind::Syn, ProbeKind::Ack}) templates6[int(kind)].emplace(kind, t6);
    const Ipv6Probing probing6{cookie6, templates6};
    const Ipv6Probing* v6 = in.targets6.empty() ? nullptr : &probing6;

    ScriptedNetwork net;
    // .1 Linux-like: 22 and 80 open, the rest closed (port 0 too).
    net.script_host(ip("198.18.0.1"), PortBehaviour::closed());
    net.script(ip("198.18.0.1"), 22, PortBehaviour::open());
    net.script(ip("198.18.0.1"), 80, PortBehaviour::open().duplicate(2));
    // .2 another stack: TTL 128, Windows-like SYN-ACK, everything else closed.
    ReplyStyle windows;
    windows.ttl = 128;
    windows.syn_ack_window = 8192;
    windows.options_layout = "MNWNNS";
    windows.window_scale = 8;
    net.script_host(ip("198.18.0.2"), PortBehaviour::closed().styled(windows));
    net.script(ip("198.18.0.2"), 443, PortBehaviour::open().styled(windows));
    // .3 a filter: ICMP from a router on 443, drop elsewhere.
    net.script(ip("198.18.0.3"), 443, PortBehaviour::icmp_unreachable(13).from(ip("198.18.9.9")));
    // .4 dark. .5 closed everywhere, late.
    net.script_host(ip("198.18.0.5"), PortBehaviour::closed().delay(2));
    // IPv6: ::1 open on 22 and 80 (twice), closed elsewhere; ::2 an
    // admin-prohibited ICMPv6 error from a router on 443, late closed
    // elsewhere; ::3 dark.
    net.script_host(ip6("2001:2::1"), PortBehaviour::closed());
    net.script(ip6("2001:2::1"), 22, PortBehaviour::open());
    net.script(ip6("2001:2::1"), 80, PortBehaviour::open().duplicate(2));
    net.script_host(ip6("2001:2::2"), PortBehaviour::closed().delay(1));
    net.script(ip6("2001:2::2"), 443, PortBehaviour::icmp_unreachable(1).from(ip6("2001:2::fffe")));

    std::optional<fingerprint::Matcher> matcher;
    FollowUpQueue follow_ups;
    std::optional<OsEvidenceCollector> collector;
    std::optional<OsFingerprinting> os;
    if (o.os) {
      matcher.emplace(fingerprint::load_builtin_database());
      collector.emplace(space, follow_ups, kTsVal,
                        o.os_rto ? fingerprint::RetransmitTiming::On : fingerprint::RetransmitTiming::Off,
                        in.seed);
      os.emplace(OsFingerprinting{*collector, follow_ups, *matcher});
    }

    const ports::PortDatabase port_db = ports::load_embedded_port_database();
    const PortAnnotator annotate = [&port_db](std::uint16_t port) {
      const ports::PortAnnotation a = port_db.annotate(port, ports::Protocol::Tcp);
      return PortAnnotation{a.service, a.warning};
    };
    SinkList outputs;
    outputs.add(std::make_unique<NdjsonWriter>(std::make_unique<OutputFile>(live_json), annotate));
    outputs.add_borrowed(live);
    std::optional<FirewallAggregator> firewall;
    if (in.kinds.size() == std::size_t(kTcpProbeKindCount)) firewall.emplace(outputs);
    ResultSink& results = firewall ? static_cast<ResultSink&>(*firewall) : outputs;

    PcapRecorder recorder(pcap, LinkType::Ethernet);
    RecordingSink sink(net, recorder);
    RecordingSource capture(net, recorder);
    EngineSettings settings;
    settings.rate = 200000;
    settings.attempts = attempts;
    settings.wait_seconds = 0.3;
    settings.retry_gap_seconds = 0.2;
    Scanner scanner(ScanJob{space, permutation, cookie, templates, macs, settings, in.seed, in.shard,
                            os ? &*os : nullptr, ScanSummary{}, v6},
                    sink, capture, results);
    live_summary = scanner.run();
    recorder.close();
    sent = net.sent_frames();

    // As the scan command records it.
    ScanOptions recorded = o;
    recorded.args = args;
    write_pcap_sidecar(pcap + ".scan.json", record_sidecar(recorded, in, source, source6, 1, kTsVal));
  }
};

const std::vector<std::string> kOsScan = {"-sS", "-sA", "-sZ", "-O", "-p", "22,80,443", "--seed", "7",
                                          "--retries", "1", "--source-port", "40000-40999",
                                          "198.18.0.1-198.18.0.5"};

// The offline replay of the capture, through the engine helper directly.
// `capture`: the scan's own by default.
Collect replay(const RecordedScan& scan, ScanSummary* summary, OfflineReplayStats* stats,
               const std::string& capture_path = {}) {
  const PcapSidecar sidecar = read_pcap_sidecar(scan.pcap + ".scan.json");
  const SidecarScan rebuilt(sidecar);
  const ScanSpace& space = rebuilt.space;
  const Cookie cookie(cookie_key_from_seed(sidecar.seed), sidecar.source, sidecar.source_ports,
                      std::uint8_t(sidecar.attempts));
  const fingerprint::Matcher matcher(fingerprint::load_builtin_database());
  const OfflineOs os{matcher, sidecar.ts_val, fingerprint::RetransmitTiming::Off};
  OfflineReplayJob job(space, cookie);
  job.seed = sidecar.seed;
  job.shard = sidecar.shard;
  job.cookie6 = rebuilt.cookie6 ? &*rebuilt.cookie6 : nullptr;
  job.os = sidecar.os ? &os : nullptr;
  Collect out;
  FirewallAggregator firewall(out);
  PcapFileSource capture(capture_path.empty() ? scan.pcap : capture_path);
  ResultSink& sink = sidecar.kinds.size() == 2 ? static_cast<ResultSink&>(firewall) : out;
  *summary = replay_capture(job, capture, sink, stats);
  return out;
}

// The replay's summary counts as the live run's did.
void expect_same_counts(const ScanSummary& offline, const ScanSummary& live) {
  EXPECT_EQ(offline.sent, live.sent);
  EXPECT_EQ(offline.received, live.received);
  EXPECT_EQ(offline.matched, live.matched);
  EXPECT_EQ(offline.invalid, live.invalid);
  EXPECT_EQ(offline.duplicates, live.duplicates);
  EXPECT_EQ(offline.inconclusive, live.inconclusive);
  EXPECT_EQ(offline.open, live.open);
  EXPECT_EQ(offline.closed, live.closed);
  EXPECT_EQ(offline.filtered, live.filtered);
  EXPECT_EQ(offline.unfiltered, live.unfiltered);
  EXPECT_EQ(offline.seed, live.seed);
}

TEST(AnalyzeReplayTest, ReplayGivesTheLiveRunsRecordsInOrder) {
  const RecordedScan scan(kOsScan);
  ASSERT_FALSE(scan.live.ports.empty());
  ASSERT_EQ(scan.live.hosts.size(), 3u) << "hosts .1 .2 .5 (.3 sent only ICMP, .4 nothing)";

  ScanSummary summary;
  OfflineReplayStats stats;
  const Collect offline = replay(scan, &summary, &stats);

  ASSERT_EQ(offline.ports.size(), scan.live.ports.size());
  for (std::size_t i = 0; i < offline.ports.size(); ++i)
    EXPECT_EQ(describe(offline.ports[i]), describe(scan.live.ports[i])) << "port record " << i;
  ASSERT_EQ(offline.firewalls.size(), scan.live.firewalls.size());
  for (std::size_t i = 0; i < offline.firewalls.size(); ++i)
    EXPECT_EQ(describe(offline.firewalls[i]), describe(scan.live.firewalls[i])) << "firewall record " << i;
  ASSERT_EQ(offline.hosts.size(), scan.live.hosts.size());
  for (std::size_t i = 0; i < offline.hosts.size(); ++i)
    EXPECT_EQ(describe(offline.hosts[i]), describe(scan.live.hosts[i])) << "host record " << i;

  expect_same_counts(summary, scan.live_summary);
  EXPECT_EQ(stats.probes, scan.sent.size());
  EXPECT_EQ(stats.unreachable, 0u);
  EXPECT_EQ(stats.other_sent, 0u);
}

TEST(AnalyzeReplayTest, OwnProbesAreToldApartFromReplies) {
  const RecordedScan scan(kOsScan);
  const PcapSidecar sidecar = read_pcap_sidecar(scan.pcap + ".scan.json");
  const Cookie cookie(cookie_key_from_seed(sidecar.seed), sidecar.source, sidecar.source_ports,
                      std::uint8_t(sidecar.attempts));
  for (const auto& frame : scan.sent) {
    const auto parsed = parse_reply(frame.data(), frame.size(), LinkType::Ethernet);
    ASSERT_TRUE(parsed);
    EXPECT_TRUE(own_probe(*parsed, cookie)) << "a probe we sent is not recognised";
  }
  // Every other frame of the capture is a reply (or an ICMP from the router).
  PcapFileSource capture(scan.pcap);
  std::size_t replies = 0, probes = 0;
  while (capture.dispatch(0, [&](const std::uint8_t* data, std::size_t size, std::int64_t) {
    const auto parsed = parse_reply(data, size, LinkType::Ethernet);
    if (parsed && own_probe(*parsed, cookie)) {
      ++probes;
    } else {
      ++replies;
      // Even a reply made to look like it comes from us is no probe of ours.
      if (parsed && parsed->kind == ReplyKind::Tcp) {
        Reply mirrored = *parsed;
        mirrored.ip.src = sidecar.source;
        EXPECT_FALSE(own_probe(mirrored, cookie));
      }
    }
  }) >= 0) {
  }
  EXPECT_EQ(probes, scan.sent.size());
  EXPECT_EQ(replies, std::size_t(scan.live_summary.received));
}

// NDJSON lines other than the summary (which carries timings).
std::vector<std::string> record_lines(const std::string& path) {
  std::vector<std::string> out;
  std::istringstream in(read_file(path));
  std::string line;
  while (std::getline(in, line))
    if (line.find("\"type\":\"summary\"") == std::string::npos) out.push_back(line);
  return out;
}

TEST(AnalyzeReplayTest, AnalyzeCommandWritesTheLiveNdjson) {
  const RecordedScan scan(kOsScan);
  const std::string offline_json = scan.scratch.path("offline.json");
  std::ostringstream out, err;
  const int code = run_analyze({scan.pcap, "-oJ", offline_json, "-oN", scan.scratch.path("offline.txt")}, out, err);
  ASSERT_EQ(code, 0) << err.str();
  EXPECT_EQ(err.str(), "");
  const auto live = record_lines(scan.live_json);
  const auto offline = record_lines(offline_json);
  ASSERT_FALSE(live.empty());
  ASSERT_EQ(offline.size(), live.size());
  for (std::size_t i = 0; i < live.size(); ++i) EXPECT_EQ(offline[i], live[i]) << "line " << i;
  // The summary line is there and counts as the live one did.
  const std::string text = read_file(offline_json);
  const auto at = text.find("{\"type\":\"summary\"");
  ASSERT_NE(at, std::string::npos);
  const auto summary = nlohmann::json::parse(text.substr(at, text.find('\n', at) - at));
  EXPECT_EQ(summary.at("open").get<std::uint64_t>(), scan.live_summary.open);
  EXPECT_EQ(summary.at("sent").get<std::uint64_t>(), scan.live_summary.sent);
  EXPECT_NE(read_file(scan.scratch.path("offline.txt")).find("OS:"), std::string::npos);
}

TEST(AnalyzeReplayTest, ReasonShowsTheReasonColumnAsInAScan) {
  const RecordedScan scan({"-p", "22,80", "--seed", "3", "198.18.0.1-198.18.0.2"});
  const std::string plain = scan.scratch.path("plain.txt"), reason = scan.scratch.path("reason.txt");
  std::ostringstream out, err;
  ASSERT_EQ(run_analyze({scan.pcap, "-oN", plain}, out, err), 0) << err.str();
  ASSERT_EQ(run_analyze({scan.pcap, "--reason", "-oN", reason}, out, err), 0) << err.str();
  EXPECT_EQ(read_file(plain).find("REASON"), std::string::npos) << read_file(plain);
  EXPECT_NE(read_file(reason).find("REASON"), std::string::npos) << read_file(reason);
}

TEST(AnalyzeReplayTest, SynOnlyScanWithoutOsReplaysToo) {
  const RecordedScan scan({"-p", "22,80,443,8080", "--seed", "11", "--retries", "2", "198.18.0.1-198.18.0.5"});
  ScanSummary summary;
  OfflineReplayStats stats;
  const Collect offline = replay(scan, &summary, &stats);
  ASSERT_EQ(offline.ports.size(), scan.live.ports.size());
  EXPECT_EQ(offline.ports.size(), 5u * 4u);
  for (std::size_t i = 0; i < offline.ports.size(); ++i)
    EXPECT_EQ(describe(offline.ports[i]), describe(scan.live.ports[i])) << "port record " << i;
  EXPECT_TRUE(offline.hosts.empty());
  EXPECT_EQ(stats.follow_ups, 0u);
  EXPECT_EQ(summary.sent, scan.live_summary.sent) << "retries counted as sent";
}

TEST(AnalyzeReplayTest, FollowUpProbesOfASynOnlyOsScanAreRecognised) {
  // Without -sA and -sZ, -O sends its follow-ups outside the scan space.
  const RecordedScan scan({"-O", "-p", "22,80,443", "--seed", "3", "198.18.0.1-198.18.0.5"});
  ScanSummary summary;
  OfflineReplayStats stats;
  const Collect offline = replay(scan, &summary, &stats);
  EXPECT_GT(stats.follow_ups, 0u);
  EXPECT_EQ(stats.probes, scan.sent.size());
  ASSERT_EQ(offline.ports.size(), scan.live.ports.size());
  for (std::size_t i = 0; i < offline.ports.size(); ++i)
    EXPECT_EQ(describe(offline.ports[i]), describe(scan.live.ports[i])) << "port record " << i;
  ASSERT_EQ(offline.hosts.size(), scan.live.hosts.size());
  ASSERT_EQ(offline.hosts.size(), 3u);
  for (std::size_t i = 0; i < offline.hosts.size(); ++i)
    EXPECT_EQ(describe(offline.hosts[i]), describe(scan.live.hosts[i])) << "host record " << i;
  EXPECT_EQ(summary.sent, scan.live_summary.sent);
}

// Issue 11: a scan of both families. IPv6 frames go through the
// Receiver's IPv6 path offline as they did live.
const std::vector<std::string> kMixedScan = {"-sS", "-sA", "-p", "22,80,443", "--seed", "7", "--retries", "1",
                                             "--source-port", "40000-40999", "198.18.0.1-198.18.0.3",
                                             "2001:2::1-2001:2::3"};

void expect_same_records(const Collect& offline, const Collect& live) {
  ASSERT_EQ(offline.ports.size(), live.ports.size());
  for (std::size_t i = 0; i < offline.ports.size(); ++i)
    EXPECT_EQ(describe(offline.ports[i]), describe(live.ports[i])) << "port record " << i;
  ASSERT_EQ(offline.firewalls.size(), live.firewalls.size());
  for (std::size_t i = 0; i < offline.firewalls.size(); ++i)
    EXPECT_EQ(describe(offline.firewalls[i]), describe(live.firewalls[i])) << "firewall record " << i;
}

std::size_t count_v6(const std::vector<PortRecord>& records, PortState state) {
  return std::size_t(std::count_if(records.begin(), records.end(), [state](const PortRecord& r) {
    return r.ip.is_v6() && r.state == state;
  }));
}

TEST(AnalyzeReplayTest, MixedScanReplaysBothFamiliesAsTheLiveRun) {
  const RecordedScan scan(kMixedScan);
  // Every pair of both families once: 6 hosts x 3 ports x SYN, ACK.
  ASSERT_EQ(scan.live.ports.size(), 6u * 3u * 2u);
  // The live run saw IPv6 answers of each kind, so the replay must too.
  ASSERT_EQ(count_v6(scan.live.ports, PortState::Open), 2u);      // 2001:2::1 22, 80
  ASSERT_GT(count_v6(scan.live.ports, PortState::Closed), 0u);
  ASSERT_GT(count_v6(scan.live.ports, PortState::Unfiltered), 0u);
  ASSERT_GT(count_v6(scan.live.ports, PortState::Filtered), 0u);

  ScanSummary summary;
  OfflineReplayStats stats;
  const Collect offline = replay(scan, &summary, &stats);
  expect_same_records(offline, scan.live);
  EXPECT_EQ(summary.targets, 6u);
  expect_same_counts(summary, scan.live_summary);
  EXPECT_EQ(stats.probes, scan.sent.size());
  EXPECT_EQ(stats.other_sent, 0u);
  EXPECT_EQ(stats.unreachable, 0u);
}

TEST(AnalyzeReplayTest, OwnIpv6ProbesAreToldApartFromReplies) {
  const RecordedScan scan(kMixedScan);
  const SidecarScan rebuilt(read_pcap_sidecar(scan.pcap + ".scan.json"));
  ASSERT_TRUE(rebuilt.cookie6);
  std::size_t v6_probes = 0;
  for (const auto& frame : scan.sent) {
    const auto parsed = parse_ipv6_reply(frame.data(), frame.size(), LinkType::Ethernet);
    if (!parsed) continue;
    ++v6_probes;
    EXPECT_TRUE(own_probe(*parsed, *rebuilt.cookie6)) << "an IPv6 probe we sent is not recognised";
    // Sent to the prober's own address (as ::1 to ::1), it is still a probe;
    // coming from anyone else it is not.
    Reply other = *parsed;
    other.ip6.src = ip6("2001:2::1");
    EXPECT_FALSE(own_probe(other, *rebuilt.cookie6));
  }
  EXPECT_GE(v6_probes, 3u * 3u * 2u) << "every IPv6 pair probed at least once";
}

// No IPv4 target at all: the hosts of the space are IPv6 only (the replay
// once sized its per-host table by the IPv4 targets and crashed here).
TEST(AnalyzeReplayTest, Ipv6OnlyScanReplaysAsTheLiveRun) {
  const RecordedScan scan({"-p", "22,80,443", "--seed", "5", "--retries", "1", "2001:2::1-2001:2::3"});
  ASSERT_EQ(scan.live.ports.size(), 3u * 3u);
  ScanSummary summary;
  OfflineReplayStats stats;
  const Collect offline = replay(scan, &summary, &stats);
  expect_same_records(offline, scan.live);
  EXPECT_EQ(summary.open, scan.live_summary.open);
  EXPECT_EQ(stats.probes, scan.sent.size());
}

// The same capture with the link layer stripped (DLT_RAW, as a capture
// without Ethernet records it) replays to the same records.
TEST(AnalyzeReplayTest, MixedScanReplaysFromARawIpCaptureToo) {
  const RecordedScan scan(kMixedScan);
  const std::string raw = scan.scratch.path("raw.pcap");
  {
    PcapFileSource ethernet(scan.pcap);
    PcapFileWriter writer(raw, LinkType::RawIp);
    while (ethernet.dispatch(0, [&](const std::uint8_t* data, std::size_t size, std::int64_t ts) {
      ASSERT_GT(size, 14u);
      writer.write(data + 14, size - 14, ts);
    }) > 0) {
    }
    writer.close();
  }
  ScanSummary summary;
  OfflineReplayStats stats;
  const Collect offline = replay(scan, &summary, &stats, raw);
  expect_same_records(offline, scan.live);
  EXPECT_EQ(stats.probes, scan.sent.size());
}

TEST(AnalyzeReplayTest, AnalyzeCommandWritesTheLiveNdjsonOfAMixedScan) {
  const RecordedScan scan(kMixedScan);
  const std::string offline_json = scan.scratch.path("offline.json");
  std::ostringstream out, err;
  ASSERT_EQ(run_analyze({scan.pcap, "-oJ", offline_json}, out, err), 0) << err.str();
  EXPECT_EQ(err.str(), "");
  const auto live = record_lines(scan.live_json);
  const auto offline = record_lines(offline_json);
  ASSERT_EQ(offline.size(), live.size());
  for (std::size_t i = 0; i < live.size(); ++i) EXPECT_EQ(offline[i], live[i]) << "line " << i;
  EXPECT_NE(read_file(offline_json).find("\"ip\":\"2001:2::1\""), std::string::npos);
}

TEST(AnalyzeReplayTest, CutCaptureSaysSoAndExitsOne) {
  const RecordedScan scan(kOsScan);
  const std::string bytes = read_file(scan.pcap);
  const std::string cut = scan.scratch.path("cut.pcap");
  write_file(cut, bytes.substr(0, bytes.size() - 7));  // the last frame loses its tail
  fs::copy_file(scan.pcap + ".scan.json", cut + ".scan.json");
  std::ostringstream out, err;
  const int code = run_analyze({cut, "-oJ", scan.scratch.path("cut.json")}, out, err);
  EXPECT_EQ(code, 1) << err.str();
  EXPECT_NE(err.str().find("cut.pcap"), std::string::npos) << err.str();
  EXPECT_EQ(lines_in(err.str()), 1u) << err.str();
}

#else

TEST(AnalyzeReplayTest, NeedsTheScriptedNetwork) {
  GTEST_SKIP() << "link zeroscan_test_support into zeroscan_cli_tests (tests/unit/cli/CMakeLists.txt) "
                  "to record a scan over the scripted network";
}

#endif  // ZEROSCAN_HAVE_SCRIPTED_NETWORK

// Errors need no recorded scan: one line, exit 2.
struct ErrorCase : ::testing::Test {
  Scratch scratch;
  std::string pcap = scratch.path("x.pcap");
  void SetUp() override {
    // A valid, empty capture, so the sidecar is what is wrong.
    PcapFileWriter writer(pcap, LinkType::Ethernet);
    writer.close();
  }
  void sidecar(const std::string& text) { write_file(pcap + ".scan.json", text); }
  std::pair<int, std::string> analyze(std::vector<std::string> args = {}) {
    if (args.empty()) args = {pcap, "-oJ", scratch.path("out.json")};
    std::ostringstream out, err;
    const int code = run_analyze(args, out, err);
    return {code, err.str()};
  }
  static std::string good_sidecar() {
    return R"({"type":"zeroscan-pcap","version":2,"args":["-p","22","198.18.0.1"],"seed":5,)"
           R"("source":"198.19.0.1","source_ports":{"first":40000,"count":1000},"attempts":2,"ts_val":1,)"
           R"("targets":[["198.18.0.1","198.18.0.1"]],"ports":"22","kinds":["syn"],"port0":false,)"
           R"("shard":{"index":0,"count":1},"sender_threads":1,"os":false,"os_rto":false,)"
           R"("all_states":false,"responders_only":false,"config":{"targets":"198.18.0.1","ports":"22",)"
           R"("probes":"syn","rate":10000,"retries":1,"wait_seconds":2,"ttl":64,)"
           R"("responders_only":false,"open_only":false}})";
  }
};

TEST_F(ErrorCase, MissingCapture) {
  const auto [code, err] = analyze({scratch.path("nope.pcap")});
  EXPECT_EQ(code, 2);
  EXPECT_NE(err.find("nope.pcap"), std::string::npos) << err;
  EXPECT_EQ(lines_in(err), 1u) << err;
}

TEST_F(ErrorCase, CaptureThatIsNoCapture) {
  write_file(pcap, "this is not a pcap file at all, just text\n");
  sidecar(good_sidecar());
  const auto [code, err] = analyze();
  EXPECT_EQ(code, 2);
  EXPECT_NE(err.find("x.pcap"), std::string::npos) << err;
  EXPECT_EQ(lines_in(err), 1u) << err;
}

TEST_F(ErrorCase, MissingSidecar) {
  const auto [code, err] = analyze();
  EXPECT_EQ(code, 2);
  EXPECT_NE(err.find("x.pcap.scan.json"), std::string::npos) << err;
  EXPECT_EQ(lines_in(err), 1u) << err;
}

TEST_F(ErrorCase, SidecarNotJson) {
  sidecar("{\"type\":\"zeroscan-pcap\",\"version\":1,\"args\":[");
  const auto [code, err] = analyze();
  EXPECT_EQ(code, 2);
  EXPECT_NE(err.find("not JSON"), std::string::npos) << err;
  EXPECT_EQ(lines_in(err), 1u) << err;
}

TEST_F(ErrorCase, SidecarOfSomethingElse) {
  sidecar(R"({"type":"summary","open":3})");
  const auto [code, err] = analyze();
  EXPECT_EQ(code, 2);
  EXPECT_NE(err.find("not a zeroscan --pcap sidecar"), std::string::npos) << err;
  EXPECT_EQ(lines_in(err), 1u) << err;
}

TEST_F(ErrorCase, SidecarFieldMissingOrWrong) {
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {R"("seed":5,)", ""},
           {R"("seed":5)", R"("seed":"five")"},
           {R"("source":"198.19.0.1")", R"("source":"198.19.0")"},
           {R"("count":1000)", R"("count":0)"},
           {R"("version":2)", R"("version":9)"},
           {R"("version":2)", R"("version":1)"},
           {R"("targets":[["198.18.0.1","198.18.0.1"]])", R"("targets":[["198.18.0.9","198.18.0.1"]])"},
           {R"("targets":[["198.18.0.1","198.18.0.1"]])", R"("targets":[])"},
           {R"("ports":"22")", R"("ports":"70000")"},
           {R"("kinds":["syn"])", R"("kinds":["fin"])"},
           {R"("sender_threads":1)", R"("sender_threads":4294967297)"},
           {R"("shard":{"index":0,"count":1})", R"("shard":{"index":3,"count":2})"},
           // Found by zeroscan_fuzz_analyze (tests/fuzz/regressions/analyze): a
           // seed of 6.6e123 was converted to an integer (undefined behaviour);
           // -1 wrapped. Whole-number fields take whole numbers that fit.
           {R"("seed":5)", R"("seed":6.6e123)"},
           {R"("seed":5)", R"("seed":-1)"},
           {R"("seed":5)", R"("seed":5.5)"},
           {R"("version":2)", R"("version":2.0)"},
           {R"("count":1000)", R"("count":1e3)"},
           {R"("sender_threads":1)", R"("sender_threads":-1)"},
           // The IPv6 side (version 3): well-formed ranges and a source.
           {R"("version":2)", R"("version":2,"targets6":[])"},
           {R"("version":2)", R"("version":3,"source6":"2001:2::ff","targets6":[["2001:2::9","2001:2::1"]])"},
           {R"("version":2)", R"("version":3,"targets6":[["2001:2::1","2001:2::9"]])"},
           {R"("version":2)", R"("version":3,"source6":"::ffff:198.19.0.1.5","targets6":[["2001:2::1","2001:2::9"]])"},
       }) {
    std::string text = good_sidecar();
    ASSERT_NE(text.find(from), std::string::npos) << from;
    text.replace(text.find(from), from.size(), to);
    sidecar(text);
    const auto [code, err] = analyze();
    EXPECT_EQ(code, 2) << text;
    EXPECT_NE(err.find("x.pcap.scan.json"), std::string::npos) << err;
    EXPECT_EQ(lines_in(err), 1u) << err;
  }
}

// Issue 10 finding 5: analyze parsed the sidecar's argument list again, so
// `-iL FILE` in a sidecar read that file and looked its lines up as names.
// The recorded values are used; the arguments are only quoted.
TEST_F(ErrorCase, RecordedArgumentsAreNeverParsedAgain) {
  const std::string list = scratch.path("secret.txt");
  write_file(list, "this-must-not-be-resolved.example\n");
  std::string text = good_sidecar();
  const std::string from = R"("args":["-p","22","198.18.0.1"])";
  text.replace(text.find(from), from.size(), R"("args":["-iL",")" + list + R"(","--no-such-option"])");
  sidecar(text);
  const auto [code, err] = analyze();
  EXPECT_EQ(code, 0) << err;
  const std::string json = read_file(scratch.path("out.json"));
  EXPECT_NE(json.find("\"type\":\"summary\""), std::string::npos) << json;
}

TEST_F(ErrorCase, EmptyCaptureWithGoodSidecarReportsNoProbe) {
  sidecar(good_sidecar());
  const auto [code, err] = analyze();
  EXPECT_EQ(code, 0) << err;
  EXPECT_NE(err.find("no probe of this scan"), std::string::npos) << err;
  const std::string json = read_file(scratch.path("out.json"));
  EXPECT_NE(json.find("\"type\":\"summary\""), std::string::npos) << json;
  EXPECT_EQ(json.find("\"type\":\"port\""), std::string::npos) << "nothing was probed: no records";
}

// A version 3 sidecar of both families: nothing probed, and the message
// names both addresses the probes would have come from.
TEST_F(ErrorCase, EmptyCaptureOfAMixedScanNamesBothSources) {
  std::string text = good_sidecar();
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {R"("version":2)", R"("version":3)"},
           {R"("source":"198.19.0.1",)", R"("source":"198.19.0.1","source6":"2001:2::ff",)"},
           {R"("targets":[["198.18.0.1","198.18.0.1"]],)",
            R"("targets":[["198.18.0.1","198.18.0.1"]],"targets6":[["2001:2::1","2001:2::2"]],)"}}) {
    ASSERT_NE(text.find(from), std::string::npos) << from;
    text.replace(text.find(from), from.size(), to);
  }
  sidecar(text);
  const auto [code, err] = analyze();
  EXPECT_EQ(code, 0) << err;
  EXPECT_NE(err.find("(source 198.19.0.1 and 2001:2::ff)"), std::string::npos) << err;
  EXPECT_EQ(lines_in(err), 1u) << err;
  const std::string json = read_file(scratch.path("out.json"));
  EXPECT_NE(json.find("\"targets\":3"), std::string::npos) << "1 IPv4 + 2 IPv6 hosts: " << json;
}

TEST_F(ErrorCase, BadOptions) {
  auto [code, err] = analyze({pcap, "--frobnicate"});
  EXPECT_EQ(code, 2);
  EXPECT_EQ(lines_in(err), 1u) << err;
  std::tie(code, err) = analyze({"-oJ", scratch.path("o.json")});
  EXPECT_EQ(code, 2) << "no capture given";
  EXPECT_EQ(lines_in(err), 1u) << err;
}

}  // namespace
}  // namespace zeroscan
