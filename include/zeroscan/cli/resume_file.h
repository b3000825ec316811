// Resume files: what an interrupted scan must remember to continue exactly
// where it stopped — its command line, seed (the order and the cookie key
// derive from it), how many sender threads split the order, and how far
// each got. `zeroscan --resume FILE` re-runs the same command from there, so
// the interrupted run and the resumed run together probe every pair once.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

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

}  // namespace zeroscan
