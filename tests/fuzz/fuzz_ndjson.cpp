// libFuzzer target: NDJSON shard outputs, as `zeroscan merge` reads them.
#include <sstream>

#include "fuzz_support.h"
#include "zeroscan/core/errors.h"
#include "zeroscan/output/record_reader.h"
#include "zeroscan/output/shard_merge.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace zeroscan;
  try {
    std::istringstream in{std::string(fuzz::text(data, size))};
    std::vector<NdjsonFile> files{read_ndjson(in, "fuzz.json", [](const PortRecord&) {})};
    plan_merge(files);
  } catch (const Error&) {
  }
  return 0;
}
