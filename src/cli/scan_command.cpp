// The scan command, from argv to exit code.
#include "zeroscan/cli/scan_command.h"

#include <csignal>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <memory>
#include <pthread.h>
#include <random>
#include <thread>

#include <nlohmann/json.hpp>

#include "zeroscan/cli/list_targets.h"
#include "zeroscan/cli/resume_file.h"
#include "zeroscan/cli/scan_description.h"
#include "zeroscan/cli/scan_inputs.h"
#include "zeroscan/core/errors.h"
#include "zeroscan/engine/capture_sizing.h"
#include "zeroscan/engine/dry_run.h"
#include "zeroscan/engine/scanner.h"
#include "zeroscan/net/next_hop_plan.h"
#include "zeroscan/net/pcap_source.h"
#include "zeroscan/net/af_packet_sink.h"
#include "zeroscan/net/benchmark_range_guard.h"
#include "zeroscan/net/privileges.h"
#include "zeroscan/net/raw_ip_sink.h"
#include "zeroscan/net/recording.h"
#include "zeroscan/net/rst_guard.h"
#include "zeroscan/fingerprint/database.h"
#include "zeroscan/output/firewall_aggregator.h"
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
  for (ProbeKind kind : {ProbeKind::Syn, ProbeKind::Ack}) templates[int(kind)].emplace(kind, base);
  return templates;
}


// Every -o option through the shared output set (also used by merge).
std::unique_ptr<SinkList> build_outputs(const ScanOptions& o, const PortAnnotator& annotate) {
  OutputPaths paths;
  paths.json = o.output_json;
  paths.normal = o.output_normal;
  paths.xml = o.output_xml;
  paths.grepable = o.output_grepable;
  paths.csv = o.output_csv;
  paths.all_base = o.output_all;
  paths.resume = o.append_outputs;
  paths.reason_column = o.nmap.reason;
  auto sinks = std::make_unique<SinkList>();
  sinks->add(build_result_sinks(expand_all(paths), annotate, o.open_only));
  return sinks;
}

int report_dry_run(const ScanInputs& in, const ScanSpace& space, const Permutation& permutation,
                   const Cookie& cookie, const ProbeTemplates& templates, const TargetMacs& macs) {
  const DryRunReport r = dry_run(space, permutation, cookie, templates, macs);
  std::cout << "dry run: " << r.probes << " probes (" << in.targets.size() << " address(es) x "
            << in.ports.size() << " port(s) x " << in.kinds.size() << " kind(s), shard "
            << in.shard.index << "/" << in.shard.count << "), " << r.bytes << " bytes built in "
            << r.seconds << " s = " << (r.seconds > 0 ? double(r.probes) / r.seconds / 1e6 : 0)
            << " M probes/s; nothing sent (seed " << in.seed << ")\n";
  if (r.unreachable) std::cout << "dry run: " << r.unreachable << " probes skipped: no ARP answer\n";
  return 0;
}

// FILE.scan.json beside a --pcap FILE: what `zeroscan analyze` needs to
// rebuild the scan space and the cookie (the seed derives the key).
void write_pcap_sidecar(const ScanOptions& o, const ScanInputs& in, Ipv4 source, std::uint32_t ts_val) {
  nlohmann::ordered_json j;
  j["type"] = "zeroscan-pcap";
  j["version"] = 1;
  j["args"] = o.args;
  j["seed"] = in.seed;
  j["source"] = source.to_string();
  j["source_ports"] = {{"first", in.source_ports.first}, {"count", in.source_ports.count}};
  j["attempts"] = o.retries + 1;
  j["ts_val"] = ts_val;
  OutputFile file(o.pcap + ".scan.json");
  file.write(j.dump(2) + "\n");
  if (!file.close()) throw SystemError(file.error());
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

bool any_output_given(const ScanOptions& o) {
  return !o.output_json.empty() || !o.output_normal.empty() || !o.output_xml.empty() ||
         !o.output_grepable.empty() || !o.output_csv.empty() || !o.output_all.empty();
}

// --resume FILE: the original command line from the file, the original seed
// and thread count, the saved positions; outputs as given now, or else the
// original ones continued.
int run_resumed_scan(const ScanOptions& cli) {
  ResumeState state;
  try {
    state = read_resume_file(cli.resume);
  } catch (const Error& e) {
    std::cerr << "zeroscan: " << e.what() << "\n";
    return 2;
  }
  std::vector<const char*> argv{"zeroscan"};
  for (const std::string& arg : state.args) argv.push_back(arg.c_str());
  const ParsedScanCommand stored = parse_scan_options(int(argv.size()), argv.data(), std::cout, std::cerr);
  if (stored.outcome == ParseOutcome::Exit) return stored.exit_code ? stored.exit_code : 2;
  ScanOptions o = stored.options;
  o.seed = state.seed;
  o.sender_threads = unsigned(state.positions.size());
  o.resume_positions = state.positions;
  o.resume_file = cli.resume_file;
  o.verbosity = std::max(o.verbosity, cli.verbosity);
  if (any_output_given(cli)) {
    o.output_json = cli.output_json;
    o.output_normal = cli.output_normal;
    o.output_xml = cli.output_xml;
    o.output_grepable = cli.output_grepable;
    o.output_csv = cli.output_csv;
    o.output_all = cli.output_all;
  } else {
    o.append_outputs = true;
  }
  return run_scan(o, nullptr);
}

}  // namespace

int run_scan_command(int argc, char** argv) {
  const ParsedScanCommand parsed = parse_scan_options(argc, argv, std::cout, std::cerr);
  if (parsed.outcome == ParseOutcome::Exit) return parsed.exit_code;
  if (!parsed.options.resume.empty()) return run_resumed_scan(parsed.options);
  return run_scan(parsed.options, nullptr);
}

// --top-ports N becomes the port list; with -p as well it is ambiguous.
ScanOptions with_top_ports(ScanOptions o, const ports::PortDatabase& db) {
  if (o.top_ports == 0) return o;
  if (o.ports_given) throw UsageError("give either -p or --top-ports, not both");
  const std::vector<std::uint16_t> ranked = db.top_ports(o.top_ports, ports::Protocol::Tcp);
  if (ranked.size() < o.top_ports)
    throw UsageError("--top-ports " + std::to_string(o.top_ports) + ": zeroscan's ranking holds " +
                     std::to_string(ranked.size()) + " TCP ports (give 1-" + std::to_string(ranked.size()) +
                     ", or -p- for all 65535)");
  o.ports = format_port_list(ranked);
  return o;
}

int run_scan(const ScanOptions& given, ResultSink* extra_sink) {
  try {
    const ports::PortDatabase port_db = ports::load_embedded_port_database();
    const ScanOptions o = with_top_ports(given, port_db);
    const ScanInputs in = resolve_scan_inputs(o, resolve_with_getaddrinfo, entropy_seed(),
                                              [](const char* name) { return std::getenv(name); });
    for (const std::string& note : in.notes) std::cerr << "zeroscan: " << note << "\n";
    if (o.nmap.list_only) return list_targets(in.targets, std::cout, std::cerr);  // -sL: no privileges
    if (o.os_rto && !o.os) throw UsageError("--os-rto times retransmissions for -O: add -O");
    std::vector<ProbeSlot> extra_slots;
    if (o.port0) extra_slots = {{0, ProbeKind::Syn}, {0, ProbeKind::Ack}};
    const ScanSpace space(in.targets, in.ports, in.kinds, extra_slots);
    const Permutation permutation(space.size(), in.seed, in.shard);

    NextHopOverrides overrides;
    overrides.interface = o.interface;
    if (!o.source_ip.empty()) {
      overrides.source_ip = Ipv4::parse(o.source_ip);
      if (!overrides.source_ip) throw UsageError("bad --source-ip '" + o.source_ip + "'");
    }
    if (!o.router_mac.empty()) {
      overrides.router_mac = MacAddress::parse(o.router_mac);
      if (!overrides.router_mac) throw UsageError("bad --router-mac '" + o.router_mac + "'");
    }

    if (o.dry_run) {
      // No privilege needed: routes are read, nothing is ARPed or sent.
      const Cookie cookie(in.cookie_key, overrides.source_ip.value_or(Ipv4()), in.source_ports,
                          std::uint8_t(o.retries + 1));
      return report_dry_run(in, space, permutation, cookie, build_templates(nullptr, o),
                            TargetMacs());
    }

    require_packet_socket_privilege();
    refuse_benchmark_range_via_default_route(read_routes(), to_address_ranges(in.target_ranges));
    const NextHopPlan plan = plan_next_hop_on_host(to_address_ranges(in.target_ranges), overrides);
    if (o.verbosity > 0) std::cerr << "zeroscan: " << describe(plan) << "\n";
    const Cookie cookie(in.cookie_key, plan.source, in.source_ports, std::uint8_t(o.retries + 1));
    const ProbeTemplates templates = build_templates(&plan, o);
    const TargetMacs macs(plan);

    // -O: evidence per responsive host, follow-up probes, and the matcher.
    std::optional<fingerprint::Matcher> matcher;
    FollowUpQueue follow_ups;
    std::optional<OsEvidenceCollector> collector;
    std::optional<OsFingerprinting> os;
    std::optional<RstGuard> rst_guard;
    if (o.os) {
      matcher.emplace(fingerprint::load_builtin_database());
      collector.emplace(space, follow_ups, kOurTsVal,
                        o.os_rto ? fingerprint::RetransmitTiming::On : fingerprint::RetransmitTiming::Off,
                        in.seed);
      os.emplace(OsFingerprinting{*collector, follow_ups, *matcher});
      if (o.os_rto) {
        rst_guard.emplace(plan.source, in.source_ports.first,
                          std::uint16_t(in.source_ports.first + in.source_ports.count - 1));
        if (o.wait_seconds < 30)
          std::cerr << "zeroscan: --os-rto: retransmissions come seconds apart; --wait "
                    << o.wait_seconds << " will see only the first few (30+ recommended)\n";
      }
    }
    const std::unique_ptr<SinkList> outputs = build_outputs(o, make_port_annotator(port_db));
    if (extra_sink) outputs->add_borrowed(*extra_sink);
    // SYN and ACK together: pair each port's two answers into a verdict.
    std::optional<FirewallAggregator> firewall;
    if (in.kinds.size() == kProbeKindCount) firewall.emplace(*outputs);
    ResultSink& results = firewall ? static_cast<ResultSink&>(*firewall) : *outputs;

    // One socket per sender thread: a sink is not shared between threads.
    // At high rates the kernel's per-packet work (qdisc bypass, veth/NIC
    // driver) is the limit, so a second thread on the second core doubles it.
    const unsigned threads = o.sender_threads ? o.sender_threads
                             : (o.rate > 500000 && std::thread::hardware_concurrency() > 1 ? 2 : 1);
    std::vector<std::unique_ptr<PacketSink>> sinks;
    std::vector<PacketSink*> sink_views;
    constexpr std::size_t kEthernetHeader = 14;
    for (unsigned t = 0; t < threads; ++t) {
      if (sends_through_raw_ip(plan))  // this machine: the IP layer, no sysctls needed
        sinks.push_back(std::make_unique<RawIpSink>(plan.link_layer ? kEthernetHeader : 0));
      else if (plan.link_layer)
        sinks.push_back(std::make_unique<AfPacketSink>(plan.interface));
      else
        sinks.push_back(std::make_unique<IpLayerSink>(plan.interface));
      sink_views.push_back(sinks.back().get());
    }
    PcapSourceOptions capture;
    capture.interface = plan.interface.name;
    // Only candidate replies cross into user space: TCP or ICMP to us.
    capture.filter = "dst host " + plan.source.to_string() + " and (tcp or icmp)";
    // On lo the capture also sees our own probes (to 127.x from 127.x): a
    // bare SYN or ACK is never a reply, so keep them off the receiver.
    if (sends_through_raw_ip(plan)) capture.filter += " and not (tcp and (tcp[13] == 2 or tcp[13] == 16))";
    capture.buffer_bytes = capture_buffer_bytes(o.rate, o.wait_seconds, space.size());
    PcapSource live_source(capture);

    // --pcap: every frame sent and captured goes to the file as well, and the
    // settings needed to verify replies offline go beside it.
    std::optional<PcapRecorder> recorder;
    std::vector<std::unique_ptr<RecordingSink>> recording_sinks;
    std::optional<RecordingSource> recording_source;
    if (!o.pcap.empty()) {
      recorder.emplace(o.pcap, plan.link_layer ? LinkType::Ethernet : LinkType::RawIp);
      for (PacketSink*& view : sink_views) {
        recording_sinks.push_back(std::make_unique<RecordingSink>(*view, *recorder));
        view = recording_sinks.back().get();
      }
      recording_source.emplace(live_source, *recorder);
      write_pcap_sidecar(o, in, plan.source, kOurTsVal);
    }
    PacketSource& source = recording_source ? static_cast<PacketSource&>(*recording_source) : live_source;

    EngineSettings settings;
    settings.rate = o.rate;
    settings.attempts = std::uint8_t(o.retries + 1);
    settings.wait_seconds = o.wait_seconds;
    settings.retry_gap_seconds = std::min(1.0, o.wait_seconds);
    settings.progress = o.verbosity > 0 || o.nmap.stats_every_seconds > 0;
    if (o.nmap.stats_every_seconds > 0) settings.progress_interval_seconds = o.nmap.stats_every_seconds;
    settings.sender_threads = threads;
    settings.resume_positions = o.resume_positions;
    settings.report_silence = !o.responders_only;
    if (o.all_states) settings.state_table_limit = Permutation::kMaxSize;

    Scanner scanner(ScanJob{space, permutation, cookie, templates, macs, settings, in.seed, in.shard,
                            os ? &*os : nullptr, describe_scan(o, in)},
                    sink_views, source, results);
    ScanSummary summary;
    {
      SignalWatcher watcher(scanner);
      summary = scanner.run();
    }
    if (recorder) recorder->close();  // throws SystemError on a write failure
    if (summary.interrupted) {
      // Everything sent so far has its records; the rest waits here.
      write_resume_file(o.resume_file, ResumeState{o.args, in.seed, scanner.pass0_positions()});
      std::cerr << "zeroscan: interrupted; continue with: zeroscan --resume " << o.resume_file << "\n";
    }
    if (const std::string error = outputs->error(); !error.empty()) {
      std::cerr << "zeroscan: " << error << "\n";
      return 1;
    }
    return summary.interrupted ? 130 : 0;
  } catch (const UsageError& e) {
    std::cerr << "zeroscan: " << e.what() << "\n";
    return 2;
  } catch (const Error& e) {
    std::cerr << "zeroscan: " << e.what() << "\n";
    return 2;
  }
}

}  // namespace zeroscan
