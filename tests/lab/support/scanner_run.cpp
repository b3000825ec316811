// Scanner subprocess for the lab tests; see scanner_run.h.
#include "support/scanner_run.h"

#include <unistd.h>

#include "support/lab_paths.h"

namespace zeroscan::lab {

ScanRun run_scanner(const std::vector<std::string>& args, const ScratchDir& scratch,
                    std::chrono::seconds timeout) {
  ScanRun run;
  const std::string bin = scanner_path();
  std::vector<std::string> argv{bin};
  argv.insert(argv.end(), args.begin(), args.end());
  const std::string json = scratch.path("scan.ndjson");
  argv.push_back("-oJ");
  argv.push_back(json);
  run.command = join(argv, " ");
  if (access(bin.c_str(), X_OK) != 0) {
    run.process.start_error = bin + " not found (build the zeroscan target, or set ZEROSCAN_BIN)";
    return run;
  }
  run.process = run_process(argv, timeout, scratch.path("stdout.txt"), scratch.path("stderr.txt"));
  if (run.ok()) run.output = read_ndjson(json);
  return run;
}

std::string ScanRun::failure() const {
  if (!process.start_error.empty()) return process.start_error;
  std::string s = "scanner ";
  s += process.timed_out ? "timed out" : "exited with " + std::to_string(process.exit_code);
  return s + ": " + command + "\n--- stderr (tail) ---\n" + process.stderr_tail;
}

}  // namespace zeroscan::lab
