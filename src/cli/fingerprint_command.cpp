// "zeroscan fingerprint --learn": a database line from live hosts.
#include "zeroscan/cli/fingerprint_command.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "zeroscan/cli/scan_command.h"
#include "zeroscan/core/errors.h"
#include "zeroscan/fingerprint/database.h"
#include "zeroscan/fingerprint/family.h"

namespace zeroscan {

namespace {

using fingerprint::DeviceClass;
using fingerprint::Family;

template <class T>
std::optional<T> first_value(const fingerprint::Distribution<T>& distribution) {
  if (distribution.empty()) return std::nullopt;
  return distribution.front().value;
}

std::optional<fingerprint::RstFeatures> rst_from(const fingerprint::RstExpectation& e) {
  if (e.ack_flag.empty() && e.window.empty() && e.initial_ttl.empty()) return std::nullopt;
  fingerprint::RstFeatures r;
  r.initial_ttl = first_value(e.initial_ttl).value_or(0);
  r.ttl = r.initial_ttl;
  r.df = first_value(e.df);
  r.ip_id_zero = first_value(e.ip_id_zero);
  r.window = first_value(e.window).value_or(0);
  r.ack_flag = first_value(e.ack_flag).value_or(false);
  r.ack_nonzero = first_value(e.ack_nonzero).value_or(false);
  return r;
}

// The scan's result stream, as far as learning needs it.
class HostCapture : public ResultSink {
 public:
  void port(const PortRecord& record) override {
    if (record.answered) ++answered;
  }
  void host(const HostRecord& record) override { hosts.push_back(record); }
  void finish(const ScanSummary&) override {}
  std::string error() const override { return {}; }

  std::vector<HostRecord> hosts;
  std::uint64_t answered = 0;
};

struct LearnOptions {
  std::string label;
  std::string family;
  std::string device;
  std::string id;
  std::string db;
  int samples = 1;
  bool learn_given = false;
  std::vector<std::string> scan_args;
};

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Exact names first, then the same ignoring case ("Embedded" -> "embedded").
template <class T, class Parse>
std::optional<T> parse_name(const std::string& text, Parse parse, T last) {
  if (auto exact = parse(text)) return exact;
  for (int v = 0; v <= int(last); ++v)
    if (lower(fingerprint::to_string(T(v))) == lower(text)) return T(v);
  return std::nullopt;
}

template <class T>
std::string name_list(T last) {
  std::string out;
  for (int v = 0; v <= int(last); ++v) out += (v ? ", " : "") + std::string(fingerprint::to_string(T(v)));
  return out;
}

// Splits our own options from the scan's; throws UsageError.
LearnOptions split_arguments(const std::vector<std::string>& args) {
  LearnOptions o;
  const std::vector<std::pair<std::string, std::string*>> valued = {
      {"--learn", &o.label}, {"--family", &o.family}, {"--device", &o.device},
      {"--id", &o.id},       {"--db", &o.db},
  };
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    bool ours = false;
    for (const auto& [flag, target] : valued) {
      std::string value;
      if (arg == flag) {
        if (i + 1 >= args.size()) throw UsageError(flag + " needs a value");
        value = args[++i];
      } else if (arg.rfind(flag + "=", 0) == 0) {
        value = arg.substr(flag.size() + 1);
      } else {
        continue;
      }
      *target = value;
      if (flag == "--learn") o.learn_given = true;
      ours = true;
      break;
    }
    if (ours) continue;
    if (arg == "--samples" || arg.rfind("--samples=", 0) == 0) {
      std::string value;
      if (arg == "--samples") {
        if (i + 1 >= args.size()) throw UsageError("--samples needs a value");
        value = args[++i];
      } else {
        value = arg.substr(10);
      }
      char* end = nullptr;
      const long n = std::strtol(value.c_str(), &end, 10);
      if (value.empty() || *end != '\0' || n < 1 || n > 20)
        throw UsageError("--samples wants 1..20 scans, got '" + value + "'");
      o.samples = int(n);
      continue;
    }
    o.scan_args.push_back(arg);
  }
  return o;
}

const char* kUsage =
    "usage: zeroscan fingerprint --learn LABEL --family FAMILY --device CLASS [--id ID] "
    "[--db FILE] [--samples N] [scan options: -p PORTS -e IFACE --os-rto --wait N ...] TARGET...";

std::string help_text() {
  return std::string(kUsage) +
         "\n\nRuns an -O scan of the targets (hosts running one network stack), and prints a\n"
         "fingerprint database line (fingerprints/README.md) learned from every host that\n"
         "answered; --db FILE also appends it to FILE. The scan's report goes to stderr.\n"
         "  --learn LABEL    what users will read, e.g. \"Linux 6.x (ip_default_ttl=128)\"\n"
         "  --family FAMILY  one of: " + name_list(Family::Unknown) + "\n"
         "  --device CLASS   one of: " + name_list(DeviceClass::Unknown) + "\n"
         "  --id ID          the entry's id (default: lab-<label>, made unique)\n"
         "  --db FILE        append the line to FILE (checked first; created if missing)\n"
         "  --samples N      scan N times (1..20); every answer of every scan is one observation\n"
         "Scan options are the scan command's (zeroscan --help); -O is implied.\n";
}

}  // namespace

fingerprint::Features features_from_signature(const std::string& signature) {
  const fingerprint::Database parsed = fingerprint::parse_database(signature, "signature");
  if (parsed.entries.size() != 1) throw DataError("signature: want one database line, got " +
                                                  std::to_string(parsed.entries.size()));
  const fingerprint::Entry& e = parsed.entries.front();
  fingerprint::Features f;
  if (!e.syn_ack.initial_ttl.empty() || !e.syn_ack.window.empty() || !e.syn_ack.options.empty()) {
    fingerprint::SynAckFeatures s;
    s.initial_ttl = first_value(e.syn_ack.initial_ttl).value_or(0);
    s.ttl = s.initial_ttl;
    s.df = first_value(e.syn_ack.df);
    s.ip_id_zero = first_value(e.syn_ack.ip_id_zero);
    s.window = first_value(e.syn_ack.window).value_or(fingerprint::WindowValue{}).bytes;
    s.options = first_value(e.syn_ack.options).value_or("");
    s.mss = first_value(e.syn_ack.mss);
    s.wscale = first_value(e.syn_ack.wscale);
    s.sack_permitted = s.options.find('S') != std::string::npos;
    s.timestamp = s.options.find('T') != std::string::npos;
    s.timestamp_echoes_ours = first_value(e.syn_ack.timestamp_echo);
    s.timestamp_value_zero = first_value(e.syn_ack.tsval_zero);
    if (s.mss) s.window_mss_multiple = fingerprint::window_mss_multiple(s.window, *s.mss, s.timestamp);
    f.syn_ack = s;
  }
  f.syn_rst = rst_from(e.syn_rst);
  f.ack_rst = rst_from(e.ack_rst);
  f.ip_id_class = first_value(e.ip_id_class);
  f.port0_syn = first_value(e.port0.syn);
  f.port0_ack = first_value(e.port0.ack);
  if (e.retransmissions.gaps) {
    fingerprint::RetransmissionFeatures r;
    double at = 0;
    for (const auto& gap : *e.retransmissions.gaps) {
      at += gap.mean_s;
      r.arrivals_s.push_back(at);
    }
    r.give_up = first_value(e.retransmissions.give_up).value_or(fingerprint::GiveUp::None);
    r.give_up_window = first_value(e.retransmissions.give_up_window);
    r.give_up_seq_advanced = first_value(e.retransmissions.give_up_seq_advanced);
    f.retransmissions = r;
  }
  return f;
}

std::string learned_line(const fingerprint::EntryIdentity& identity, const std::vector<HostRecord>& hosts) {
  std::vector<fingerprint::Features> observations;
  observations.reserve(hosts.size());
  for (const HostRecord& host : hosts) {
    try {
      observations.push_back(features_from_signature(host.observed_entry));
    } catch (const DataError& e) {
      throw DataError("the signature of " + host.ip.to_string() + " does not parse: " + e.what());
    }
  }
  return fingerprint::format_entry(fingerprint::learn_entry(identity, observations));
}

std::string fresh_id(const std::string& label, const std::set<std::string>& taken) {
  std::string base = "lab-";
  bool dash = false;
  for (char c : lower(label)) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_';
    if (keep) {
      if (dash && base.back() != '-') base += '-';
      base += c;
      dash = false;
    } else {
      dash = true;
    }
  }
  if (base == "lab-") base = "lab-stack";
  std::string id = base;
  for (int n = 2; taken.count(id); ++n) id = base + "-" + std::to_string(n);
  return id;
}

int run_fingerprint(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
                    const ScanRunner& scan) {
  if (args.empty() || args.front() == "--help" || args.front() == "-h") {
    (args.empty() ? err : out) << help_text();
    return args.empty() ? 2 : 0;
  }
  try {
    LearnOptions o = split_arguments(args);
    if (!o.learn_given) throw UsageError("what to do? only --learn LABEL is supported (see --help)");
    // The label and id become columns of a '|'-separated line.
    const auto trimmed = [](std::string s) {
      const auto first = s.find_first_not_of(" \t");
      const auto last = s.find_last_not_of(" \t");
      return first == std::string::npos ? std::string() : s.substr(first, last - first + 1);
    };
    o.label = trimmed(o.label);
    if (o.label.empty()) throw UsageError("--learn needs a label, e.g. \"Linux 6.x (lab)\"");
    if (o.label.find_first_of("|\n\r") != std::string::npos)
      throw UsageError("bad label '" + o.label + "': no '|' or line breaks");
    if (o.family.empty()) throw UsageError("--family is required (one of: " + name_list(Family::Unknown) + ")");
    if (o.device.empty())
      throw UsageError("--device is required (one of: " + name_list(DeviceClass::Unknown) + ")");
    const auto family = parse_name(o.family, fingerprint::parse_family, Family::Unknown);
    if (!family)
      throw UsageError("unknown family '" + o.family + "' (one of: " + name_list(Family::Unknown) + ")");
    const auto device = parse_name(o.device, fingerprint::parse_device_class, DeviceClass::Unknown);
    if (!device)
      throw UsageError("unknown device class '" + o.device + "' (one of: " + name_list(DeviceClass::Unknown) +
                       ")");
    for (char c : o.id) {
      const bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
      if (!ok) throw UsageError("bad --id '" + o.id + "' (letters, digits, '.', '_', '-')");
    }

    // Ids already taken: the built-in database and the --db file.
    std::set<std::string> taken;
    for (const auto& e : fingerprint::load_builtin_database().entries) taken.insert(e.id);
    if (!o.db.empty()) {
      std::error_code ec;
      if (std::filesystem::is_directory(o.db, ec)) throw UsageError("--db " + o.db + " is a directory");
      if (std::filesystem::exists(o.db, ec))
        for (const auto& e : fingerprint::load_database(o.db).entries) taken.insert(e.id);
    }
    if (!o.id.empty() && taken.count(o.id))
      throw UsageError("id '" + o.id + "' is already in the database" + (o.db.empty() ? "" : " or " + o.db));
    const std::string id = o.id.empty() ? fresh_id(o.label, taken) : o.id;

    // The scan: the scan command's own options, with -O.
    std::vector<std::string> scan_args = o.scan_args;
    if (std::find(scan_args.begin(), scan_args.end(), "-O") == scan_args.end() &&
        std::find(scan_args.begin(), scan_args.end(), "--os") == scan_args.end())
      scan_args.insert(scan_args.begin(), "-O");
    std::vector<const char*> argv{"zeroscan"};
    for (const std::string& a : scan_args) argv.push_back(a.c_str());
    const ParsedScanCommand parsed = parse_scan_options(int(argv.size()), argv.data(), out, err);
    if (parsed.outcome == ParseOutcome::Exit) return parsed.exit_code == 0 ? 2 : parsed.exit_code;
    if (parsed.options.targets.empty() && parsed.options.input_lists.empty())
      throw UsageError("no TARGET: give the address(es) of the host(s) to learn from");

    HostCapture capture;
    for (int run = 0; run < o.samples; ++run) {
      ScanOptions options = parsed.options;
      // Each repeat from other source ports: stacks ignore a repeated SYN
      // on a 4-tuple they still remember.
      if (options.seed && run > 0) options.seed = *options.seed + std::uint64_t(run);
      // A scan run as root gives up root once its sockets are open; the
      // next sample has to open them again.
      options.keep_privileges = run + 1 < o.samples;
      const int code = scan(options, &capture);
      if (code != 0) return code;
    }
    if (capture.hosts.empty()) {
      err << "zeroscan fingerprint: no answer from ";
      for (std::size_t i = 0; i < parsed.options.targets.size(); ++i)
        err << (i ? " " : "") << parsed.options.targets[i];
      err << (capture.answered ? " that names a TCP stack" : "") << ": nothing to learn\n";
      return 1;
    }
    std::sort(capture.hosts.begin(), capture.hosts.end(),
              [](const HostRecord& a, const HostRecord& b) { return a.ip < b.ip; });
    for (const HostRecord& h : capture.hosts)
      err << "zeroscan fingerprint: " << h.ip.to_string() << " matched before: " << h.best.label << " ("
          << h.best.family << ", " << int(h.best.score * 100 + 0.5) << "%)\n";

    const std::string line =
        learned_line(fingerprint::EntryIdentity{id, o.label, *family, *device}, capture.hosts);
    fingerprint::parse_database(line, "learned");  // a line we cannot read back is a bug: throws
    if (line.find("ttl=") == std::string::npos || line.find(" options=") == std::string::npos)
      err << "zeroscan fingerprint: note: no SYN-ACK seen (no open port among -p?); the line has "
             "only RST/port-0 features\n";
    out << line << "\n";
    out.flush();
    if (!o.db.empty()) {
      std::ofstream db(o.db, std::ios::app);
      db << line << "\n";
      db.flush();
      if (!db) {
        err << "zeroscan fingerprint: cannot append to " << o.db << "\n";
        return 1;
      }
      err << "zeroscan fingerprint: appended " << id << " to " << o.db << " (" << capture.hosts.size()
          << " observation(s))\n";
    }
    return 0;
  } catch (const Error& e) {
    err << "zeroscan fingerprint: " << e.what() << "\n";
    return 2;
  }
}

int run_fingerprint_command(int argc, char** argv) {
  // The scan's human report would share stdout with the learned line: it
  // goes to stderr instead, for the length of each scan.
  const ScanRunner scan_to_stderr = [](const ScanOptions& options, ResultSink* extra) {
    std::cout.flush();
    std::fflush(stdout);
    const int saved = ::dup(STDOUT_FILENO);
    if (saved >= 0) ::dup2(STDERR_FILENO, STDOUT_FILENO);
    const int code = run_scan(options, extra);
    std::cout.flush();
    std::fflush(stdout);
    if (saved >= 0) {
      ::dup2(saved, STDOUT_FILENO);
      ::close(saved);
    }
    return code;
  };
  return run_fingerprint({argv + 1, argv + argc}, std::cout, std::cerr, scan_to_stderr);
}

}  // namespace zeroscan
