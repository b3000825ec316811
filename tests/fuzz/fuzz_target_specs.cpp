// libFuzzer target: target files (-iL) and comma lists (--exclude), IPv4
// only and mixed with IPv6 (the first byte picks -6 and --huge-ipv6-sweep),
// and the IPv6 target set built from what parsed. Names resolve through
// fake resolvers: fuzzing never sends a DNS query.
#include <sstream>

#include "fuzz_support.h"
#include "zeroscan/core/errors.h"
#include "zeroscan/targets/ipv6_target_set.h"
#include "zeroscan/targets/mixed_targets.h"
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
  TargetParsing mixed;
  mixed.resolve = fake;
  mixed.resolve6 = [](const std::string& name) -> std::vector<Ipv6> {
    if (name.size() % 2 == 0) return {};
    return {Ipv6(0x2001000200000000ULL, name.size()), Ipv6(0x2001000200000000ULL, 7)};
  };
  mixed.ipv6_names = size > 0 && (data[0] & 1);
  mixed.huge = size > 0 && (data[0] & 2) ? HugeIpv6Sweep::Allow : HugeIpv6Sweep::Refuse;
  try {
    std::istringstream in{std::string(input)};
    const TargetRanges ranges = parse_mixed_target_stream(in, "fuzz", mixed);
    const Ipv6TargetSet set(ranges.v6, {});
    if (!set.empty()) set.at(set.size() - 1);
  } catch (const Error&) {
  }
  try {
    parse_mixed_target_list(input, mixed);
  } catch (const Error&) {
  }
  return 0;
}
