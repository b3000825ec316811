// OutputFile: a destination path ("-" = stdout) written in whole records.
// Writers hand it complete records (one or more whole lines); it buffers
// them and writes with write(2). When a write fails (full disk, closed
// pipe) it remembers the first error instead of throwing on the hot path,
// stops writing, and — for a regular file — cuts the file back to the end
// of the last record that was written completely, so no half record is
// ever left behind looking complete. main reports the error in one line.
#pragma once

#include <string>
#include <string_view>
#include <vector>
#include <sys/types.h>

namespace zeroscan {

class OutputFile {
 public:
  // Throws UsageError when the file cannot be opened for writing. `append`
  // continues an existing file (a resumed scan) instead of truncating it.
  explicit OutputFile(const std::string& path, bool append = false);
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  // One or more whole records.
  void write(std::string_view records);
  // Writes what is buffered (and closes files we opened); false on any error so far.
  bool close();
  const std::string& error() const { return error_; }
  const std::string& path() const { return path_; }

 private:
  void flush_buffer();
  void fail(const char* what, int error_number);

  std::string path_;
  int fd_ = -1;
  bool owned_ = false;
  bool regular_file_ = false;  // only regular files can be cut back
  off_t committed_ = 0;        // bytes of whole records known to be in the file
  std::string buffer_;
  std::vector<std::size_t> record_ends_;  // offsets in buffer_ where a write() call's records end
  std::string error_;
};

}  // namespace zeroscan
