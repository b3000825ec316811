// libFuzzer target: the port knowledge base's text format.
#include "fuzz_support.h"
#include "zeroscan/core/errors.h"
#include "zeroscan/ports/port_data_format.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    zeroscan::ports::parse_port_records(zeroscan::fuzz::text(data, size), "fuzz");
  } catch (const zeroscan::Error&) {
  }
  return 0;
}
