// The scan command, from argv to exit code.
#include "zeroscan/cli/scan_command.h"

#include <csignal>
#include <cstdlib>
#include <ctime>
#include <exception>
#include <iostream>
#include <memory>
#include <new>
#include <optional>
#include <pthread.h>
#include <random>
#include <thread>

#include "zeroscan/cli/arp_discovery.h"
#include "zeroscan/cli/discovery_run.h"
#include "zeroscan/cli/ipv6_scan_side.h"
#include "zeroscan/cli/link_responders.h"
#include "zeroscan/cli/list_targets.h"
#include "zeroscan/cli/ndp_discovery.h"
#include "zeroscan/cli/packet_trace.h"
#include "zeroscan/cli/output_checks.h"
#include "zeroscan/cli/pcap_sidecar.h"
#include "zeroscan/cli/resume_file.h"
#include "zeroscan/cli/scan_description.h"
#include "zeroscan/cli/scan_inputs.h"
#include "zeroscan/cli/scan_plan.h"
#include "zeroscan/core/errors.h"
#include "zeroscan/engine/capture_sizing.h"
#include "zeroscan/engine/dry_run.h"
#include "zeroscan/engine/scanner.h"
#include "zeroscan/net/next_hop_plan.h"
#include "zeroscan/net/pcap_source.h"
#include "zeroscan/net/af_packet_sink.h"
#include "zeroscan/net/family_split_sink.h"
#include "zeroscan/net/benchmark_range_guard.h"
#include "zeroscan/net/privileges.h"
#include "zeroscan/net/raw_ip_sink.h"
#include "zeroscan/net/recording.h"
#include "zeroscan/net/rst_guard.h"
#include "zeroscan/fingerprint/database.h"
#include "zeroscan/output/firewall_aggregator.h"
#include "zeroscan/output/host_discovery_sink.h"
#include "zeroscan/output/ndjson_writer.h"
#include "zeroscan/output/output_set.h"
#include "zeroscan/output/port_list.h"
#include "zeroscan/ports/embedded_port_data.h"

namespace zeroscan {

namespace {

// Our TSval: a fixed, recognisable value ("zsn1"), so "does the host echo
// our timestamp" is a plain comparison in fingerprinting.
constexpr std::uint32_t kOurTsVal = 0x7a736e31;

std::uint64_t entropy_seed() {
  std::random_device device;
  return (std::uint64_t(device()) << 32) ^ device();
}

std::vector<AddressRange> to_address_ranges(const std::vector<Ipv4Range>& ranges) {
  std::vector<AddressRange> out;
  out.reserve(ranges.size());
  for (const auto& r : ranges) out.push_back(AddressRange{r.first, r.last});
  return out;
}

// One template per probe kind — every kind, not only the scan's own: -sZ
// and -O's follow-ups send ACKs (and SYNs) whatever the scan's kinds are.
ProbeTemplates build_templates(const NextHopPlan* plan, const ScanOptions& o) {
  TemplateOptions base;
  base.ttl = std::uint8_t(o.ttl);
  // Our TSval: a fixed, recognisable value, so "does the host echo our
  // timestamp" is a plain comparison in fingerprinting.
  base.ts_val = kOurTsVal;
  if (plan) {
    base.ethernet = plan->link_layer;
    base.src_mac = plan->interface.mac;
    base.src_ip = plan->source;
    for (const auto& segment : plan->segments)
      if (!segment.mac.is_zero()) {
        base.dst_mac = segment.mac;
        break;
      }
  }
  ProbeTemplates templates;
  for (ProbeKind kind : {ProbeKind::Syn, ProbeKind::Ack, ProbeKind::Echo}) templates[int(kind)].emplace(kind, base);
  return templates;
}

// Every -o option through the shared output set (also used by merge).
// Each file is written aside and renamed into place when the scan ends
// (`replaced`); --append-output appends to a copy of the file.
std::unique_ptr<SinkList> build_outputs(const ScanOptions& o, const PortAnnotator& annotate,
                                        ReplacedOutputs& replaced) {
  OutputPaths paths;
  paths.json = o.output_json;
  paths.normal = o.output_normal;
  paths.xml = o.output_xml;
  paths.grepable = o.output_grepable;
  paths.csv = o.output_csv;
  paths.all_base = o.output_all;
  paths.resume = o.append_outputs;
  paths.reason_column = o.nmap.reason;
  OutputPaths opened = written_paths(paths);
  replaced.redirect(opened);
  auto sinks = std::make_unique<SinkList>();
  sinks->add(build_result_sinks(opened, annotate, o.open_only));
  return sinks;
}

// Ctrl-C handling without globals: SIGINT/SIGTERM are blocked in every
// thread and one thread waits for them with sigwait, then asks the
// scanner to stop (first signal: stop sending; second: skip the cooldown).
class SignalWatcher {
 public:
  explicit SignalWatcher(Scanner& scanner) {
    sigemptyset(&signals_);
    sigaddset(&signals_, SIGINT);
    sigaddset(&signals_, SIGTERM);
    sigaddset(&signals_, SIGUSR1);  // our own wake-up at shutdown
    pthread_sigmask(SIG_BLOCK, &signals_, nullptr);
    thread_ = std::thread([this, &scanner] {
      for (;;) {
        int signal = 0;
        if (sigwait(&signals_, &signal) != 0 || signal == SIGUSR1) return;
        std::cerr << "\nzeroscan: interrupted, "
                  << (++count_ == 1 ? "stopping (Ctrl-C again to skip the cooldown)"
                                    : "skipping the cooldown")
                  << "\n";
        scanner.request_stop();
      }
    });
  }
  ~SignalWatcher() {
    pthread_kill(thread_.native_handle(), SIGUSR1);
    thread_.join();
  }

 private:
  sigset_t signals_;
  std::thread thread_;
  int count_ = 0;
};

}  // namespace

namespace {

// --resume FILE: the original scan, continued (see resumed_options).
int run_resumed_scan(const ScanOptions& cli) {
  return run_scan(resumed_options(cli, read_resume_file(cli.resume)), nullptr);
}

}  // namespace

int run_scan_command(int argc, char** argv) {
  const ParsedScanCommand parsed = parse_scan_options(argc, argv, std::cout, std::cerr);
  if (parsed.outcome == ParseOutcome::Exit) return parsed.exit_code;
  if (!parsed.options.resume.empty()) return run_resumed_scan(parsed.options);
  return run_scan(parsed.options, nullptr);
}

namespace {

// Probes a dry run builds before it extrapolates (about a second of work).
constexpr std::uint64_t kDryRunBuildLimit = std::uint64_t(1) << 24;

// A dry run: the plan's checks, the outputs opened (never truncated), the
// probes built, the cost printed. Structurally nothing here can send: no
// packet socket, capture or next-hop plan (ARP) is in reach of this path.
int run_dry_run(const ScanPlan& plan) {
  const ScanOptions& o = plan.options;
  check_outputs_open(plan.outputs());
  const ProbeTemplates templates = build_templates(nullptr, o);
  const Cookie cookie(plan.inputs.cookie_key, plan.overrides.source_ip.value_or(Ipv4()), plan.inputs.source_ports,
                      std::uint8_t(o.retries + 1));
  Ipv6TemplateOptions base6;
  base6.src_ip = plan.source_ip6.value_or(Ipv6());
  Ipv6Kit kit;
  const Ipv6Probing* v6 = build_ipv6_kit(plan, base6, kOurTsVal, nullptr, kit);
  const DryRunReport r =
      dry_run(plan.space, plan.permutation, cookie, templates, TargetMacs(), kDryRunBuildLimit, v6);
  const std::size_t frame_bytes = r.probes ? std::size_t(r.bytes / r.probes) : 0;
  const ScanCost cost = plan.cost(frame_bytes);
  const ScanInputs& in = plan.inputs;
  std::cout << "dry run: " << cost.probes << " probes (" << in.targets.size();
  if (!in.targets6.empty()) std::cout << " IPv4 + " << in.targets6.size() << " IPv6";
  std::cout << " address(es) x ";
  if (o.discovery.ping_scan)
    std::cout << plan.space.slots().size() << " discovery probe(s)";
  else
    std::cout << in.ports.size() << " port(s) x " << in.kinds.size() << " kind(s)";
  std::cout << ", shard " << in.shard.index << "/" << in.shard.count << "); nothing sent (seed " << in.seed << ")\n";
  std::cout << "dry run: would send " << describe_cost(cost, o.rate) << ", up to " << cost.attempts
            << " attempt(s) per unanswered probe, then " << cost.wait_seconds << " s of listening\n";
  std::cout << "dry run: built " << r.probes << (r.complete ? "" : " (a sample)") << " probes, " << r.bytes
            << " bytes in " << r.seconds << " s = " << (r.seconds > 0 ? double(r.probes) / r.seconds / 1e6 : 0)
            << " M probes/s\n";
  if (cost.probes > kLargeScanProbes && !o.yes)
    std::cout << "dry run: a real scan this large needs --yes\n";
  return 0;
}

// Everything a real scan opens, in the order it opens it; each member
// stays where it is (others point into it).
struct OpenScan {
  // First member, so destroyed last: after every file below is closed.
  ReplacedOutputs replaced;
  std::optional<NextHopPlan> route;
  std::optional<NextHopPlan> discovery_route;  // -sn: the route without on-link MACs (ARP discovered them)
  std::vector<Ipv4> arp_up;                    // -sn: on-link targets that answered ARP
  std::vector<Ipv6> nd_up;                     // -sn: on-link IPv6 targets that answered NDP
  std::optional<Cookie> cookie;
  ProbeTemplates templates;
  std::optional<Ipv6ScanSide> ipv6;    // a scan of IPv6 targets
  const Ipv6Probing* v6 = nullptr;     // points into ipv6; nullptr without IPv6 targets
  // Host discovery over IPv6 (-sn, --discover): the next hop without
  // on-link MACs (NDP discovered them) and the probing that uses it.
  std::optional<Ipv6NextHopPlan> discovery_next_hop;
  std::optional<Ipv6Probing> discovery_v6;
  std::optional<TargetMacs> macs;
  std::optional<fingerprint::Matcher> matcher;
  FollowUpQueue follow_ups;
  std::optional<OsEvidenceCollector> collector;
  std::optional<OsFingerprinting> os;
  std::optional<RstGuard> rst_guard;
  std::unique_ptr<SinkList> outputs;
  std::optional<FirewallAggregator> firewall;
  std::optional<HostDiscoverySink> discovery;  // -sn: answers -> host-up records
  ResultSink* results = nullptr;
  unsigned threads = 1;
  std::vector<std::unique_ptr<PacketSink>> sinks;
  std::vector<PacketSink*> sink_views;
  std::optional<PcapSource> live_source;
  std::optional<PcapRecorder> recorder;
  std::vector<std::unique_ptr<RecordingSink>> recording_sinks;
  std::optional<RecordingSource> recording_source;
  std::optional<PacketTrace> trace;
  std::vector<std::unique_ptr<TappedSink>> tracing_sinks;
  std::optional<TappedSource> tracing_source;
  PacketSource* source = nullptr;
};

// Host discovery over IPv6: NDP already told which on-link hosts are up
// (-sn reports them); the discovery probes go to no on-link target. ::1
// has no next hop: its probes go as they are.
void open_ipv6_discovery(const ScanPlan& plan, OpenScan& s) {
  if (!plan.options.discovery.any()) return;
  const Ipv6Kit& kit = s.ipv6->kit;
  if (!s.ipv6->next_hop) {
    s.discovery_v6.emplace(*kit.probing);
    return;
  }
  if (plan.options.discovery.ping_scan) s.nd_up = nd_responders(*s.ipv6->next_hop, plan.inputs.targets6);
  s.discovery_next_hop.emplace(without_on_link_hosts(*s.ipv6->next_hop));
  s.discovery_v6.emplace(Ipv6Probing{*kit.cookie, kit.templates, &*s.discovery_next_hop});
}

// The IPv6 probing a -sn scan sends with (discovery's, without on-link
// hosts); every other scan sends with the full next hop.
const Ipv6Probing* scan_v6(const ScanPlan& plan, OpenScan& s) {
  return plan.options.discovery.ping_scan && s.discovery_v6 ? &*s.discovery_v6 : s.v6;
}

// IPv6 targets (ipv6_scan_side): the route is the IPv6 side's interface;
// the IPv4 cookie and templates exist only because the engine takes them.
void open_ipv6_route(const ScanPlan& plan, OpenScan& s) {
  const ScanOptions& o = plan.options;
  s.ipv6.emplace();
  open_ipv6_side(plan, kOurTsVal, *s.ipv6);
  if (o.verbosity > 0) std::cerr << "zeroscan: " << describe(*s.ipv6) << "\n";
  NextHopPlan link;
  link.interface = s.ipv6->interface;
  link.link_layer = s.ipv6->interface.has_link_layer;
  s.route.emplace(std::move(link));
  s.cookie.emplace(plan.inputs.cookie_key, Ipv4(), plan.inputs.source_ports, std::uint8_t(o.retries + 1));
  s.templates = build_templates(&*s.route, o);
  s.macs.emplace();
  s.v6 = &*s.ipv6->kit.probing;
  open_ipv6_discovery(plan, s);
}

// A scan of both families: the IPv6 side beside the IPv4 route, on the same
// interface (one capture per scan).
void open_ipv6_beside(const ScanPlan& plan, OpenScan& s) {
  s.ipv6.emplace();
  open_ipv6_side(plan, kOurTsVal, *s.ipv6);
  if (plan.options.verbosity > 0) std::cerr << "zeroscan: " << describe(*s.ipv6) << "\n";
  if (s.ipv6->interface.name != s.route->interface.name)
    throw UsageError("the IPv4 targets leave through " + s.route->interface.name + ", the IPv6 ones through " +
                     s.ipv6->interface.name + ": scan each family on its own (one capture per scan)");
  s.v6 = &*s.ipv6->kit.probing;
  open_ipv6_discovery(plan, s);
}

// The IPv4 targets' route, MACs (ARP), cookie and templates.
void open_ipv4_route(const ScanPlan& plan, OpenScan& s) {
  const ScanOptions& o = plan.options;
  refuse_benchmark_range_via_default_route(read_routes(), to_address_ranges(plan.inputs.target_ranges));
  s.route.emplace(plan_next_hop_on_host(to_address_ranges(plan.inputs.target_ranges), plan.overrides));
  if (o.verbosity > 0) std::cerr << "zeroscan: " << describe(*s.route) << "\n";
  s.cookie.emplace(plan.inputs.cookie_key, s.route->source, plan.inputs.source_ports, std::uint8_t(o.retries + 1));
  s.templates = build_templates(&*s.route, o);
  if (!o.discovery.ping_scan) {
    s.macs.emplace(*s.route);
    return;
  }
  // -sn: ARP already told which on-link hosts are up; no probe goes to them.
  s.arp_up = arp_responders(*s.route, plan.inputs.targets);
  s.discovery_route.emplace(without_on_link_hosts(*s.route));
  s.macs.emplace(*s.discovery_route);
}

// Route, MACs (ARP or NDP), cookies and templates for this host: one family
// or both.
void open_route(const ScanPlan& plan, OpenScan& s) {
  require_packet_socket_privilege();
  if (plan.inputs.targets.empty()) return open_ipv6_route(plan, s);
  open_ipv4_route(plan, s);
  if (!plan.inputs.targets6.empty()) open_ipv6_beside(plan, s);
}

// -O: evidence per responsive host, follow-up probes, the matcher, and for
// --os-rto the nftables rules that hold back our RSTs (one per family).
// -O's evidence over the space the port scan probes (--discover: the
// hosts found up, known only after the discovery).
void collect_os_evidence(const ScanPlan& plan, const ScanSpace& space, OpenScan& s) {
  s.os.reset();
  s.collector.emplace(space, s.follow_ups, kOurTsVal,
                      plan.options.os_rto ? fingerprint::RetransmitTiming::On : fingerprint::RetransmitTiming::Off,
                      plan.inputs.seed);
  s.os.emplace(OsFingerprinting{*s.collector, s.follow_ups, *s.matcher});
}

void open_os_fingerprinting(const ScanPlan& plan, OpenScan& s) {
  const ScanOptions& o = plan.options;
  if (!o.os) return;
  s.matcher.emplace(o.os_db.empty() ? fingerprint::load_builtin_database() : fingerprint::load_database(o.os_db));
  collect_os_evidence(plan, plan.space, s);
  if (!o.os_rto) return;
  const SourcePortRange& ports = plan.inputs.source_ports;
  RstGuardSources sources;
  if (!plan.inputs.targets.empty()) sources.v4 = s.route->source;
  if (s.ipv6) sources.v6 = s.ipv6->kit.cookie->source();
  s.rst_guard.emplace(sources, ports.first, std::uint16_t(ports.first + ports.count - 1));
  if (o.wait_seconds < 30)
    std::cerr << "zeroscan: --os-rto: retransmissions come seconds apart; --wait " << o.wait_seconds
              << " will see only the first few (30+ recommended)\n";
}

void open_outputs(const ScanPlan& plan, const ports::PortDatabase& port_db, ResultSink* extra_sink,
                  OpenScan& s) {
  s.outputs = build_outputs(plan.options, make_port_annotator(port_db), s.replaced);
  if (extra_sink) s.outputs->add_borrowed(*extra_sink);
  // SYN and ACK together: pair each port's two answers into a verdict.
  if (plan.inputs.kinds.size() == kTcpProbeKindCount) s.firewall.emplace(*s.outputs);
  s.results = s.firewall ? static_cast<ResultSink*>(&*s.firewall) : s.outputs.get();
  if (!plan.options.discovery.ping_scan) return;
  s.discovery.emplace(*s.results);
  s.results = &*s.discovery;
  // Before the scan's output thread starts.
  report_link_responders(s.arp_up, StateReason::ArpResponse, *s.results);
  report_link_responders(s.nd_up, StateReason::NdResponse, *s.results);
}

// Only candidate replies cross into user space: TCP or ICMP to us. On lo
// the capture also sees our own probes (to 127.x from 127.x): a bare SYN or
// ACK or an echo request is never a reply, so keep them off the receiver.
std::string ipv4_capture_filter(const NextHopPlan& route) {
  std::string filter = "dst host " + route.source.to_string() + " and (tcp or icmp)";
  if (sends_through_raw_ip(route))
    filter += " and not (tcp and (tcp[13] == 2 or tcp[13] == 16)) and not (icmp and icmp[0] == 8)";
  return filter;
}

std::string capture_filter(const ScanPlan& plan, const OpenScan& s) {
  if (!s.ipv6) return ipv4_capture_filter(*s.route);
  if (plan.inputs.targets.empty()) return ipv6_capture_filter(*s.ipv6);
  return "(" + ipv4_capture_filter(*s.route) + ") or (" + ipv6_capture_filter(*s.ipv6) + ")";
}

PacketSink* keep(OpenScan& s, std::unique_ptr<PacketSink> sink) {
  s.sinks.push_back(std::move(sink));
  return s.sinks.back().get();
}

// The IPv6 cookie's source address, for the --pcap sidecar.
std::optional<Ipv6> ipv6_source(const OpenScan& s) {
  if (!s.ipv6) return std::nullopt;
  return s.ipv6->kit.cookie->source();
}

// One sender thread's sink: a scan of one family has one socket; a scan of
// both has one per family behind a FamilySplitSink.
PacketSink* open_thread_sink(const ScanPlan& plan, OpenScan& s) {
  constexpr std::size_t kEthernetHeader = 14;
  const std::size_t link_header = s.route->link_layer ? kEthernetHeader : 0;
  PacketSink* ipv6 = nullptr;
  if (s.ipv6)
    ipv6 = keep(s, s.ipv6->loopback ? std::unique_ptr<PacketSink>(std::make_unique<RawIpSink>(link_header, 64, RawIpFamily::V6))
                                    : std::make_unique<AfPacketSink>(s.ipv6->interface));
  if (plan.inputs.targets.empty()) return ipv6;
  PacketSink* ipv4 = nullptr;
  if (sends_through_raw_ip(*s.route))  // this machine: the IP layer, no sysctls needed
    ipv4 = keep(s, std::make_unique<RawIpSink>(link_header));
  else if (s.route->link_layer)
    ipv4 = keep(s, std::make_unique<AfPacketSink>(s.route->interface));
  else
    ipv4 = keep(s, std::make_unique<IpLayerSink>(s.route->interface));
  return ipv6 ? keep(s, std::make_unique<FamilySplitSink>(*ipv4, *ipv6, link_header)) : ipv4;
}

// One packet socket per sender thread (a sink is not shared between
// threads), the capture, and --pcap's recorder around both.
void open_packet_io(const ScanPlan& plan, OpenScan& s) {
  const ScanOptions& o = plan.options;
  // At high rates the kernel's per-packet work is the limit, so a second
  // thread on the second core doubles it.
  s.threads = o.sender_threads ? o.sender_threads
                               : (o.rate > 500000 && std::thread::hardware_concurrency() > 1 ? 2 : 1);
  for (unsigned t = 0; t < s.threads; ++t) s.sink_views.push_back(open_thread_sink(plan, s));
  PcapSourceOptions capture;
  capture.interface = s.route->interface.name;
  capture.filter = capture_filter(plan, s);
  capture.buffer_bytes = capture_buffer_bytes(o.rate, o.wait_seconds, plan.space.size());
  s.live_source.emplace(capture);
  s.source = &*s.live_source;
  if (o.pcap.empty()) return;
  // --pcap: every frame sent and captured goes to the file as well, and the
  // settings needed to verify replies offline go beside it.
  s.recorder.emplace(s.replaced.aside(o.pcap), s.route->link_layer ? LinkType::Ethernet : LinkType::RawIp);
  for (PacketSink*& view : s.sink_views) {
    s.recording_sinks.push_back(std::make_unique<RecordingSink>(*view, *s.recorder));
    view = s.recording_sinks.back().get();
  }
  s.recording_source.emplace(*s.live_source, *s.recorder);
  s.source = &*s.recording_source;
  write_pcap_sidecar(s.replaced.aside(o.pcap + ".scan.json"),
                     record_sidecar(o, plan.inputs, s.route->source, ipv6_source(s), s.threads, kOurTsVal));
}

// Whether an output format writes to standard output ("-").
bool stdout_claimed(const ScanOptions& o) {
  for (const std::string* path : {&o.output_json, &o.output_normal, &o.output_xml, &o.output_grepable, &o.output_csv})
    if (*path == "-") return true;
  return false;
}

// --packet-trace: the sending and capture threads only fill rings (taps
// around the sinks and the source); a printer thread writes the lines.
void open_packet_trace(const ScanPlan& plan, OpenScan& s) {
  if (!plan.options.nmap.packet_trace) return;
  s.trace.emplace(stdout_claimed(plan.options) ? std::cerr : std::cout, std::cerr);
  const LinkType sent_link = s.route->link_layer ? LinkType::Ethernet : LinkType::RawIp;
  for (PacketSink*& view : s.sink_views) {
    s.tracing_sinks.push_back(std::make_unique<TappedSink>(*view, s.trace->add_ring("SENT", sent_link)));
    view = s.tracing_sinks.back().get();
  }
  s.tracing_source.emplace(*s.source, s.trace->add_ring("RCVD", s.source->link_type()));
  s.source = &*s.tracing_source;
  s.trace->start();
}

EngineSettings engine_settings(const ScanOptions& o, unsigned threads) {
  EngineSettings settings;
  settings.rate = o.rate;
  settings.attempts = std::uint8_t(o.retries + 1);
  settings.wait_seconds = o.wait_seconds;
  settings.retry_gap_seconds = std::min(1.0, o.wait_seconds);
  settings.progress = o.verbosity > 0 || o.nmap.stats_every_seconds > 0;
  if (o.nmap.stats_every_seconds > 0) {
    settings.progress_interval_seconds = o.nmap.stats_every_seconds;
    settings.progress_new_lines = true;  // as nmap: one report per interval, kept
  }
  settings.sender_threads = threads;
  settings.resume_positions = o.resume_positions;
  settings.report_silence = !o.responders_only;
  settings.host_discovery = o.discovery.ping_scan;
  if (o.all_states) settings.state_table_limit = Permutation::kMaxSize;
  return settings;
}

// However the scan ended (done, Ctrl-C, a failed writer), what it wrote
// replaces the earlier files: the pcap is closed, an interrupt leaves the
// resume file (`resumable`: the scanner whose order a resume continues;
// nullptr for --discover, which starts over), every output is renamed into
// place. Each step runs even when one before it fails; the first failure is
// thrown at the end, others are printed. (An exception out of the scan
// itself skips all this: the earlier files stay and the temporary ones go.)
void keep_what_was_written(const ScanPlan& plan, OpenScan& s, const Scanner* resumable, bool interrupted) {
  const ScanOptions& o = plan.options;
  std::exception_ptr failed;
  auto attempt = [&failed](const auto& step) {
    try {
      step();
    } catch (const Error& e) {
      if (failed) std::cerr << "zeroscan: " << e.what() << "\n";
      else failed = std::current_exception();
    }
  };
  if (s.recorder) attempt([&] { s.recorder->close(); });  // SystemError on a write failure
  if (interrupted && resumable)
    attempt([&] {
      // Everything sent so far has its records; the rest waits here.
      write_resume_file(o.resume_file, ResumeState{o.args, plan.inputs.seed, resumable->pass0_positions()});
      std::cerr << "zeroscan: interrupted; continue with: zeroscan --resume " << o.resume_file << "\n";
    });
  else if (interrupted)
    std::cerr << "zeroscan: interrupted; a --discover scan cannot be resumed (its hosts may change): run it again\n";
  attempt([&] { s.replaced.commit(); });
  if (failed) std::rethrow_exception(failed);
}

// Runs one Scanner with Ctrl-C wired to it.
ScanSummary run_watched(Scanner& scanner) {
  SignalWatcher watcher(scanner);
  return scanner.run();
}

// After the last Scanner: stop the trace, keep what was written, report a
// failed writer.
int finish_scan(const ScanPlan& plan, OpenScan& s, const ScanSummary& summary, const Scanner* resumable) {
  if (s.trace) s.trace->stop();
  keep_what_was_written(plan, s, resumable, summary.interrupted);
  if (const std::string error = s.outputs->error(); !error.empty()) {
    std::cerr << "zeroscan: " << error << "\n";
    return 1;
  }
  return summary.interrupted ? 130 : 0;
}

// Sends, listens, concludes over `space` in `order`.
int port_scan(const ScanPlan& plan, OpenScan& s, const ScanSpace& space, const Permutation& order, bool resumable) {
  const ScanOptions& o = plan.options;
  const ScanInputs& in = plan.inputs;
  Scanner scanner(ScanJob{space, order, *s.cookie, s.templates, *s.macs, engine_settings(o, s.threads), in.seed,
                          in.shard, s.os ? &*s.os : nullptr, describe_scan(o, in), scan_v6(plan, s)},
                  s.sink_views, *s.source, *s.results);
  const ScanSummary summary = run_watched(scanner);
  return finish_scan(plan, s, summary, resumable ? &scanner : nullptr);
}

// --discover, phase 1: the discovery probes to every target (on-link
// targets by their ARP or NDP answers alone); the addresses of the hosts up.
HostCollector discover_hosts(const ScanPlan& plan, OpenScan& s) {
  const ScanOptions& o = plan.options;
  const ScanInputs& in = plan.inputs;
  HostCollector collector;
  HostDiscoverySink hosts(collector);
  report_link_responders(arp_responders(*s.route, in.targets), StateReason::ArpResponse, hosts);
  if (s.ipv6 && s.ipv6->next_hop)
    report_link_responders(nd_responders(*s.ipv6->next_hop, in.targets6), StateReason::NdResponse, hosts);
  const NextHopPlan route = without_on_link_hosts(*s.route);
  const TargetMacs macs(route);
  const PortSet no_ports;
  const ScanSpace space(in.targets, in.targets6, no_ports, {}, discovery_slots(o.discovery));
  const Permutation order(space.size(), in.seed, in.shard);
  EngineSettings settings = engine_settings(o, s.threads);
  settings.host_discovery = true;
  Scanner scanner(ScanJob{space, order, *s.cookie, s.templates, macs, settings, in.seed, in.shard, nullptr,
                          describe_scan(o, in), s.discovery_v6 ? &*s.discovery_v6 : nullptr},
                  s.sink_views, *s.source, hosts);
  run_watched(scanner);
  std::cerr << "zeroscan: --discover: " << hosts.hosts_up() << " of " << space.hosts()
            << " address(es) up; port-scanning those\n";
  return collector;
}

// --discover: discovery, then the port scan of the hosts found up only.
int discover_then_scan(const ScanPlan& plan, OpenScan& s) {
  const HostCollector found = discover_hosts(plan, s);
  if (found.interrupted() || found.up().empty()) {
    // Nothing to port-scan: the outputs still close with a summary.
    ScanSummary summary = describe_scan(plan.options, plan.inputs);
    summary.seed = plan.inputs.seed;
    summary.interrupted = found.interrupted();
    s.results->finish(summary);
    return finish_scan(plan, s, summary, nullptr);
  }
  const LiveTargets live = live_targets(found.up());
  const ScanSpace space = same_probes_for(live, plan.space);
  const Permutation order(space.size(), plan.inputs.seed, plan.inputs.shard);
  if (s.os) collect_os_evidence(plan, space, s);
  return port_scan(plan, s, space, order, false);
}

int scan(const ScanPlan& plan, OpenScan& s) {
  if (plan.options.discovery.discover) return discover_then_scan(plan, s);
  return port_scan(plan, s, plan.space, plan.permutation, true);
}

// What the unprivileged user must still be able to write once root is
// gone: the resume file a Ctrl-C leaves (renamed into place, like the
// outputs: their directories).
std::vector<std::string> written_later(const ScanOptions& o, const ReplacedOutputs& replaced) {
  std::vector<std::string> paths{o.resume_file, directory_of(o.resume_file)};
  for (std::string& dir : replaced.directories()) paths.push_back(std::move(dir));
  // An existing file someone else owns cannot be replaced by the user in a
  // sticky directory (/tmp).
  for (std::string& real : replaced.real_files()) paths.push_back(std::move(real));
  return paths;
}

int run_live_scan(const ScanPlan& plan, const ports::PortDatabase& port_db, ResultSink* extra_sink) {
  OpenScan s;
  open_route(plan, s);
  open_os_fingerprinting(plan, s);
  open_outputs(plan, port_db, extra_sink, s);
  open_packet_io(plan, s);
  open_packet_trace(plan, s);
  if (!plan.options.keep_privileges) {
    if (const std::string note = drop_privileges(plan.options.os_rto, written_later(plan.options, s.replaced),
                                                 s.replaced.temporary_files());
        !note.empty() && plan.options.verbosity > 0)
      std::cerr << "zeroscan: " << note << "\n";
  }
  return scan(plan, s);
}

}  // namespace

// parse -> validate -> (dry run | open -> drop privileges -> scan).
int run_scan(const ScanOptions& given, ResultSink* extra_sink) {
  try {
    const ports::PortDatabase port_db = ports::load_embedded_port_database();
    const ScanPlan plan(given, port_db, entropy_seed());
    for (const std::string& note : plan.inputs.notes) std::cerr << "zeroscan: " << note << "\n";
    if (plan.options.nmap.list_only)  // -sL: no privileges
      return list_targets(plan.inputs.targets, plan.inputs.targets6, std::cout, std::cerr);
    validate(plan);
    if (plan.options.dry_run) return run_dry_run(plan);
    return run_live_scan(plan, port_db, extra_sink);
  } catch (const Error& e) {
    std::cerr << "zeroscan: " << e.what() << "\n";
    return 2;
  } catch (const std::bad_alloc&) {
    std::cerr << "zeroscan: out of memory (a smaller scan, or fewer --all-states, needs less)\n";
    return 2;
  }
}

}  // namespace zeroscan
