// nmap-style reason names and wall-clock text for the report formats.
#include "zeroscan/output/port_reason.h"

#include <ctime>

#include "zeroscan/classify/icmpv6_error.h"

namespace zeroscan {

namespace {

// ICMP destination-unreachable codes with a name of their own in nmap's
// reason vocabulary; other codes stay "icmp-unreach".
const char* unreach_code_name(std::uint8_t code) {
  switch (code) {
    case 0: return "net-unreach";
    case 1: return "host-unreach";
    case 2: return "proto-unreach";
    case 3: return "port-unreach";
    case 9: return "net-prohibited";
    case 10: return "host-prohibited";
    case 13: return "admin-prohibited";
    default: return nullptr;
  }
}

// The reason name of an unreachable code in the address's own family's
// numbering (ICMPv6's code 1 is admin-prohibited, ICMP's host-unreach).
std::string_view unreach_reason(IpAddress family, std::uint8_t code) {
  if (family.is_v6()) return icmpv6_unreachable_reason(code);
  const char* name = unreach_code_name(code);
  return name ? std::string_view(name) : to_string(StateReason::IcmpUnreachable);
}

// Codes that may have a name of their own, either family (ICMPv6 names
// stop at 8).
constexpr int kNamedCodes = 16;

}  // namespace

std::string_view report_reason(const PortEntry& e) {
  if (e.reason == StateReason::IcmpUnreachable && e.has_icmp) return unreach_reason(e.ip, e.icmp_code);
  return to_string(e.reason);
}

std::string_view report_reason(const HostUpRecord& r) {
  if (r.reason == StateReason::IcmpUnreachable && r.icmp_code) return unreach_reason(r.ip, *r.icmp_code);
  return to_string(r.reason);
}

std::optional<std::uint8_t> unreach_code_of(std::string_view text, IpAddress family) {
  if (text == to_string(StateReason::IcmpUnreachable)) return std::nullopt;
  for (int code = 0; code < kNamedCodes; ++code)
    if (text == unreach_reason(family, std::uint8_t(code))) return std::uint8_t(code);
  return std::nullopt;
}

std::optional<StateReason> reason_from_report(std::string_view text) {
  for (IpAddress family : {IpAddress(Ipv4()), IpAddress(Ipv6())})
    if (unreach_code_of(text, family)) return StateReason::IcmpUnreachable;
  for (StateReason r : {StateReason::SynAck, StateReason::Rst, StateReason::IcmpUnreachable,
                        StateReason::NoResponse, StateReason::ArpTimeout, StateReason::EchoReply,
                        StateReason::ArpResponse, StateReason::NdTimeout, StateReason::NdResponse,
                        StateReason::None})
    if (text == to_string(r)) return r;
  return std::nullopt;
}

std::optional<PortState> state_from_text(std::string_view text) {
  for (PortState s : {PortState::Open, PortState::Closed, PortState::Filtered,
                      PortState::Unfiltered, PortState::Unknown})
    if (text == to_string(s)) return s;
  return std::nullopt;
}

std::string wall_time_text(std::int64_t unix_seconds) {
  const std::time_t t = std::time_t(unix_seconds);
  std::tm local{};
  localtime_r(&t, &local);
  char text[64];
  if (std::strftime(text, sizeof text, "%a %b %e %H:%M:%S %Y", &local) == 0) return {};
  return text;
}

}  // namespace zeroscan
