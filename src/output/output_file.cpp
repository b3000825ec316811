// Whole-record output with error memory and cut-back on failure.
#include "zeroscan/output/output_file.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "zeroscan/core/errors.h"

namespace zeroscan {

namespace {
constexpr std::size_t kFlushAt = 64 * 1024;
}

OutputFile::OutputFile(const std::string& path, bool append) : path_(path) {
  if (path == "-") {
    fd_ = STDOUT_FILENO;
  } else {
    fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | (append ? O_APPEND : O_TRUNC), 0644);
    if (fd_ < 0) throw UsageError("cannot write '" + path + "': " + std::strerror(errno));
    owned_ = true;
  }
  struct stat st {};
  regular_file_ = fstat(fd_, &st) == 0 && S_ISREG(st.st_mode);
  if (regular_file_) committed_ = lseek(fd_, 0, SEEK_END);
}

OutputFile::~OutputFile() { close(); }

void OutputFile::fail(const char* what, int error_number) {
  if (error_.empty())
    error_ = std::string(what) + " '" + (path_ == "-" ? std::string("stdout") : path_) +
             "': " + std::strerror(error_number);
}

void OutputFile::write(std::string_view records) {
  if (fd_ < 0 || !error_.empty()) return;
  buffer_.append(records);
  record_ends_.push_back(buffer_.size());
  if (buffer_.size() >= kFlushAt) flush_buffer();
}

void OutputFile::flush_buffer() {
  std::size_t done = 0;
  while (done < buffer_.size()) {
    const ssize_t n = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      fail("write failed on", n < 0 ? errno : ENOSPC);
      // Keep the records that landed whole; cut off the one that did not.
      std::size_t whole = 0;
      for (std::size_t end : record_ends_)
        if (end <= done) whole = end;
      if (regular_file_ && ftruncate(fd_, committed_ + off_t(whole)) != 0) {
        // The write error above is what gets reported.
      }
      buffer_.clear();
      record_ends_.clear();
      return;
    }
    done += std::size_t(n);
  }
  committed_ += off_t(buffer_.size());
  buffer_.clear();
  record_ends_.clear();
}

bool OutputFile::close() {
  if (fd_ >= 0) {
    if (error_.empty()) flush_buffer();
    if (owned_ && ::close(fd_) != 0) fail("close failed on", errno);
    fd_ = -1;
  }
  return error_.empty();
}

}  // namespace zeroscan
