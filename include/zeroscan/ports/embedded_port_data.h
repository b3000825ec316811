// The port database compiled into the binary (see src/ports/CMakeLists.txt:
// the files under data/ports/ become a generated .cpp at build time), so
// "zeroscan ports 22" works from any directory with no data files around.
#pragma once

#include <string_view>
#include <vector>

#include "zeroscan/ports/port_database.h"

namespace zeroscan::ports {

struct EmbeddedDataFile {
  std::string_view name;  // path relative to the repo, e.g. "data/ports/knowledge.db"
  std::string_view text;
};

// Entry files in layer order (netbase-derived first, curated knowledge last).
std::vector<EmbeddedDataFile> embedded_port_entry_files();
EmbeddedDataFile embedded_port_ranking_file();

// Parses and merges the embedded files. Throws DataError only if the
// committed data is broken, which the unit tests rule out.
PortDatabase load_embedded_port_database();

}  // namespace zeroscan::ports
