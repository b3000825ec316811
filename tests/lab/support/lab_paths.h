// Where the lab suite finds the repository, the build tree, the scanner,
// the lab script and the lab's state. Compile definitions fix the defaults
// to this build tree; environment variables override them.
#pragma once

#include <string>

namespace zeroscan::lab {

std::string source_dir();      // ZEROSCAN_SOURCE_DIR
std::string binary_dir();      // ZEROSCAN_BINARY_DIR
std::string scanner_path();    // $ZEROSCAN_BIN or <binary_dir>/zeroscan
std::string listener_path();   // $ZEROSCAN_LAB_LISTENER or <binary_dir>/zeroscan_lab_listener
std::string lab_script();      // <source_dir>/scripts/lab
std::string state_dir();       // $ZEROSCAN_LAB_STATE or /run/zeroscan-lab (as scripts/lab)
std::string truth_path();      // <state_dir>/truth.tsv

}  // namespace zeroscan::lab
