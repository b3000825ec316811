// zeroscan's entry point: picks the command (scan by default; `ports`,
// `local`, `merge`, ...) and maps anything unexpected to one line and a
// non-zero exit.
#include <csignal>
#include <cstring>
#include <exception>
#include <iostream>
#include <new>

#include "zeroscan/cli/analyze_command.h"
#include "zeroscan/cli/fingerprint_command.h"
#include "zeroscan/cli/local_command.h"
#include "zeroscan/cli/merge_command.h"
#include "zeroscan/cli/ports_command.h"
#include "zeroscan/cli/scan_command.h"

int main(int argc, char** argv) {
  // A closed stdout pipe (zeroscan ... | head) must become a write error we
  // report, not a silent death by SIGPIPE.
  std::signal(SIGPIPE, SIG_IGN);
  try {
    if (argc > 1 && std::strcmp(argv[1], "ports") == 0) return zeroscan::run_ports_command(argc - 1, argv + 1);
    if (argc > 1 && std::strcmp(argv[1], "local") == 0) return zeroscan::run_local_command(argc - 1, argv + 1);
    if (argc > 1 && std::strcmp(argv[1], "merge") == 0) return zeroscan::run_merge_command(argc - 1, argv + 1);
    if (argc > 1 && std::strcmp(argv[1], "analyze") == 0) return zeroscan::run_analyze_command(argc - 1, argv + 1);
    if (argc > 1 && std::strcmp(argv[1], "fingerprint") == 0)
      return zeroscan::run_fingerprint_command(argc - 1, argv + 1);
    return zeroscan::run_scan_command(argc, argv);
  } catch (const std::bad_alloc&) {
    std::cerr << "zeroscan: out of memory\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "zeroscan: " << e.what() << "\n";
    return 2;
  }
}
