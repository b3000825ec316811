// "zeroscan analyze": a --pcap capture and its sidecar, concluded again.
#include "zeroscan/cli/analyze_command.h"
#include "zeroscan/cli/scan_description.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "zeroscan/cli/scan_inputs.h"
#include "zeroscan/cli/scan_options.h"
#include "zeroscan/core/errors.h"
#include "zeroscan/engine/offline_replay.h"
#include "zeroscan/fingerprint/database.h"
#include "zeroscan/net/pcap_files.h"
#include "zeroscan/output/firewall_aggregator.h"
#include "zeroscan/output/output_set.h"
#include "zeroscan/output/port_list.h"
#include "zeroscan/ports/embedded_port_data.h"

namespace zeroscan {

namespace {

struct AnalyzeOptions {
  std::string capture;
  std::string sidecar;  // default: capture + ".scan.json"
  OutputPaths paths;
  bool open_only = false;
  unsigned sender_threads = 0;  // 0: as the recorded options imply
};

// The sidecar's fields, each checked with a message that names it.
template <class T>
T field(const nlohmann::json& j, const char* key, const std::string& path) {
  if (!j.contains(key)) throw DataError(path + ": not a complete zeroscan --pcap sidecar: no \"" + key + "\"");
  try {
    return j.at(key).get<T>();
  } catch (const nlohmann::json::exception&) {
    throw DataError(path + ": \"" + key + "\" has the wrong type (" + j.at(key).dump() + ")");
  }
}

// The recorded command line, parsed again as the scan command parsed it.
ScanOptions recorded_options(const PcapSidecar& sidecar, const std::string& path) {
  std::vector<const char*> argv{"zeroscan"};
  for (const std::string& a : sidecar.args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  const ParsedScanCommand parsed = parse_scan_options(int(argv.size()), argv.data(), out, err);
  if (parsed.outcome == ParseOutcome::Exit) {
    std::string why = err.str();
    while (!why.empty() && why.back() == '\n') why.pop_back();
    if (why.empty()) why = "not a scan command line";
    throw DataError(path + ": the recorded arguments do not parse: " + why);
  }
  return parsed.options;
}

int analyze(const AnalyzeOptions& a, std::ostream& err) {
  // The capture first: without it there is nothing to analyze.
  PcapFileSource capture(a.capture);
  const std::string sidecar_path = a.sidecar.empty() ? a.capture + ".scan.json" : a.sidecar;
  const PcapSidecar sidecar = read_pcap_sidecar(sidecar_path);

  ScanOptions o = recorded_options(sidecar, sidecar_path);
  o.seed = sidecar.seed;  // a scan without --seed drew one; the sidecar has it
  for (const auto& list : o.input_lists)
    if (list == "-")
      throw DataError(sidecar_path + ": the scan read its targets from stdin (-iL -); they cannot be rebuilt");
  ScanInputs in;
  try {
    in = resolve_scan_inputs(o, resolve_with_getaddrinfo, sidecar.seed);
  } catch (const UsageError& e) {
    throw UsageError(sidecar_path + ": the recorded targets/ports no longer resolve: " + e.what());
  }
  in.source_ports = sidecar.source_ports;
  std::vector<ProbeSlot> extra_slots;
  if (o.port0) extra_slots = {{0, ProbeKind::Syn}, {0, ProbeKind::Ack}};
  const ScanSpace space(in.targets, in.ports, in.kinds, extra_slots);
  const Cookie cookie(cookie_key_from_seed(sidecar.seed), sidecar.source, sidecar.source_ports,
                      std::uint8_t(sidecar.attempts));

  std::optional<fingerprint::Matcher> matcher;
  std::optional<OfflineOs> os;
  if (o.os) {
    matcher.emplace(fingerprint::load_builtin_database());
    os.emplace(OfflineOs{*matcher, sidecar.ts_val,
                         o.os_rto ? fingerprint::RetransmitTiming::On : fingerprint::RetransmitTiming::Off});
  }

  OfflineReplayJob job(space, cookie);
  job.seed = sidecar.seed;
  job.shard = in.shard;
  // As the scan command chose them (2 threads above 500k pps on a multi-core machine).
  job.sender_threads = a.sender_threads   ? a.sender_threads
                       : o.sender_threads ? o.sender_threads
                       : (o.rate > 500000 && std::thread::hardware_concurrency() > 1 ? 2 : 1);
  if (o.all_states) job.state_table_limit = Permutation::kMaxSize;
  job.report_silence = !o.responders_only;
  job.os = os ? &*os : nullptr;
  job.description = describe_scan(o, in);
  job.description.start_unix = 0;  // the replay takes the capture's start

  const ports::PortDatabase port_db = ports::load_embedded_port_database();
  const std::unique_ptr<ResultSink> outputs =
      build_result_sinks(a.paths, make_port_annotator(port_db), a.open_only || o.open_only);
  std::optional<FirewallAggregator> firewall;
  if (in.kinds.size() == std::size_t(kProbeKindCount)) firewall.emplace(*outputs);
  ResultSink& results = firewall ? static_cast<ResultSink&>(*firewall) : *outputs;

  OfflineReplayStats stats;
  replay_capture(job, capture, results, &stats);

  int code = 0;
  if (const std::string error = outputs->error(); !error.empty()) {
    err << "zeroscan analyze: " << error << "\n";
    code = 1;
  }
  if (!capture.error().empty()) {
    err << "zeroscan analyze: " << a.capture << ": the capture ends early (" << capture.error()
        << "); the records above cover only what was read\n";
    code = 1;
  }
  if (stats.probes == 0)
    err << "zeroscan analyze: " << a.capture << ": no probe of this scan in the capture (source "
        << sidecar.source.to_string() << "); was it recorded with this sidecar?\n";
  return code;
}

}  // namespace

PcapSidecar read_pcap_sidecar(const std::string& path) {
  std::ifstream file(path);
  if (!file) {
    throw UsageError(path + ": cannot read the --pcap sidecar (" + std::strerror(errno) +
                     "); it is written beside the capture as FILE.scan.json");
  }
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(file);
  } catch (const nlohmann::json::exception& e) {
    std::string what = e.what();
    throw DataError(path + ": not a zeroscan --pcap sidecar (not JSON: " + what + ")");
  }
  if (!j.is_object() || !j.contains("type") || j["type"] != "zeroscan-pcap")
    throw DataError(path + ": not a zeroscan --pcap sidecar (no \"type\":\"zeroscan-pcap\")");
  const int version = field<int>(j, "version", path);
  if (version != 1)
    throw DataError(path + ": sidecar version " + std::to_string(version) + " is not supported (1 is)");

  PcapSidecar s;
  s.args = field<std::vector<std::string>>(j, "args", path);
  s.seed = field<std::uint64_t>(j, "seed", path);
  const std::string source = field<std::string>(j, "source", path);
  const auto address = Ipv4::parse(source);
  if (!address) throw DataError(path + ": \"source\" is not an IPv4 address: '" + source + "'");
  s.source = *address;
  const nlohmann::json ports = field<nlohmann::json>(j, "source_ports", path);
  const auto first = field<std::uint64_t>(ports, "first", path);
  const auto count = field<std::uint64_t>(ports, "count", path);
  if (first == 0 || count == 0 || first + count - 1 > 65535)
    throw DataError(path + ": \"source_ports\" " + ports.dump() + " is not a port range");
  s.source_ports = SourcePortRange{std::uint16_t(first), std::uint16_t(count)};
  const auto attempts = field<std::uint64_t>(j, "attempts", path);
  if (attempts < 1 || attempts > 255 || attempts > count)
    throw DataError(path + ": \"attempts\" " + std::to_string(attempts) + " is out of range");
  s.attempts = unsigned(attempts);
  const auto ts_val = field<std::uint64_t>(j, "ts_val", path);
  if (ts_val > 0xffffffffu) throw DataError(path + ": \"ts_val\" is out of range");
  s.ts_val = std::uint32_t(ts_val);
  return s;
}

int run_analyze(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  AnalyzeOptions o;
  CLI::App app{
      "zeroscan analyze: conclude a scan recorded with --pcap again, offline, from the capture "
      "and its FILE.scan.json sidecar.\n"
      "  zeroscan analyze [-oJ|-oN|-oX|-oG|-oC FILE] [-oA BASE] [--open] FILE.pcap",
      "zeroscan analyze"};
  app.add_option("capture", o.capture, "The capture written by --pcap FILE")->required();
  app.add_option("--sidecar", o.sidecar, "The scan's settings (default: CAPTURE.scan.json)")
      ->type_name("FILE");
  app.add_option("--output-json", o.paths.json, "NDJSON to FILE (- = stdout); -oJ")->type_name("FILE");
  app.add_option("--output-normal", o.paths.normal, "Human report to FILE; -oN")->type_name("FILE");
  app.add_option("--output-xml", o.paths.xml, "nmap-compatible XML to FILE; -oX")->type_name("FILE");
  app.add_option("--output-grepable", o.paths.grepable, "Grepable lines to FILE; -oG")->type_name("FILE");
  app.add_option("--output-csv", o.paths.csv, "CSV to FILE; -oC")->type_name("FILE");
  app.add_option("--output-all", o.paths.all_base, "All formats: BASE.json .nmap .xml .gnmap .csv; -oA")
      ->type_name("BASE");
  app.add_flag("--open", o.open_only, "Keep only open ports");
  app.add_option("--sender-threads", o.sender_threads,
                 "Sender threads of the recorded scan, if not in its arguments (orders silence)")
      ->check(CLI::Range(1u, 16u));

  try {
    std::vector<std::string> reversed = translate_nmap_spellings(args);
    if (reversed.empty()) {
      out << app.help();
      return 2;
    }
    std::reverse(reversed.begin(), reversed.end());  // CLI11 wants them reversed
    app.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return 0;
  } catch (const CLI::ParseError& e) {
    err << "zeroscan analyze: " << e.what() << " (see zeroscan analyze --help)\n";
    return 2;
  }

  try {
    return analyze(o, err);
  } catch (const Error& e) {
    err << "zeroscan analyze: " << e.what() << "\n";
    return 2;
  }
}

int run_analyze_command(int argc, char** argv) {
  return run_analyze({argv + 1, argv + argc}, std::cout, std::cerr);
}

}  // namespace zeroscan
