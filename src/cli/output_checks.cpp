// Outputs never clobber inputs (see output_checks.h).
#include "zeroscan/cli/output_checks.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "zeroscan/cli/number_checks.h"
#include "zeroscan/core/errors.h"

namespace zeroscan {

namespace {

struct FileId {
  dev_t device = 0;
  ino_t inode = 0;
  bool exists = false;
};

FileId file_id(const std::string& path) {
  struct stat st {};
  if (path == "-" || ::stat(path.c_str(), &st) != 0) return {};
  return FileId{st.st_dev, st.st_ino, true};
}

bool same_file(const NamedPath& a, const NamedPath& b) {
  if (a.path == b.path) return true;
  const FileId x = file_id(a.path), y = file_id(b.path);
  return x.exists && y.exists && x.device == y.device && x.inode == y.inode;
}

std::string name(const NamedPath& p) { return p.flag + " '" + quote_capped(p.path) + "'"; }

// Beside the real file (a rename never crosses file systems), named for
// this process so two runs never share one.
std::string temporary_path(const std::string& real) {
  return real + ".zeroscan-" + std::to_string(::getpid()) + ".tmp";
}

// Copies the file `from` to the new file `to` (same permission bits).
// Returns false with errno set when either cannot be opened or a read or
// write fails; `to` is then removed again.
bool copy_file(const std::string& from, const std::string& to) {
  const int in = ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
  if (in < 0) return false;
  struct stat st {};
  int out = -1;
  std::remove(to.c_str());  // a killed run's leftover under the same name
  bool ok = ::fstat(in, &st) == 0 &&
            (out = ::open(to.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, st.st_mode & 07777)) >= 0;
  char buffer[65536];
  while (ok) {
    const ssize_t n = ::read(in, buffer, sizeof buffer);
    if (n == 0) break;
    ok = n > 0;
    for (ssize_t done = 0; ok && done < n;) {
      const ssize_t wrote = ::write(out, buffer + done, std::size_t(n - done));
      ok = wrote > 0;
      done += wrote;
    }
  }
  // The mode argument of open() is masked by the umask; the copy keeps the
  // original's bits.
  if (ok) ok = ::fchmod(out, st.st_mode & 07777) == 0;
  const int error = errno;
  if (out >= 0 && ::close(out) != 0 && ok) ok = false;
  ::close(in);
  if (!ok && out >= 0) std::remove(to.c_str());
  errno = error;
  return ok;
}

}  // namespace

std::vector<NamedPath> output_files(const OutputPaths& p) {
  std::vector<NamedPath> out;
  auto add = [&out](const char* flag, const std::string& path, bool appended) {
    if (!path.empty()) out.push_back({flag, path, appended});
  };
  add("-oJ", p.json, p.resume);
  add("-oN", p.normal, p.resume);
  add("-oX", p.xml, false);  // a resumed scan writes a new document (written_paths)
  add("-oG", p.grepable, p.resume);
  add("-oC", p.csv, false);
  return out;
}

void refuse_clobbering(const std::vector<NamedPath>& outputs, const std::vector<NamedPath>& inputs) {
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    for (std::size_t j = i + 1; j < outputs.size(); ++j) {
      if (outputs[i].path == "-" && outputs[j].path == "-")
        throw UsageError("only one output format can go to stdout ('-')");
      if (same_file(outputs[i], outputs[j]))
        throw UsageError(name(outputs[i]) + " and " + name(outputs[j]) + " are one file: give each its own");
    }
    if (outputs[i].path == "-") continue;
    for (const NamedPath& input : inputs)
      if (input.path != "-" && same_file(outputs[i], input))
        throw UsageError(name(outputs[i]) + " is also an input (" + name(input) +
                         "): writing it would destroy what is being read");
  }
}

void check_outputs_open(const std::vector<NamedPath>& outputs) {
  for (const NamedPath& p : outputs) {
    if (p.path == "-") continue;
    struct stat st {};
    const bool exists = ::stat(p.path.c_str(), &st) == 0;
    int fd;
    std::string created;  // a file this check made, removed again
    if (exists && !S_ISREG(st.st_mode)) {
      // A FIFO or device: opened in place, never truncated.
      fd = ::open(p.path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC | O_NONBLOCK);
    } else {
      // Replaced or appended: what the scan needs is its temporary file
      // beside the target, and for an append the lines it continues.
      if (p.appended && exists) {
        const int readable = ::open(p.path.c_str(), O_RDONLY | O_CLOEXEC);
        if (readable < 0) throw UsageError("cannot read " + name(p) + " to append to it: " + std::strerror(errno));
        ::close(readable);
      }
      created = temporary_path(p.path);
      fd = ::open(created.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    }
    if (fd < 0) throw UsageError("cannot write " + name(p) + ": " + std::strerror(errno));
    ::close(fd);
    if (!created.empty()) std::remove(created.c_str());
  }
}

std::string directory_of(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
}

ReplacedOutputs::ReplacedOutputs(OutputPaths& written) { redirect(written); }

void ReplacedOutputs::redirect(OutputPaths& p) {
  for (std::string* line_format : {&p.json, &p.normal, &p.grepable})
    if (!line_format->empty()) *line_format = p.resume ? continued(*line_format) : aside(*line_format);
  for (std::string* document : {&p.xml, &p.csv})
    if (!document->empty()) *document = aside(*document);
}

std::string ReplacedOutputs::aside(const std::string& real) {
  if (real == "-") return real;
  struct stat st {};
  // Only regular files (or new ones) can be replaced by a rename; a FIFO
  // or device is written as it is.
  if (::stat(real.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) return real;
  std::string temporary = temporary_path(real);
  renames_.emplace_back(temporary, real);
  return temporary;
}

std::string ReplacedOutputs::continued(const std::string& real) {
  struct stat st {};
  if (real == "-" || ::stat(real.c_str(), &st) != 0) return aside(real);  // nothing to continue yet
  if (!S_ISREG(st.st_mode)) return real;
  std::string temporary = temporary_path(real);
  if (!copy_file(real, temporary))
    throw SystemError("cannot copy '" + quote_capped(real) + "' to append to it (" + std::strerror(errno) + ")");
  renames_.emplace_back(temporary, real);
  return temporary;
}

std::vector<std::string> ReplacedOutputs::directories() const {
  std::vector<std::string> dirs;
  for (const auto& [temporary, real] : renames_) {
    std::string dir = directory_of(real);
    if (std::find(dirs.begin(), dirs.end(), dir) == dirs.end()) dirs.push_back(std::move(dir));
  }
  return dirs;
}

std::vector<std::string> ReplacedOutputs::temporary_files() const {
  std::vector<std::string> files;
  for (const auto& [temporary, real] : renames_) files.push_back(temporary);
  return files;
}

std::vector<std::string> ReplacedOutputs::real_files() const {
  std::vector<std::string> files;
  for (const auto& [temporary, real] : renames_) files.push_back(real);
  return files;
}

ReplacedOutputs::~ReplacedOutputs() {
  if (committed_) return;
  for (const auto& [temporary, real] : renames_) std::remove(temporary.c_str());
}

void ReplacedOutputs::commit() {
  // A rename that fails leaves its finished file where it is (never lost)
  // and says where; the others still move.
  std::string failures;
  for (const auto& [temporary, real] : renames_)
    if (std::rename(temporary.c_str(), real.c_str()) != 0)
      failures += std::string(failures.empty() ? "" : "; ") + "cannot move the finished output to '" +
                  quote_capped(real) + "' (" + std::strerror(errno) + "): it is in '" + quote_capped(temporary, 4096) +
                  "'";
  committed_ = true;
  if (!failures.empty()) throw SystemError(failures);
}

}  // namespace zeroscan
