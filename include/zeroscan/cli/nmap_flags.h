// nmap's everyday flags with nmap's meaning, kept apart from the core scan
// options: timing templates (-T0..-T5), --min-rate/--max-rate/--max-retries,
// -F, -g, --exclude-ports, --stats-every, --append-output, --reason, -sL,
// -Pn and -n. scan_options defines them with define_nmap_flags and folds
// them into the options they stand for with apply_nmap_flags.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace zeroscan {

struct ScanOptions;

// What survives parsing beyond the ScanOptions fields the flags set directly.
struct NmapFlags {
  std::optional<unsigned> timing;       // -T N / --timing N (0-5)
  std::optional<double> min_rate;       // --min-rate
  std::optional<double> max_rate;       // --max-rate
  std::optional<unsigned> max_retries;  // --max-retries
  bool fast = false;                    // -F: the top 100 ports
  std::string fixed_source_port;        // -g N
  std::string exclude_ports;            // --exclude-ports LIST (a -p spec)
  std::string stats_every;              // --stats-every TIME as given
  double stats_every_seconds = 0;       // parsed; 0 = no periodic status line
  bool append_output = false;           // --append-output
  bool reason = false;                  // --reason: REASON column in the text report
  bool list_only = false;               // -sL / --list: print the targets and exit
  bool packet_trace = false;            // --packet-trace: a line per frame sent and received
};

// One row of the -T table: what each template sets unless given explicitly.
struct TimingPreset {
  const char* name;
  double rate;        // packets per second
  unsigned retries;
  double wait_seconds;
};

// level 0-5; precondition: level <= 5.
const TimingPreset& timing_preset(unsigned level);

// "10s", "1.5m", "500ms", "2h", "30" (seconds). Throws UsageError.
double parse_time_spec(const std::string& text, const std::string& flag);

// nmap's two-letter spellings handled here: -sL, -Pn, -n become long options
// (-sn and -P* are cli/discovery_flags'). Returns false for anything else.
bool translate_nmap_flag(const std::string& arg, std::vector<std::string>& out);

void define_nmap_flags(CLI::App& app, NmapFlags& flags);

// After parsing: applies -T's presets to what was not given explicitly, then
// the rate bounds, -F, -g and --append-output. Throws CLI::ValidationError
// (one line, exit 2) for contradictions such as -F with -p.
void apply_nmap_flags(const CLI::App& app, ScanOptions& options);

}  // namespace zeroscan
