// Reasons as the nmap-compatible formats (XML, grepable) spell them. Our
// StateReason keeps every ICMP unreachable as "icmp-unreach" plus a code;
// nmap names the code ("port-unreach", "admin-prohibited", ...), and we do
// too, so ndiff against nmap's own XML lines up. The code is read in the
// record's own family's numbering: an IPv6 record's codes are ICMPv6's
// (classify/icmpv6_error.h: 1 "admin-prohibited", 4 "port-unreach", ...).
// reason_from_report maps either spelling back (used by tests and readers
// of these formats).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "zeroscan/core/port_state.h"
#include "zeroscan/output/host_port_table.h"

namespace zeroscan {

// Static text: no allocation (the reports call it once per listed port).
std::string_view report_reason(const PortEntry& entry);
// The same for a host found up (-sn): "echo-reply", "port-unreach", ...
std::string_view report_reason(const HostUpRecord& record);
// "port-unreach" -> IcmpUnreachable, "syn-ack" -> SynAck, ...; nullopt when unknown.
std::optional<StateReason> reason_from_report(std::string_view text);
// "port-unreach" -> 3 for an IPv4 `family`, 4 for IPv6; nullopt for other
// text ("icmp-unreach" names no code).
std::optional<std::uint8_t> unreach_code_of(std::string_view text, IpAddress family);
std::optional<PortState> state_from_text(std::string_view text);

// "Thu Nov 21 20:15:48 2026" in local time, as nmap's startstr/timestr.
std::string wall_time_text(std::int64_t unix_seconds);

}  // namespace zeroscan
