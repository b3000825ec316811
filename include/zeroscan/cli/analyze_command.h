// "zeroscan analyze FILE.pcap": concludes a scan recorded with --pcap again,
// offline. The sidecar FILE.pcap.scan.json (written beside every --pcap
// capture) gives the recorded command line, seed, source address, source
// ports, attempts and TSval; from them the scan space, the cookie and the
// -O setup are rebuilt exactly as the live scan built them, and the capture
// is replayed through the same receiver (engine/offline_replay.h). The
// records go to the same writers a scan uses (-oJ -oN -oX -oG -oC -oA).
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "zeroscan/cookie/cookie.h"
#include "zeroscan/core/ipv4.h"

namespace zeroscan {

// The sidecar, as written by the scan command (write_pcap_sidecar).
struct PcapSidecar {
  std::vector<std::string> args;  // the scan's argv after the program name
  std::uint64_t seed = 0;
  Ipv4 source;
  SourcePortRange source_ports;
  unsigned attempts = 1;
  std::uint32_t ts_val = 0;
};

// Throws UsageError (missing or unreadable file) or DataError (not JSON, not
// a zeroscan sidecar, a field missing or out of range), each one line
// naming the file.
PcapSidecar read_pcap_sidecar(const std::string& path);

// Exit code: 0 done; 1 the capture ended in a read error (results written
// are partial) or an output failed; 2 bad input: options, a missing or
// corrupt capture or sidecar, recorded arguments that no longer resolve.
int run_analyze_command(int argc, char** argv);  // argv[0] is "analyze"

// The same, with the arguments after "analyze" and explicit streams (tests).
// Report files still go where -o* says; "-" is the process's stdout.
int run_analyze(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace zeroscan
