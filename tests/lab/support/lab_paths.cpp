// Paths of the lab suite; see lab_paths.h.
#include "support/lab_paths.h"

#include <cstdlib>

namespace zeroscan::lab {

namespace {

std::string env_or(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::string(v) : fallback;
}

}  // namespace

std::string source_dir() { return ZEROSCAN_SOURCE_DIR; }
std::string binary_dir() { return ZEROSCAN_BINARY_DIR; }
std::string scanner_path() { return env_or("ZEROSCAN_BIN", binary_dir() + "/zeroscan"); }
std::string listener_path() {
  return env_or("ZEROSCAN_LAB_LISTENER", binary_dir() + "/zeroscan_lab_listener");
}
std::string lab_script() { return source_dir() + "/scripts/lab"; }
std::string state_dir() { return env_or("ZEROSCAN_LAB_STATE", "/run/zeroscan-lab"); }
std::string truth_path() { return state_dir() + "/truth.tsv"; }

}  // namespace zeroscan::lab
