// Outputs never clobber inputs: the checks every command that writes files
// (scan, dry run, merge, analyze) makes before it opens anything, and the
// dry run's "would these open?" check.
#pragma once

#include <string>
#include <vector>

#include "zeroscan/output/output_set.h"

namespace zeroscan {

// A file a command reads or writes, with the flag that named it (for the
// message).
struct NamedPath {
  std::string flag;  // "-oJ", "-iL", "--pcap", "input"
  std::string path;  // "-" is stdout/stdin
  bool appended = false;  // an output --append-output continues (its lines are kept)
};

// Every file the outputs of `paths` (after written_paths) write; with
// `resume`, the line formats are marked appended.
std::vector<NamedPath> output_files(const OutputPaths& written);

// Throws UsageError when two outputs go to stdout, two outputs are one file
// (same path or same inode), or an output is one of `inputs` (same inode):
// writing it would destroy what is being read.
void refuse_clobbering(const std::vector<NamedPath>& outputs, const std::vector<NamedPath>& inputs);

// The dry run's check: would each output open the way a scan opens it?
// A replaced or appended output needs a temporary file beside it (created
// and removed again), an appended one also that the file it continues can
// be read; a FIFO or device is opened in place without truncating. Leaves
// no file behind that was not there. Throws UsageError naming the flag and
// path.
void check_outputs_open(const std::vector<NamedPath>& outputs);

// The directory holding `path` ("." for a bare name).
std::string directory_of(const std::string& path);

// Writes go to a temporary file beside the target, renamed into place by
// commit(): an output that is an input (or a run that fails half-way)
// never leaves a destroyed file behind. An appended output (--append-output)
// is a copy of the file, appended to and renamed alike, so a failed run
// leaves the earlier lines exactly as they were. "-", FIFOs and devices are
// written directly.
class ReplacedOutputs {
 public:
  ReplacedOutputs() = default;
  // redirect(written) at once.
  explicit ReplacedOutputs(OutputPaths& written);
  // The temporary paths replace the real ones in `written` (after
  // written_paths): continued() for the line formats of a resumed scan,
  // aside() for the rest.
  void redirect(OutputPaths& written);
  ~ReplacedOutputs();  // removes the temporary files unless committed
  ReplacedOutputs(const ReplacedOutputs&) = delete;
  ReplacedOutputs& operator=(const ReplacedOutputs&) = delete;
  // The path to write instead of `real`: "REAL.zeroscan-PID.tmp" in the same
  // directory, or `real` itself for "-" and files that are not regular.
  std::string aside(const std::string& real);
  // The same for an output that continues `real`: the temporary file starts
  // as a copy of it (with its permission bits; empty when there is no
  // `real`). Throws SystemError when it cannot be copied.
  std::string continued(const std::string& real);
  // Where commit() renames: each temporary file's directory, once.
  std::vector<std::string> directories() const;
  // The temporary files, for handing them over when root is given up.
  std::vector<std::string> temporary_files() const;
  // The real paths they replace.
  std::vector<std::string> real_files() const;
  // Renames every temporary file to its real path. Throws SystemError
  // naming each one that could not move and where its file stays.
  void commit();

 private:
  std::vector<std::pair<std::string, std::string>> renames_;  // temporary -> real
  bool committed_ = false;
};

}  // namespace zeroscan
