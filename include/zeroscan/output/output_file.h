// OutputFile: a destination path ("-" = stdout) that remembers the first
// write error (full disk, closed pipe) instead of throwing on the hot path,
// so the scan can finish its bookkeeping and main can report one clear line.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

namespace zeroscan {

class OutputFile {
 public:
  // Throws UsageError when the file cannot be opened for writing. `append`
  // continues an existing file (a resumed scan) instead of truncating it.
  explicit OutputFile(const std::string& path, bool append = false);
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  void write(std::string_view text);
  // Flushes (and closes files we opened); returns false on any error so far.
  bool close();
  const std::string& error() const { return error_; }
  const std::string& path() const { return path_; }

 private:
  void fail(const char* what);
  std::string path_;
  std::FILE* file_ = nullptr;
  bool owned_ = false;
  std::string error_;
};

}  // namespace zeroscan
