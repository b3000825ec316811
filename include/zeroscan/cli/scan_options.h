// ScanOptions: the scan command line as parsed values, before anything is
// resolved against the system. parse_scan_options accepts nmap's spellings
// (-sS, -sA, -oJ FILE, -iL FILE, -p-) beside long forms (--syn, --ack,
// --output-json, --input-list, --ports=-).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "zeroscan/cli/discovery_flags.h"
#include "zeroscan/cli/nmap_flags.h"

namespace zeroscan {

struct ScanOptions {
  std::vector<std::string> targets;
  std::string ports = "1-1000";
  bool ports_given = false;
  unsigned top_ports = 0;                   // --top-ports N: the curated ranking's first N
  std::vector<std::string> input_lists;     // -iL
  std::vector<std::string> excludes;        // --exclude (comma lists)
  std::vector<std::string> exclude_files;   // --excludefile
  bool allow_reserved = false;
  bool ipv6_names = false;                  // -6: hostnames resolve to their IPv6 (AAAA) addresses
  bool huge_ipv6_sweep = false;             // --huge-ipv6-sweep: accept IPv6 specs over 2^32 addresses
  double rate = 10000;
  unsigned retries = 1;
  double wait_seconds = 2.0;
  std::optional<std::uint64_t> seed;
  std::string shard = "0/1";               // I/N or "auto"
  unsigned shard_count = 0;                 // --shard-count N for Kubernetes indexed jobs
  std::string interface;
  std::string source_ip;
  std::string source_ports;                 // "40000-50000"
  std::string router_mac;
  unsigned ttl = 64;
  bool syn = false;                         // -sS (default when no kind is given)
  bool ack = false;                         // -sA
  std::string output_json;                  // -oJ
  std::string output_normal;                // -oN
  std::string output_xml;                   // -oX (nmap XML)
  std::string output_grepable;              // -oG
  std::string output_csv;                   // -oC
  std::string output_all;                   // -oA BASE
  bool open_only = false;
  int verbosity = 0;
  bool dry_run = false;                     // wins over every other source: nothing is sent
  bool yes = false;                         // --yes: start scans above 2^36 probes
  std::string config;                       // --config FILE (TOML)
  bool responders_only = false;
  bool all_states = false;
  bool port0 = false;                       // -sZ: SYN and ACK to TCP port 0 per host
  bool os = false;                          // -O: fingerprint responsive hosts
  bool os_rto = false;                      // --os-rto: time SYN-ACK retransmissions
  std::string os_db;                        // --os-db PATH: -O's database instead of the built-in one
  std::string resume;                       // --resume FILE: continue an interrupted scan
  std::string resume_file = "zeroscan.resume";  // where an interrupted scan leaves its resume file
  // Set when continuing a resume file (not command-line options):
  std::vector<std::uint64_t> resume_positions;
  bool append_outputs = false;
  // Set by `fingerprint --learn` for every sample but the last (not a
  // command-line option): the scan keeps root, so the next one can open its
  // sockets again.
  bool keep_privileges = false;
  std::string pcap;                         // --pcap FILE: record probes and replies
  std::vector<std::string> args;            // argv as given (for --pcap's sidecar, resume files)
  unsigned sender_threads = 0;              // 0: one, or two at rates a core can't carry alone
  NmapFlags nmap;                           // -T, -F, -g, --reason, -sL, ... (cli/nmap_flags)
  DiscoveryFlags discovery;                 // -sn, --discover, -PE/-PS/-PA (cli/discovery_flags)
};

enum class ParseOutcome { Scan, Exit };

struct ParsedScanCommand {
  ParseOutcome outcome = ParseOutcome::Scan;
  int exit_code = 0;       // for Exit: 0 after --help/--version, 2 after errors
  ScanOptions options;
};

// Parses argv (argv[0] is the program). Prints help/version/errors itself
// (to `out`/`err`) and says so with ParseOutcome::Exit.
ParsedScanCommand parse_scan_options(int argc, const char* const* argv, std::ostream& out,
                                     std::ostream& err);

// nmap's two-letter options as CLI11 long options: "-sS" -> "--syn",
// "-oJ" -> "--output-json", "-p-" -> "--ports=-", ... Exposed for tests.
std::vector<std::string> translate_nmap_spellings(const std::vector<std::string>& args);

}  // namespace zeroscan
