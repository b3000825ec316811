// "zeroscan analyze FILE.pcap": concludes a scan recorded with --pcap again,
// offline. The sidecar FILE.pcap.scan.json (written beside every --pcap
// capture, cli/pcap_sidecar.h) gives the recorded target ranges, ports,
// kinds, seed, source address and ports, attempts, threads and TSval; from
// those values — never from a command line parsed again — the scan space,
// the cookie and the -O setup are rebuilt as the live scan built them, and the capture
// is replayed through the same receiver (engine/offline_replay.h). The
// records go to the same writers a scan uses (-oJ -oN -oX -oG -oC -oA).
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>


namespace zeroscan {

// Exit code: 0 done; 1 the capture ended in a read error (results written
// are partial) or an output failed; 2 bad input: options, a missing or
// corrupt capture or sidecar, recorded arguments that no longer resolve.
int run_analyze_command(int argc, char** argv);  // argv[0] is "analyze"

// The same, with the arguments after "analyze" and explicit streams (tests).
// Report files still go where -o* says; "-" is the process's stdout.
int run_analyze(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace zeroscan
