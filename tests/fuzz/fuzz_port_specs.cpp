// libFuzzer target: port specs (-p), e.g. "T:22,80-90,-1024".
#include "fuzz_support.h"
#include "zeroscan/core/errors.h"
#include "zeroscan/targets/port_set.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const zeroscan::PortSet ports = zeroscan::PortSet::parse(zeroscan::fuzz::text(data, size));
    if (ports.empty()) __builtin_trap();  // parse promises at least one port
  } catch (const zeroscan::Error&) {
  }
  return 0;
}
