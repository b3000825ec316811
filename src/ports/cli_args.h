// Feeding an argument vector to CLI11 and turning its errors into our one
// line. Private to src/ports (shared by the ports and local commands).
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace zeroscan::ports {

// CLI11 2.1 consumes a vector from the back, so it wants it reversed.
inline void parse_args(CLI::App& app, const std::vector<std::string>& args) {
  std::vector<std::string> reversed(args.rbegin(), args.rend());
  app.parse(reversed);
}

}  // namespace zeroscan::ports
