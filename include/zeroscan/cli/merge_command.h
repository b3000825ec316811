// Entry point of "zeroscan merge" for main.cpp. argv[0] is "merge".
// Combines the NDJSON outputs of the shards of one scan into one report,
// written through the same writers a scan uses (-oJ -oN -oX -oG -oC -oA).
// The checks live in output/shard_merge.h, the reading in
// output/record_reader.h; this wires them to the command line.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace zeroscan {

// Exit code: 0 merged a complete scan; 1 merged, but shards are missing,
// unfinished or interrupted (listed on stderr), or an output failed;
// 2 bad input: options, unreadable or malformed files, mixed scans.
int run_merge_command(int argc, char** argv);

// The same, with the arguments after "merge" and explicit streams (tests).
// Report files still go where -o* says; "-" is the process's stdout.
int run_merge(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace zeroscan
