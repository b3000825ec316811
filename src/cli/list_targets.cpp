// -sL: print the scan's address list. Addresses come from the target set's
// merged ranges, so every address appears once, in ascending order (IPv4
// first, then IPv6).
#include "zeroscan/cli/list_targets.h"

#include <cstdint>

namespace zeroscan {

int list_targets(const TargetSet& targets, const Ipv6TargetSet& targets6, std::ostream& out, std::ostream& note) {
  std::uint64_t listed = 0;
  for (const Ipv4Range& range : targets.ranges()) {
    for (std::uint64_t value = range.first.value; value <= range.last.value && out; ++value) {
      out << Ipv4(std::uint32_t(value)).to_string() << '\n';
      ++listed;
    }
  }
  // IPv6 after IPv4, as the scan space orders them.
  for (std::uint64_t i = 0; i < targets6.size() && out; ++i, ++listed) out << targets6.at(i).to_string() << '\n';
  out.flush();
  if (!out) {
    note << "zeroscan: -sL: writing the list failed after " << listed << " address(es)\n";
    return 1;
  }
  note << "zeroscan: -sL: " << listed << " address(es) listed, none scanned\n";
  return 0;
}

}  // namespace zeroscan
