// Reading a whole data file, with the one error message every loader uses.
// Private to src/ports.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "zeroscan/core/errors.h"

namespace zeroscan::ports {

inline std::string read_data_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataError(path.string() + ": cannot read port data file");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace zeroscan::ports
