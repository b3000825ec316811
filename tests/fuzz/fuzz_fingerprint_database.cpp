// libFuzzer target: fingerprint database lines (fingerprints/*.txt, --db).
#include "fuzz_support.h"
#include "zeroscan/core/errors.h"
#include "zeroscan/fingerprint/database.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    zeroscan::fingerprint::parse_database(zeroscan::fuzz::text(data, size), "fuzz");
  } catch (const zeroscan::Error&) {
  }
  return 0;
}
