// The IPv6 half of a scan, as the composition root (cli/scan_command) opens
// it: the IPv6 cookie and templates (also for dry runs), and for a live
// scan where the probes go — ::1 through a raw IPv6 socket as 127.0.0.0/8
// goes, anything else through the route's Ethernet interface to the
// next-hop plan's MACs (net/ipv6_next_hop: routes, neighbours, NDP,
// --router-mac, the source address).
#pragma once

#include <optional>
#include <string>

#include "zeroscan/cli/scan_plan.h"
#include "zeroscan/engine/sender.h"
#include "zeroscan/net/ipv6_next_hop.h"

namespace zeroscan {

// Cookie and templates for the IPv6 targets; `probing` points into both
// (and into the next-hop plan), so a kit stays where it was built.
struct Ipv6Kit {
  std::optional<Ipv6Cookie> cookie;
  Ipv6ProbeTemplates templates;
  std::optional<Ipv6Probing> probing;
};

// Fills `kit` from the plan's options (hop limit = --ttl, `ts_val` as the
// IPv4 probes carry it) and `base` (addresses, MACs, Ethernet or not);
// `next_hop` may be nullptr (dry run, ::1). nullptr when the scan has no
// IPv6 target.
const Ipv6Probing* build_ipv6_kit(const ScanPlan& plan, Ipv6TemplateOptions base, std::uint32_t ts_val,
                                  const Ipv6NextHopPlan* next_hop, Ipv6Kit& kit);

struct Ipv6ScanSide {
  bool loopback = false;                  // ::1: RawIpSink(V6) on the loopback interface
  InterfaceInfo interface;                // where probes leave and replies are captured
  std::optional<Ipv6NextHopPlan> next_hop;  // not for ::1
  Ipv6Kit kit;
};

// A live scan's IPv6 side: the 2001:2::/48 guard, then the loopback or the
// next-hop plan, then the kit.
void open_ipv6_side(const ScanPlan& plan, std::uint32_t ts_val, Ipv6ScanSide& side);

// The capture filter for the IPv6 side's replies.
std::string ipv6_capture_filter(const Ipv6ScanSide& side);

// One line for -v: interface, source, next hop.
std::string describe(const Ipv6ScanSide& side);

}  // namespace zeroscan
