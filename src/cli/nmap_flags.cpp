// nmap's everyday flags: definitions (with nmap's spelling beside the long
// form in --help) and their translation into the options they stand for.
#include "zeroscan/cli/number_checks.h"
#include "zeroscan/cli/nmap_flags.h"

#include <CLI/CLI.hpp>

#include <array>
#include <cmath>
#include <sstream>

#include "zeroscan/cli/scan_options.h"
#include "zeroscan/core/errors.h"

namespace zeroscan {
namespace {

// nmap's template names and intent; the numbers are ours, for a stateless
// sender: -T3 is zeroscan's default, each step is a few times faster or
// slower, and the slow templates wait longer for late answers.
constexpr std::array<TimingPreset, 6> kTimingPresets{{
    {"paranoid", 1, 2, 15},
    {"sneaky", 10, 2, 10},
    {"polite", 100, 2, 5},
    {"normal", 10000, 1, 2},
    {"aggressive", 50000, 1, 1.25},
    {"insane", 200000, 0, 0.5},
}};

std::string number_text(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

// Explicit flags (command line or --config) win over -T's preset.
void apply_timing(const CLI::App& app, unsigned level, ScanOptions& o) {
  const TimingPreset& preset = timing_preset(level);
  if (app.count("--rate") == 0) o.rate = preset.rate;
  if (app.count("--retries") == 0) o.retries = preset.retries;
  if (app.count("--wait") == 0) o.wait_seconds = preset.wait_seconds;
}

// zeroscan sends at one fixed rate, so --min-rate and --max-rate bound that
// rate: raised to the minimum, capped at the maximum.
void apply_rate_bounds(const CLI::App& app, const NmapFlags& f, ScanOptions& o) {
  if (f.min_rate && f.max_rate && *f.min_rate > *f.max_rate)
    throw CLI::ValidationError("--min-rate", number_text(*f.min_rate) + " is above --max-rate " +
                                                 number_text(*f.max_rate));
  const bool rate_given = app.count("--rate") > 0;
  if (f.min_rate && o.rate < *f.min_rate) {
    if (rate_given)
      throw CLI::ValidationError("--rate", number_text(o.rate) + " is below --min-rate " + number_text(*f.min_rate));
    o.rate = *f.min_rate;
  }
  if (f.max_rate && o.rate > *f.max_rate) {
    if (rate_given)
      throw CLI::ValidationError("--rate", number_text(o.rate) + " is above --max-rate " + number_text(*f.max_rate));
    o.rate = *f.max_rate;
  }
}

void apply_retries(const CLI::App& app, const NmapFlags& f, ScanOptions& o) {
  if (!f.max_retries) return;
  if (app.count("--retries") > 0 && o.retries != *f.max_retries)
    throw CLI::ValidationError("--max-retries", "is nmap's --retries: give one of them");
  o.retries = *f.max_retries;
}

void apply_fast(const CLI::App& app, const NmapFlags& f, ScanOptions& o) {
  if (!f.fast) return;
  if (app.count("--ports") > 0 || app.count("--top-ports") > 0)
    throw CLI::ValidationError("-F", "scans the top 100 ports: drop -p/--top-ports, or drop -F");
  o.top_ports = 100;
}

void apply_source_port(const CLI::App& app, const NmapFlags& f, ScanOptions& o) {
  if (f.fixed_source_port.empty()) return;
  if (app.count("--source-port") > 0)
    throw CLI::ValidationError("-g", "and --source-port both set the source port: give one");
  if (f.fixed_source_port.find('-') != std::string::npos)
    throw CLI::ValidationError("-g", "takes one port (use --source-port for a range)");
  o.source_ports = f.fixed_source_port;
}

// The -T table as --help shows it, from the presets themselves.
std::string timing_help() {
  std::string names, rates, retries, waits;
  for (const TimingPreset& p : kTimingPresets) {
    const char* sep = names.empty() ? "" : "/";
    names += sep + std::string(p.name);
    rates += sep + number_text(p.rate);
    retries += sep + std::to_string(p.retries);
    waits += sep + number_text(p.wait_seconds);
  }
  return "Timing template, nmap -T0..-T5 (" + names + "): rate " + rates + " pps, retries " + retries +
         ", wait " + waits + " s; --rate/--retries/--wait given explicitly win";
}

}  // namespace

const TimingPreset& timing_preset(unsigned level) { return kTimingPresets.at(level); }

double parse_time_spec(const std::string& text, const std::string& flag) {
  std::size_t used = 0;
  double value = 0;
  try {
    value = std::stod(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  const std::string unit = text.substr(used);
  double scale = 0;
  if (unit.empty() || unit == "s") scale = 1;
  else if (unit == "ms") scale = 1e-3;
  else if (unit == "m") scale = 60;
  else if (unit == "h") scale = 3600;
  if (used == 0 || scale == 0 || !std::isfinite(value) || value <= 0)
    throw UsageError("bad " + flag + " '" + text + "': expected a time such as 10s, 500ms, 2m or 1h");
  return value * scale;
}

bool translate_nmap_flag(const std::string& arg, std::vector<std::string>& out) {
  if (arg == "-sL") out.push_back("--list");
  else if (arg == "-Pn") out.push_back("--no-ping");
  else if (arg == "-n") out.push_back("--no-resolve");
  else return false;
  return true;
}

void define_nmap_flags(CLI::App& app, NmapFlags& f) {
  auto* timing = app.add_option("-T,--timing", f.timing, timing_help());
  timing->type_name("0-5");
  timing->transform(CLI::Transformer(
      std::map<std::string, std::string>{{"paranoid", "0"}, {"sneaky", "1"}, {"polite", "2"},
                                         {"normal", "3"}, {"aggressive", "4"}, {"insane", "5"}},
      CLI::ignore_case));
  timing->check(whole_number_check("a timing template number (or a name, paranoid to insane)", 0, 5));
  app.add_option("--min-rate", f.min_rate,
                 "Send at least N packets/s: raises the fixed rate (and -T's) to N; nmap --min-rate")
      ->check(number_check("a number of packets per second", 1, 100e6));
  app.add_option("--max-rate", f.max_rate, "Send at most N packets/s: caps the rate; nmap --max-rate")
      ->check(number_check("a number of packets per second", 1, 100e6));
  app.add_option("--max-retries", f.max_retries, "Same as --retries N; nmap --max-retries")
      ->check(whole_number_check("a whole number of retries", 0, 10));
  app.add_flag("-F,--fast", f.fast, "Scan the top 100 ports of the ranking; nmap -F");
  app.add_option("-g", f.fixed_source_port,
                 "One fixed source port (nmap -g / --source-port N). Costs: the cookie then lives in "
                 "seq and IP ID only (retries add the attempt to seq, so they stay distinguishable)")
      ->type_name("PORT");
  app.add_option("--exclude-ports", f.exclude_ports, "Leave these ports out (a -p list); nmap --exclude-ports")
      ->type_name("PORTS");
  app.add_option("--stats-every", f.stats_every,
                 "Print a status line on stderr every TIME (10s, 2m, 500ms); nmap --stats-every")
      ->type_name("TIME");
  app.add_flag("--append-output", f.append_output,
               "Append to the output files instead of overwriting them (XML and CSV, one document "
               "each, go to FILE.resumed); nmap --append-output");
  app.add_flag("--reason", f.reason, "Show the REASON column in the text report (syn-ack ttl 64, ...); nmap --reason");
  app.add_flag("--list", f.list_only,
               "List the targets (after excludes and name resolution) and exit; sends nothing, "
               "needs no privileges; nmap -sL");
  app.add_flag("--packet-trace", f.packet_trace,
               "Print one line per probe sent and frame received, as nmap does (at most 1000 lines/s; "
               "the rest is counted); nmap --packet-trace");
  app.add_flag("--no-ping", "nmap -Pn: accepted; the default: every target is probed (--discover pings first)");
  app.add_flag("--no-resolve", "nmap -n: accepted; zeroscan never looks up names for the addresses it reports");
}

void apply_nmap_flags(const CLI::App& app, ScanOptions& o) {
  const NmapFlags& f = o.nmap;
  if (f.timing) apply_timing(app, *f.timing, o);
  apply_rate_bounds(app, f, o);
  apply_retries(app, f, o);
  apply_fast(app, f, o);
  apply_source_port(app, f, o);
  if (f.append_output) o.append_outputs = true;
  if (!f.stats_every.empty()) {
    try {
      o.nmap.stats_every_seconds = parse_time_spec(f.stats_every, "--stats-every");
    } catch (const UsageError& e) {
      throw CLI::ValidationError(e.what());
    }
  }
}

}  // namespace zeroscan
