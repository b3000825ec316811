// Running build/zeroscan against the lab and reading what it wrote.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "support/scan_records.h"
#include "support/subprocess.h"

namespace zeroscan::lab {

struct ScanRun {
  std::string command;     // for failure messages
  ProcessResult process;
  ScanOutput output;
  bool ok() const { return process.start_error.empty() && !process.timed_out && process.exit_code == 0; }
  std::string failure() const;  // why !ok(), in one paragraph
};

// Runs the scanner with `args` plus "-oJ <scratch>/scan.ndjson"; stdout and
// stderr go to files in scratch.
ScanRun run_scanner(const std::vector<std::string>& args, const ScratchDir& scratch,
                    std::chrono::seconds timeout);

}  // namespace zeroscan::lab
