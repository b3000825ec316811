// libFuzzer target: resume files (--resume), and the options they rebuild.
#include "fuzz_support.h"
#include "zeroscan/cli/resume_file.h"
#include "zeroscan/core/errors.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace zeroscan;
  try {
    const ResumeState state = parse_resume_text(fuzz::text(data, size), "fuzz.resume");
    ScanOptions now;
    now.resume = "fuzz.resume";
    now.dry_run = true;
    const ScanOptions o = resumed_options(now, state);
    if (!o.dry_run) __builtin_trap();  // a dry run stays dry
  } catch (const Error&) {
  }
  return 0;
}
