// Running a child process with a deadline: the scanner and scripts/lab.
// Output goes to files (a /16 sweep prints far more than a pipe should
// buffer in memory); the child is stopped by its own PID when late.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace zeroscan::lab {

struct ProcessResult {
  int exit_code = -1;       // -1 when killed by a signal or not started
  bool timed_out = false;
  std::string start_error;  // fork/exec failure, empty otherwise
  std::string stderr_tail;  // last lines of stderr, for failure messages
};

// argv[0] is a path (no PATH search). extra_env entries are "NAME=value".
ProcessResult run_process(const std::vector<std::string>& argv, std::chrono::seconds timeout,
                          const std::string& stdout_path, const std::string& stderr_path,
                          const std::vector<std::string>& extra_env = {});

std::string read_file(const std::string& path);
std::string last_lines(const std::string& text, int lines);
std::string join(const std::vector<std::string>& parts, const std::string& sep);

// A fresh directory under /tmp, removed at destruction unless
// ZEROSCAN_LAB_KEEP is set (to read a failed run's NDJSON afterwards).
class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  std::string path(const std::string& name) const { return dir_ + "/" + name; }

 private:
  std::string dir_;
};

}  // namespace zeroscan::lab
