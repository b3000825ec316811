// "zeroscan fingerprint --learn LABEL --family F --device D [scan options] TARGET...":
// runs an -O scan of live hosts of one stack through run_scan() and turns
// what they showed into a fingerprint database line (fingerprints/README.md)
// with a fresh id: printed on stdout, and appended to --db FILE if given.
// Every responsive target is one observation; --samples N scans N times.
// The scan's own report goes to stderr, so stdout holds only the line.
#pragma once

#include <functional>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "zeroscan/cli/scan_options.h"
#include "zeroscan/core/scan_results.h"
#include "zeroscan/fingerprint/features.h"
#include "zeroscan/fingerprint/learn.h"
#include "zeroscan/output/result_sink.h"

namespace zeroscan {

// One host's observed features back from its signature (HostRecord::signature,
// a one-observation database line). Throws DataError if it does not parse.
fingerprint::Features features_from_signature(const std::string& signature);

// A database line learned from the hosts' records (learn_entry over their
// features), with the given identity. Throws DataError for a record whose
// signature does not parse.
std::string learned_line(const fingerprint::EntryIdentity& identity,
                         const std::vector<HostRecord>& hosts);

// "lab-" plus the label in lower case, runs of other characters as one '-'
// ("Linux 6.x (ttl=128)" -> "lab-linux-6.x-ttl-128"); "-2", "-3", ... appended
// until it is not in `taken`.
std::string fresh_id(const std::string& label, const std::set<std::string>& taken);

// How the command runs a scan: run_scan in production, a stand-in in tests.
using ScanRunner = std::function<int(const ScanOptions& options, ResultSink* extra_sink)>;

// Exit code: 0 a line was learned (and appended); 1 no target answered, or
// --db could not be written; 2 bad input (options, label, family, device,
// id, an unreadable or malformed --db file) or the scan could not start.
int run_fingerprint_command(int argc, char** argv);  // argv[0] is "fingerprint"

// The same, with the arguments after "fingerprint", explicit streams and
// scan runner (tests).
int run_fingerprint(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
                    const ScanRunner& scan);

}  // namespace zeroscan
