// "zeroscan merge": reads shard outputs twice — once to check they are one
// scan (nothing is written if they are not), once to stream their records
// into the writers — so memory stays at what the writers themselves keep.
#include "zeroscan/cli/merge_command.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <iostream>
#include <map>
#include <optional>
#include <unordered_set>

#include "zeroscan/cli/output_checks.h"
#include "zeroscan/cli/scan_options.h"
#include "zeroscan/core/errors.h"
#include "zeroscan/output/firewall_aggregator.h"
#include "zeroscan/output/host_port_table.h"
#include "zeroscan/output/output_set.h"
#include "zeroscan/output/record_reader.h"
#include "zeroscan/output/shard_merge.h"
#include "zeroscan/ports/embedded_port_data.h"

namespace zeroscan {

namespace {

struct MergeOptions {
  OutputPaths paths;
  bool open_only = false;
  std::vector<std::string> files;
};

std::string command_line(const std::vector<std::string>& args) {
  std::string out = "zeroscan merge";
  for (const std::string& a : args) out += " " + a;
  return out;
}

PortAnnotator annotator(const ports::PortDatabase& db) {
  return [&db](std::uint16_t port) {
    const ports::PortAnnotation a = db.annotate(port, ports::Protocol::Tcp);
    return PortAnnotation{a.service, a.warning};
  };
}

}  // namespace

int run_merge(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  MergeOptions o;
  CLI::App app{
      "zeroscan merge: combine the NDJSON outputs (-oJ) of the shards of one scan into one "
      "report.\n  zeroscan merge [-oJ|-oN|-oX|-oG|-oC FILE] [-oA BASE] [--open] [--reason] SHARD.json...",
      "zeroscan merge"};
  app.add_option("--output-json", o.paths.json, "NDJSON to FILE (- = stdout); -oJ")->type_name("FILE");
  app.add_option("--output-normal", o.paths.normal, "Human report to FILE; -oN")->type_name("FILE");
  app.add_option("--output-xml", o.paths.xml, "nmap-compatible XML to FILE; -oX")->type_name("FILE");
  app.add_option("--output-grepable", o.paths.grepable, "Grepable lines to FILE; -oG")->type_name("FILE");
  app.add_option("--output-csv", o.paths.csv, "CSV to FILE; -oC")->type_name("FILE");
  app.add_option("--output-all", o.paths.all_base,
                 "All formats: BASE.json .nmap .xml .gnmap .csv; -oA")
      ->type_name("BASE");
  app.add_flag("--open", o.open_only, "Keep only open ports");
  app.add_flag("--reason", o.paths.reason_column,
               "Show the REASON column in the human report (syn-ack ttl 64, ...); nmap --reason");
  app.add_option("files", o.files, "Shard outputs (NDJSON, from -oJ)")->required();

  try {
    std::vector<std::string> reversed = translate_nmap_spellings(args);
    std::reverse(reversed.begin(), reversed.end());  // CLI11 wants them reversed
    app.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return 0;
  } catch (const CLI::ParseError& e) {
    err << "zeroscan merge: " << e.what() << " (see zeroscan merge --help)\n";
    return 2;
  }

  try {
    // No output may be one of the shard files: it would be emptied before it is read.
    OutputPaths paths = expand_all(o.paths);
    std::vector<NamedPath> inputs;
    for (const std::string& file : o.files) inputs.push_back({"input", file});
    refuse_clobbering(output_files(paths), inputs);

    // Pass 1: every file parses, and the complete ones are one scan.
    std::vector<NdjsonFile> found;
    for (const std::string& path : o.files) found.push_back(read_ndjson_file(path, nullptr));
    MergePlan plan;
    try {
      plan = plan_merge(found);
    } catch (const MergeConflict&) {
      throw;
    } catch (const DataError& e) {
      for (const NdjsonFile& f : found)
        err << "zeroscan merge: " << f.path << ": no summary line (the shard did not finish)\n";
      err << "zeroscan merge: " << e.what() << "\n";
      return 2;  // nothing complete to merge: bad input, not a partial result
    }
    ScanSummary merged = plan.merged;
    merged.args = command_line(args);
    merged.config.open_only = merged.config.open_only || o.open_only;

    // Pass 2: stream the records of the complete files into the writers.
    const ports::PortDatabase port_db = ports::load_embedded_port_database();
    ReplacedOutputs replaced(paths);  // written aside, renamed into place when done
    const std::unique_ptr<ResultSink> outputs =
        build_result_sinks(paths, annotator(port_db), o.open_only);
    // SYN+ACK scans: verdicts pair a port's two answers, which may come
    // from different shards, so they are recomputed over the merged records.
    std::optional<FirewallAggregator> firewall;
    if (scan_kinds(merged, {}).size() == std::size_t(kTcpProbeKindCount)) firewall.emplace(*outputs);
    ResultSink& sink = firewall ? static_cast<ResultSink&>(*firewall) : *outputs;
    std::uint64_t records = 0;
    // -sn shards split a host's discovery probes, so two shards may both
    // have found one host up: it is listed once.
    std::unordered_set<IpAddress> hosts_up;
    for (const std::string& path : plan.use)
      read_ndjson_file(
          path,
          [&](const PortRecord& r) {
            ++records;
            sink.port(r);
          },
          [&](const HostUpRecord& r) {
            if (!hosts_up.insert(r.ip).second) return;
            ++records;
            sink.host_up(r);
          });
    if (merged.host_discovery) merged.hosts_up = hosts_up.size();
    sink.finish(merged);
    if (const std::string error = outputs->error(); !error.empty()) {
      err << "zeroscan merge: " << error << "\n";
      return 1;
    }
    replaced.commit();

    err << "zeroscan merge: " << plan.use.size() << " shard output(s), " << records
        << " record(s), coverage " << merged.covered << "/" << merged.space_size << " probes\n";
    for (const std::string& f : plan.incomplete)
      err << "zeroscan merge: " << f << ": no summary line (the shard did not finish); its records "
          << "were left out\n";
    for (const std::string& f : plan.interrupted)
      err << "zeroscan merge: " << f << ": that shard was interrupted; its results are partial\n";
    if (!plan.missing.empty())
      err << "zeroscan merge: missing shard(s) " << join_indices(plan.missing) << " of "
          << plan.shard_count << "\n";
    return plan.complete() ? 0 : 1;
  } catch (const MergeConflict& e) {
    err << "zeroscan merge: " << e.what() << "\n";
    return 2;
  } catch (const Error& e) {
    err << "zeroscan merge: " << e.what() << "\n";
    return 2;
  }
}

int run_merge_command(int argc, char** argv) {
  return run_merge({argv + 1, argv + argc}, std::cout, std::cerr);
}

}  // namespace zeroscan
