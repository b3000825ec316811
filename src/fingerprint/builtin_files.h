// The fingerprints/*.txt files as compiled into the library; the definition
// is generated at build time by embed_fingerprints.cmake.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace zeroscan::fingerprint {

struct BuiltinFile {
  std::string_view name;  // "fingerprints/hershelplus.txt"
  std::string text;
};

std::vector<BuiltinFile> builtin_fingerprint_files();

}  // namespace zeroscan::fingerprint
