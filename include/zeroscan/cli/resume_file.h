// Resume files: what an interrupted scan must remember to continue exactly
// where it stopped — its command line, seed (the order and the cookie key
// derive from it), how many sender threads split the order, and how far
// each got. `zeroscan --resume FILE` re-runs the same command from there, so
// the interrupted run and the resumed run together probe every pair once.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "zeroscan/cli/scan_options.h"

namespace zeroscan {

struct ResumeState {
  std::vector<std::string> args;       // the original command line, without argv[0]
  std::uint64_t seed = 0;
  std::vector<std::uint64_t> positions;  // per sender thread
};

// Throws SystemError when the file cannot be written.
void write_resume_file(const std::string& path, const ResumeState& state);
// Throws UsageError naming the file and what is wrong with it.
ResumeState read_resume_file(const std::string& path);
// The same over the file's text (`path` labels messages).
ResumeState parse_resume_text(std::string_view text, const std::string& path);

// The options a resumed scan runs with: the recorded command line, seed,
// thread count and positions; outputs as given now, or else the recorded
// ones continued. `now` is the command line that said --resume. Throws
// UsageError when the recorded command line does not parse.
ScanOptions resumed_options(const ScanOptions& now, const ResumeState& state);

}  // namespace zeroscan
