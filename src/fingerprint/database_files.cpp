// Where databases come from: a file, a directory of *.txt files, or the
// copy of fingerprints/ compiled into the binary.
#include <algorithm>
#include <fstream>
#include <sstream>

#include "builtin_files.h"
#include "zeroscan/core/errors.h"
#include "zeroscan/fingerprint/database.h"

namespace zeroscan::fingerprint {
namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError("cannot read fingerprint database " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

Database load_database(const std::filesystem::path& path) {
  std::error_code error;
  if (!std::filesystem::is_directory(path, error)) {
    return parse_database(read_file(path), path.string());
  }
  std::vector<std::filesystem::path> files;
  for (const auto& item : std::filesystem::directory_iterator(path, error)) {
    if (item.path().extension() == ".txt") files.push_back(item.path());
  }
  if (error) throw UsageError("cannot list fingerprint directory " + path.string());
  std::sort(files.begin(), files.end());
  // Check every file before failing, so one run shows all the bad lines.
  std::vector<Database> parts;
  std::string messages;
  for (const auto& file : files) {
    try {
      parts.push_back(parse_database(read_file(file), file.string()));
    } catch (const DataError& bad) {
      messages += (messages.empty() ? "" : "\n") + std::string(bad.what());
    }
  }
  if (!messages.empty()) throw DataError(messages);
  return merge_databases(std::move(parts));
}

Database load_builtin_database() {
  std::vector<Database> parts;
  for (const BuiltinFile& file : builtin_fingerprint_files()) {
    parts.push_back(parse_database(file.text, file.name));
  }
  return merge_databases(std::move(parts));
}

}  // namespace zeroscan::fingerprint
