// Outputs never clobber inputs (see output_checks.h).
#include "zeroscan/cli/output_checks.h"

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

}  // namespace

std::vector<NamedPath> output_files(const OutputPaths& p) {
  std::vector<NamedPath> out;
  auto add = [&out](const char* flag, const std::string& path) {
    if (!path.empty()) out.push_back({flag, path});
  };
  add("-oJ", p.json);
  add("-oN", p.normal);
  add("-oX", p.xml);
  add("-oG", p.grepable);
  add("-oC", p.csv);
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
    const int fd = ::open(p.path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NONBLOCK, 0644);
    if (fd < 0) throw UsageError("cannot write " + name(p) + ": " + std::strerror(errno));
    ::close(fd);
  }
}

ReplacedOutputs::ReplacedOutputs(OutputPaths& p) {
  for (std::string* path : {&p.json, &p.normal, &p.xml, &p.grepable, &p.csv}) {
    if (path->empty() || *path == "-") continue;
    struct stat st {};
    // Only regular files (or new ones) can be replaced by a rename; a FIFO
    // or device is written as it is.
    if (::stat(path->c_str(), &st) == 0 && !S_ISREG(st.st_mode)) continue;
    const std::string temporary = *path + ".zeroscan-" + std::to_string(::getpid()) + ".tmp";
    renames_.emplace_back(temporary, *path);
    *path = temporary;
  }
}

ReplacedOutputs::~ReplacedOutputs() {
  if (committed_) return;
  for (const auto& [temporary, real] : renames_) std::remove(temporary.c_str());
}

void ReplacedOutputs::commit() {
  for (const auto& [temporary, real] : renames_)
    if (std::rename(temporary.c_str(), real.c_str()) != 0)
      throw SystemError("cannot move the finished output to '" + quote_capped(real) + "': " +
                        std::strerror(errno));
  committed_ = true;
}

}  // namespace zeroscan
