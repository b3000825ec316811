// ICMPv6 errors → filtered, and the names of destination-unreachable codes.
#include "zeroscan/classify/icmpv6_error.h"

namespace zeroscan {

namespace {
constexpr std::uint8_t kIcmpv6DestinationUnreachable = 1;
}  // namespace

std::optional<Classification> classify_icmpv6_error(const IcmpFields& icmp) {
  if (icmp.type == kIcmpv6DestinationUnreachable)
    return Classification{PortState::Filtered, StateReason::IcmpUnreachable};
  return std::nullopt;
}

std::string_view icmpv6_unreachable_reason(std::uint8_t code) {
  switch (code) {
    case 0: return "no-route";
    case 1: return "admin-prohibited";
    case 2: return "beyond-scope";
    case 3: return "addr-unreach";
    case 4: return "port-unreach";
    case 5: return "source-policy";
    case 6: return "reject-route";
    case 7: return "source-route-error";
    case 8: return "headers-too-long";
    default: return "icmp-unreach";
  }
}

}  // namespace zeroscan
