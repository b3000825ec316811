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
#include <new>
#include <optional>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "zeroscan/cli/number_checks.h"
#include "zeroscan/cli/output_checks.h"
#include "zeroscan/cli/pcap_sidecar.h"
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

// The outputs' description of the scan, as the live scan's outputs gave it;
// the replay takes its start from the capture.
ScanSummary recorded_description(const PcapSidecar& sidecar) {
  ScanSummary d;
  d.config = sidecar.config;
  d.version = std::string(ZEROSCAN_VERSION) + " (git " + ZEROSCAN_GIT_HASH + ")";
  for (const auto& arg : sidecar.args) d.args += (d.args.empty() ? "zeroscan " : " ") + arg;
  d.start_unix = 0;
  return d;
}

// "198.19.0.1", "2001:2::ff" or both: the addresses our probes came from.
std::string recorded_sources(const PcapSidecar& sidecar) {
  if (!sidecar.source6) return sidecar.source.to_string();
  if (sidecar.targets.empty()) return sidecar.source6->to_string();
  return sidecar.source.to_string() + " and " + sidecar.source6->to_string();
}

int analyze(const AnalyzeOptions& a, std::ostream& err) {
  // The capture first: without it there is nothing to analyze.
  PcapFileSource capture(a.capture);
  const std::string sidecar_path = a.sidecar.empty() ? a.capture + ".scan.json" : a.sidecar;
  const PcapSidecar sidecar = read_pcap_sidecar(sidecar_path);

  const SidecarScan scan(sidecar);

  std::optional<fingerprint::Matcher> matcher;
  std::optional<OfflineOs> os;
  if (sidecar.os) {
    matcher.emplace(fingerprint::load_builtin_database());
    os.emplace(OfflineOs{*matcher, sidecar.ts_val,
                         sidecar.os_rto ? fingerprint::RetransmitTiming::On : fingerprint::RetransmitTiming::Off});
  }

  OfflineReplayJob job(scan.space, scan.cookie);
  job.cookie6 = scan.cookie6 ? &*scan.cookie6 : nullptr;
  job.seed = sidecar.seed;
  job.shard = sidecar.shard;
  job.sender_threads = a.sender_threads ? a.sender_threads : sidecar.sender_threads;
  if (sidecar.all_states) job.state_table_limit = Permutation::kMaxSize;
  job.report_silence = !sidecar.responders_only;
  job.os = os ? &*os : nullptr;
  job.description = recorded_description(sidecar);

  const ports::PortDatabase port_db = ports::load_embedded_port_database();
  OutputPaths paths = expand_all(a.paths);
  refuse_clobbering(output_files(paths), {{"capture", a.capture}, {"--sidecar", sidecar_path}});
  ReplacedOutputs replaced(paths);  // written aside, renamed into place when done
  const std::unique_ptr<ResultSink> outputs =
      build_result_sinks(paths, make_port_annotator(port_db), a.open_only || sidecar.config.open_only);
  std::optional<FirewallAggregator> firewall;
  if (sidecar.kinds.size() == std::size_t(kTcpProbeKindCount)) firewall.emplace(*outputs);
  ResultSink& results = firewall ? static_cast<ResultSink&>(*firewall) : *outputs;

  OfflineReplayStats stats;
  replay_capture(job, capture, results, &stats);

  int code = 0;
  if (const std::string error = outputs->error(); !error.empty()) {
    err << "zeroscan analyze: " << error << "\n";
    code = 1;
  } else {
    replaced.commit();
  }
  if (!capture.error().empty()) {
    err << "zeroscan analyze: " << a.capture << ": the capture ends early (" << capture.error()
        << "); the records above cover only what was read\n";
    code = 1;
  }
  if (stats.probes == 0)
    err << "zeroscan analyze: " << a.capture << ": no probe of this scan in the capture (source "
        << recorded_sources(sidecar) << "); was it recorded with this sidecar?\n";
  return code;
}

}  // namespace

int run_analyze(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  AnalyzeOptions o;
  CLI::App app{
      "zeroscan analyze: conclude a scan recorded with --pcap again, offline, from the capture "
      "and its FILE.scan.json sidecar.\n"
      "  zeroscan analyze [-oJ|-oN|-oX|-oG|-oC FILE] [-oA BASE] [--open] [--reason] FILE.pcap",
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
  app.add_flag("--reason", o.paths.reason_column,
               "Show the REASON column in the human report (syn-ack ttl 64, ...); nmap --reason");
  app.add_option("--sender-threads", o.sender_threads,
                 "Sender threads of the recorded scan, if not in its arguments (orders silence)")
      ->check(whole_number_check("a whole number of threads", 1, 16));

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
  } catch (const std::bad_alloc&) {
    err << "zeroscan analyze: out of memory for the recorded scan\n";
    return 2;
  }
}

int run_analyze_command(int argc, char** argv) {
  return run_analyze({argv + 1, argv + argc}, std::cout, std::cerr);
}

}  // namespace zeroscan
