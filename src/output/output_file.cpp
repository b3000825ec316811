// Error-remembering output destination (file or stdout).
#include "zeroscan/output/output_file.h"

#include <cerrno>
#include <cstring>

#include "zeroscan/core/errors.h"

namespace zeroscan {

OutputFile::OutputFile(const std::string& path, bool append) : path_(path) {
  if (path == "-") {
    file_ = stdout;
    return;
  }
  file_ = std::fopen(path.c_str(), append ? "a" : "w");
  if (!file_) throw UsageError("cannot write '" + path + "': " + std::strerror(errno));
  owned_ = true;
}

OutputFile::~OutputFile() { close(); }

void OutputFile::fail(const char* what) {
  if (error_.empty())
    error_ = std::string(what) + " '" + (path_ == "-" ? std::string("stdout") : path_) +
             "': " + std::strerror(errno);
}

void OutputFile::write(std::string_view text) {
  if (!file_ || !error_.empty()) return;
  if (std::fwrite(text.data(), 1, text.size(), file_) != text.size()) fail("write failed on");
}

bool OutputFile::close() {
  if (file_) {
    if (std::fflush(file_) != 0) fail("flush failed on");
    if (owned_ && std::fclose(file_) != 0) fail("close failed on");
    file_ = nullptr;
  }
  return error_.empty();
}

}  // namespace zeroscan
