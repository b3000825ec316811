// libFuzzer target: target files (-iL) and comma lists (--exclude). Names
// resolve through a fake resolver: fuzzing never sends a DNS query.
#include <sstream>

#include "fuzz_support.h"
#include "zeroscan/core/errors.h"
#include "zeroscan/targets/target_file.h"
#include "zeroscan/targets/target_spec.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace zeroscan;
  const HostResolver fake = [](const std::string& name) -> std::vector<Ipv4> {
    if (name.size() % 3 == 0) return {};
    if (name.size() % 3 == 1) throw SystemError("no DNS in fuzzing");
    return {Ipv4::from_octets(198, 18, 0, std::uint8_t(name.size()))};
  };
  const std::string_view input = fuzz::text(data, size);
  try {
    std::istringstream in{std::string(input)};
    parse_target_stream(in, "fuzz", fake);
  } catch (const Error&) {
  }
  try {
    parse_target_list(input, fake);
  } catch (const Error&) {
  }
  return 0;
}
