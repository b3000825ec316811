// CLI11 definition of the scan command and nmap-spelling translation.
#include "zeroscan/cli/scan_options.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <limits>
#include <map>
#include <ostream>
#include <sstream>

#include "zeroscan/cli/config_file.h"
#include "zeroscan/cli/number_checks.h"
#include "zeroscan/core/errors.h"

namespace zeroscan {

std::vector<std::string> translate_nmap_spellings(const std::vector<std::string>& args) {
  // CLI11 short options are one letter; nmap's -sS/-oJ/-iL are two. Map them
  // to long forms before CLI11 sees them (more in cli/nmap_flags).
  static const std::map<std::string, std::string> kLongForm = {
      {"-sS", "--syn"},          {"-sA", "--ack"},           {"-sZ", "--port0"},           {"-oJ", "--output-json"},
      {"-oN", "--output-normal"}, {"-iL", "--input-list"},
      {"-oX", "--output-xml"},    {"-oG", "--output-grepable"}, {"-oC", "--output-csv"},
      {"-oA", "--output-all"},
  };
  static const std::map<std::string, std::string> kUnsupported = {
      {"-sT", "connect scans"}, {"-sU", "UDP scans"},   {"-sV", "version detection"},
      {"-sN", "NULL scans"},    {"-sF", "FIN scans"},   {"-sX", "Xmas scans"},
      {"-sW", "window scans"},  {"-sM", "Maimon scans"},
  };
  std::vector<std::string> out;
  out.reserve(args.size());
  bool after_double_dash = false;
  for (const std::string& arg : args) {
    if (after_double_dash) {
      out.push_back(arg);
      continue;
    }
    if (arg == "--") after_double_dash = true;
    if (translate_nmap_flag(arg, out) || translate_discovery_flag(arg, out)) continue;
    if (auto it = kLongForm.find(arg); it != kLongForm.end()) {
      out.push_back(it->second);
      continue;
    }
    if (auto it = kUnsupported.find(arg); it != kUnsupported.end())
      throw CLI::ValidationError(arg, it->second + " are not supported by zeroscan (yet)");
    if (arg == "-p-") {
      out.push_back("--ports=-");
      continue;
    }
    out.push_back(arg);
  }
  return out;
}

namespace {

void define_options(CLI::App& app, ScanOptions& o) {
  app.add_option("targets", o.targets,
                 "Addresses, CIDR blocks (198.18.0.0/16, 2001:2::/120), ranges (198.18.0.1-198.18.0.9, "
                 "2001:2::1-2001:2::9) or hostnames; IPv4 and IPv6 may be mixed");
  app.add_option("-p,--ports", o.ports,
                 "Ports: 22,80,443 | 1-1024 | - (all, 1-65535) | 0-65535 (with port 0); "
                 "default 1-1000");
  app.add_option("--top-ports", o.top_ports,
                 "Scan the N most commonly open TCP ports, N from 1 to 1000 (zeroscan's own ranking; "
                 "see zeroscan ports --top N)")
      ->check(whole_number_check("a whole number of ports", 1, 65535));
  app.add_option("--input-list", o.input_lists, "Read targets from FILE (- for stdin); nmap -iL FILE")
      ->type_name("FILE")
      ->allow_extra_args(false);  // one value per use: never swallow the targets
  app.add_option("--exclude", o.excludes, "Exclude these targets (comma-separated specs)")
      ->type_name("LIST")
      ->allow_extra_args(false);
  app.add_option("--excludefile", o.exclude_files, "Exclude targets listed in FILE")
      ->type_name("FILE")
      ->allow_extra_args(false);
  app.add_flag("--allow-reserved", o.allow_reserved,
               "Allow 0.0.0.0/8, 224.0.0.0/4, 240.0.0.0/4, ::, ::ffff:0:0/96 and ff00::/8 as targets");
  app.add_flag("-6,--ipv6", o.ipv6_names,
               "Hostnames mean their IPv6 (AAAA) addresses, as in nmap -6 (IPv6 addresses and prefixes "
               "need no flag)");
  app.add_flag("--huge-ipv6-sweep", o.huge_ipv6_sweep,
               "Accept an IPv6 prefix or range of more than 2^32 addresses (a /64 is 2^64: it cannot be "
               "swept; refused without this)");
  app.add_option("--rate", o.rate, "Packets per second, all probe kinds together (default 10000)")
      ->check(number_check("a number of packets per second", 1, 100e6));
  app.add_option("--retries", o.retries, "Re-probe unanswered ports N more times (default 1)")
      ->check(whole_number_check("a whole number of retries", 0, 10));
  app.add_option("--wait", o.wait_seconds, "Seconds to keep listening after the last probe (default 2)")
      ->check(number_check("a number of seconds", 0, 3600));
  app.add_option("--seed", o.seed, "Seed for the probe order and cookie key (shards must share it)")
      ->check(whole_number_check("a whole number", 0, std::numeric_limits<std::uint64_t>::max()));
  app.add_option("--shard", o.shard,
                 "Scan only shard I of N (0-based), e.g. 0/4; 'auto' reads a Slurm job array's "
                 "SLURM_ARRAY_TASK_ID/COUNT or a Kubernetes indexed job's JOB_COMPLETION_INDEX "
                 "(with --shard-count). Shards need the same --seed")
      ->type_name("I/N|auto");
  app.add_option("--shard-count", o.shard_count, "Shard count for --shard auto under Kubernetes")
      ->check(whole_number_check("a whole number of shards", 1, 65536));
  app.add_option("--config", o.config,
                 "Read options from a TOML file: one key per long option, spelled as the option "
                 "(dry-run = true, ports = \"22,80\", rate = 5000); the command line wins")
      ->type_name("FILE");
  app.add_option("-e,--interface", o.interface, "Send and capture on this interface");
  app.add_option("-S,--source-ip", o.source_ip, "Source address of the probes");
  app.add_option("--source-port", o.source_ports,
                 "Source port range, e.g. 40000-50000 (one port as with -g; see -g for the cost)")
      ->type_name("RANGE");
  app.add_option("--router-mac", o.router_mac, "Next-hop MAC, skipping ARP");
  app.add_option("--ttl", o.ttl, "IP TTL of the probes (default 64)")->check(whole_number_check("a whole number of hops", 1, 255));
  app.add_flag("--syn", o.syn, "SYN scan: open/closed/filtered (default); nmap -sS");
  app.add_flag("--ack", o.ack, "ACK scan: unfiltered/filtered; nmap -sA");
  app.add_flag("--port0", o.port0, "Also send a SYN and an ACK to TCP port 0 of every host; -sZ");
  app.add_flag("-O,--os", o.os,
               "OS fingerprinting: up to 4 follow-up probes per responsive host, then a match");
  app.add_flag("--os-rto", o.os_rto,
               "With -O: time the SYN-ACK retransmissions (holds back our RSTs with a temporary "
               "nftables rule; give --wait 30 or more)");
  app.add_option("--os-db", o.os_db,
                 "With -O: match against PATH, a fingerprint database file (fingerprints/README.md "
                 "format) or a directory of them (*.txt), instead of the built-in database")
      ->type_name("PATH");
  app.add_option("--resume", o.resume,
                 "Continue an interrupted scan from its resume file (same command, same order); "
                 "line outputs are appended to, XML/CSV go to PATH.resumed")
      ->type_name("FILE");
  app.add_option("--resume-file", o.resume_file,
                 "Where an interrupted scan writes its resume file (default zeroscan.resume)")
      ->type_name("FILE");
  app.add_option("--pcap", o.pcap,
                 "Record every probe and reply to FILE (and the scan's settings to FILE.scan.json) "
                 "for zeroscan analyze")
      ->type_name("FILE");
  app.add_option("--output-json", o.output_json, "NDJSON records to FILE (- = stdout); -oJ FILE")
      ->type_name("FILE");
  app.add_option("--output-normal", o.output_normal, "Human report to FILE; nmap -oN")
      ->type_name("FILE");
  app.add_option("--output-xml", o.output_xml, "nmap-compatible XML to FILE; nmap -oX")->type_name("FILE");
  app.add_option("--output-grepable", o.output_grepable, "Grepable lines to FILE; nmap -oG")
      ->type_name("FILE");
  app.add_option("--output-csv", o.output_csv, "CSV with a header row to FILE; -oC")->type_name("FILE");
  app.add_option("--output-all", o.output_all,
                 "Every format at once: BASE.json, .nmap, .xml, .gnmap, .csv; nmap -oA")
      ->type_name("BASE");
  app.add_flag("--open", o.open_only, "Show only open ports");
  app.add_flag("-v,--verbose", o.verbosity, "Live status line on stderr (repeat for more)");
  app.add_flag("--dry-run", o.dry_run,
               "Build and count every probe, check the outputs, say what the scan would cost; "
               "never sends, whatever a config or resume file says");
  app.add_flag("-y,--yes", o.yes, "Start scans of more than 2^36 probes (they take days)");
  app.add_flag("--responders-only", o.responders_only,
               "Report only ports that answered (no filtered/no-response records)");
  app.add_option("--sender-threads", o.sender_threads,
                 "Sending threads, each with its own socket (default: 1, or 2 above 500k pps)")
      ->check(whole_number_check("a whole number of threads", 1, 16));
  app.add_flag("--all-states", o.all_states,
               "Keep per-port state even for scans over 2^28 probes (2 bits per probe)");
  define_nmap_flags(app, o.nmap);
  define_discovery_flags(app, o.discovery);
}

}  // namespace

namespace {

const char* const kDescription =
    "zeroscan: stateless raw-packet port scanner\n"
    "  zeroscan [options] TARGET...          scan (needs root or CAP_NET_RAW)\n"
    "  zeroscan ports PORT|NAME|RANGE        what runs on a port, how it is abused\n"
    "  zeroscan local                        audit this machine's listening ports\n"
    "  zeroscan merge FILE...                combine the NDJSON of a sharded scan\n"
    "  zeroscan analyze FILE.pcap            conclude a --pcap recording again, offline\n"
    "  zeroscan fingerprint --learn LABEL TARGET   learn an OS fingerprint line from a host\n"
    "Each subcommand has its own --help. nmap spellings work: -sS -sA -sL -sn -PE -PS -PA -Pn\n"
    "-n -F -T0..5 -g PORT -iL FILE -oN/-oX/-oG/-oJ/-oA FILE -p- (each listed beside its long form).";

// CLI11 names the option, then our check's text: "--rate: must be ...".
// Say it as a sentence: "--rate must be ...".
std::string sentence(std::string message) {
  const auto colon = message.find(": must be ");
  if (colon != std::string::npos && colon < 40) message.erase(colon, 1);
  return message;
}

// "-p 80 -p 443": CLI11 says "At Most 1 required but received 2"; say
// which option was repeated and what to do instead.
std::string repeated_option_message(const CLI::App& app, const CLI::ParseError& error) {
  for (const CLI::Option* opt : app.get_options()) {
    if (opt->get_items_expected_max() != 1 || opt->count() < 2) continue;
    std::string message = opt->get_name() + " was given " + std::to_string(opt->count()) + " times; give it once";
    if (opt->check_lname("ports")) message += " with a list (-p 22,80,443)";
    return message;
  }
  return error.what();
}

// Parses forward-ordered args into `app`; CLI11's terse errors become
// UsageErrors a person reads. Help/version requests pass through.
void parse_into(CLI::App& app, const std::vector<std::string>& forward) {
  std::vector<std::string> reversed(forward.rbegin(), forward.rend());  // CLI11 wants them reversed
  try {
    app.parse(reversed);
  } catch (const CLI::ArgumentMismatch& e) {
    throw UsageError(repeated_option_message(app, e));
  } catch (const CLI::ValidationError& e) {
    throw UsageError(sentence(e.what()));
  }
}

// The option a config key names: the long option spelled without dashes,
// or the positional "targets". Keys that are about config files themselves
// are no options here.
const CLI::Option* option_for_key(const CLI::App& app, const std::string& key) {
  if (key == "config" || key == "help" || key == "version") return nullptr;
  for (const CLI::Option* opt : app.get_options()) {
    if (opt->get_positional() && opt->get_name(true) == key) return opt;
    if (opt->check_lname(key)) return opt;
  }
  return nullptr;
}

std::string unknown_key_message(const CLI::App& app, const ConfigEntry& e) {
  std::string message = e.where + ": unknown key '" + quote_capped(e.key, 40) + "'";
  std::string dashed = e.key;
  std::replace(dashed.begin(), dashed.end(), '_', '-');
  if (dashed != e.key && option_for_key(app, dashed))
    message += " (keys are spelled as the options: '" + dashed + "')";
  else if (e.key == "config")
    message += " (a config cannot include another)";
  return message;
}

// The command-line words a config entry stands for, after checking that
// its TOML type fits the option: flags take true/false, options take one
// value (or an array where the option repeats).
std::vector<std::string> words_for(const CLI::Option& opt, const ConfigEntry& e) {
  const std::string key = "'" + e.key + "'";
  if (opt.get_items_expected_max() == 0) {  // a flag
    if (e.type != ConfigEntry::Type::Bool) throw UsageError(e.where + ": " + key + " is a flag: give true or false");
    if (!e.flag_value) return {};
    return {"--" + e.key};
  }
  if (e.type == ConfigEntry::Type::Bool)
    throw UsageError(e.where + ": " + key + " takes a value, not true or false");
  if (e.type == ConfigEntry::Type::Array && opt.get_items_expected_max() <= 1)
    throw UsageError(e.where + ": " + key + " takes one value, not an array" +
                     (e.key == "ports" ? std::string(" (a list goes in one string: \"22,80\")") : ""));
  std::vector<std::string> words;
  for (const std::string& value : e.values) {
    if (opt.get_positional()) {
      // A target that looks like an option would be read as one.
      if (value.empty() || value[0] == '-')
        throw UsageError(e.where + ": " + key + ": '" + quote_capped(value) + "' is not a target");
      words.push_back(value);
    } else {
      words.push_back("--" + e.key + "=" + value);
    }
  }
  return words;
}

// Checks one entry's words alone, so a bad value is reported at its line.
// (CLI11 clears a parsed app before it parses again.)
void check_entry(CLI::App& app, const ConfigEntry& e, const std::vector<std::string>& words) {
  try {
    parse_into(app, words);
  } catch (const UsageError& error) {
    throw UsageError(e.where + ": " + error.what());
  } catch (const CLI::ParseError& error) {
    throw UsageError(e.where + ": '" + e.key + "': " + error.what());
  }
}

// The config's entries as command-line words, for every option the command
// line itself did not give (`app` has parsed the command line alone). Each
// entry is checked on `app` itself: building CLI11's option table costs
// far more than a parse, so one app serves every step.
std::vector<std::string> config_words(CLI::App& app, const std::string& path) {
  std::vector<const CLI::Option*> on_command_line;
  for (const CLI::Option* opt : app.get_options())
    if (opt->count() > 0) on_command_line.push_back(opt);
  std::vector<std::string> words;
  for (const ConfigEntry& e : read_config_file(path)) {
    const CLI::Option* opt = option_for_key(app, e.key);
    if (!opt) throw UsageError(unknown_key_message(app, e));
    const std::vector<std::string> entry_words = words_for(*opt, e);
    check_entry(app, e, entry_words);
    if (std::find(on_command_line.begin(), on_command_line.end(), opt) == on_command_line.end())
      words.insert(words.end(), entry_words.begin(), entry_words.end());
  }
  return words;
}

}  // namespace

ParsedScanCommand parse_scan_options(int argc, const char* const* argv, std::ostream& out,
                                     std::ostream& err) {
  ParsedScanCommand result;
  CLI::App app{kDescription, "zeroscan"};
  app.set_version_flag("--version", std::string(ZEROSCAN_VERSION " (git " ZEROSCAN_GIT_HASH ")"));
  app.positionals_at_end(false);
  define_options(app, result.options);

  try {
    std::vector<std::string> forward(argv + std::min(argc, 1), argv + argc);
    forward = translate_nmap_spellings(forward);
    if (forward.empty()) {
      out << app.help();
      result.outcome = ParseOutcome::Exit;
      return result;
    }
    // The command line alone first: it names the config, and what it gives
    // wins over the config's value for the same option. With a config, the
    // whole is parsed again: every option a check or the first parse set
    // is set again (CLI11 assigns, never adds to, an option's variable).
    parse_into(app, forward);
    if (!result.options.config.empty()) {
      std::vector<std::string> merged = config_words(app, result.options.config);
      merged.insert(merged.end(), forward.begin(), forward.end());
      parse_into(app, merged);
    }
    apply_nmap_flags(app, result.options);
    check_discovery_flags(app, result.options);
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    result.outcome = ParseOutcome::Exit;
    return result;
  } catch (const CLI::CallForVersion&) {
    out << "zeroscan " << ZEROSCAN_VERSION << " (git " << ZEROSCAN_GIT_HASH << ")\n";
    result.outcome = ParseOutcome::Exit;
    return result;
  } catch (const CLI::ParseError& e) {
    err << "zeroscan: " << e.what() << " (see zeroscan --help)\n";
    result.outcome = ParseOutcome::Exit;
    result.exit_code = 2;
    return result;
  } catch (const UsageError& e) {
    err << "zeroscan: " << e.what() << "\n";
    result.outcome = ParseOutcome::Exit;
    result.exit_code = 2;
    return result;
  }
  result.options.ports_given = app.count("--ports") > 0;
  for (int i = 1; i < argc; ++i) result.options.args.emplace_back(argv[i]);
  return result;
}

}  // namespace zeroscan
