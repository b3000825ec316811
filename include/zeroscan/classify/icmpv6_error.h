// ICMPv6 errors (RFC 4443) in the port-state tables. IPv6 numbers its
// types and codes differently from ICMP: type 1 is destination unreachable
// (ICMP's 3), type 3 time exceeded (ICMP's 11), and code 1 is "administra-
// tively prohibited" where ICMP's code 1 is "host unreachable" — so an
// IPv6 reply must never reach the IPv4 tables, and the reason names differ.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "zeroscan/classify/classify.h"
#include "zeroscan/parse/reply.h"

namespace zeroscan {

// Destination unreachable, any code: something between us and the port
// refused to deliver (a router without a route, a firewall, the host's own
// stack for port unreachable) → filtered, reason icmp-unreach with the code
// kept. Packet too big, time exceeded and parameter problem say nothing
// about the port: nullopt, counted as inconclusive like IPv4's.
std::optional<Classification> classify_icmpv6_error(const IcmpFields& icmp);

// The report name of a destination-unreachable code, in nmap's reason
// vocabulary where it has one: 0 "no-route", 1 "admin-prohibited",
// 2 "beyond-scope", 3 "addr-unreach", 4 "port-unreach", 5 "source-policy"
// (RFC 4443: source address failed ingress/egress policy), 6 "reject-route",
// 7 "source-route-error" (RFC 6550), 8 "headers-too-long" (RFC 8883);
// any other code is "icmp-unreach".
std::string_view icmpv6_unreachable_reason(std::uint8_t code);

}  // namespace zeroscan
