// libFuzzer target: --config files, through the whole scan option parser
// (TOML, key lookup, type checks, each value's own check).
#include <sstream>

#include "fuzz_support.h"
#include "zeroscan/cli/config_file.h"
#include "zeroscan/cli/scan_options.h"
#include "zeroscan/core/errors.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace zeroscan;
  // The TOML layer first: what it refuses, the scan command refuses at the
  // same place (it reads the file through the same parser), so only text it
  // accepts goes on to the key, type and value checks, which build the
  // whole option parser (once per call: most of what is left of the time).
  try {
    parse_config_text(fuzz::text(data, size), "fuzz.toml");
  } catch (const Error&) {
    return 0;
  }
  static fuzz::MemoryFile file;
  const std::string& path = file.hold(data, size);
  const char* argv[] = {"zeroscan", "--config", path.c_str(), "--dry-run"};
  std::ostringstream out, err;
  const ParsedScanCommand parsed = parse_scan_options(4, argv, out, err);
  if (parsed.outcome == ParseOutcome::Exit && parsed.exit_code != 0 && err.str().empty()) __builtin_trap();
  return 0;
}
