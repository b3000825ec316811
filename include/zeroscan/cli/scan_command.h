// The scan command: composition root of a scan. Resolves inputs, plans the
// next hop, builds templates, opens the real packet sink and capture, wires
// the outputs and runs the Scanner; the only place besides main that names
// concrete socket/pcap types.
#pragma once

#include "zeroscan/cli/scan_options.h"
#include "zeroscan/output/result_sink.h"

namespace zeroscan {

// argv[0] is the program name. Returns the process exit code: 0 done,
// 1 a write error or the scan could not finish, 2 bad input or environment.
int run_scan_command(int argc, char** argv);

// Runs one scan from already-parsed options; `extra_sink` (may be null)
// sees every record besides the outputs the options ask for — how other
// commands (fingerprint --learn) reuse the whole scan. Same exit codes.
int run_scan(const ScanOptions& options, ResultSink* extra_sink);

}  // namespace zeroscan
