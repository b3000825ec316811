// Loopback scans and Linux: a frame injected on lo through a packet socket
// takes the input path like any received frame, so Linux drops it unless
//  - net.ipv4.conf.{all,lo}.accept_local = 1 (its source is our own address), and
//  - net.ipv4.conf.{all,lo}.route_localnet = 1 when 127.0.0.0/8 is involved.
// Without them a loopback scan would report every port filtered, so
// plan_next_hop_on_host refuses such a plan at start-up with this advice.
#pragma once

#include <string>

#include "zeroscan/net/next_hop_plan.h"

namespace zeroscan {

struct LoopbackSysctls {
  bool accept_local = false;    // all || lo
  bool route_localnet = false;  // all || lo
};

// Reads /proc/sys/net/ipv4/conf/{all,<loopback>}/... of this network
// namespace; unreadable values count as off.
LoopbackSysctls read_loopback_sysctls(const std::string& loopback = "lo");

// Pure. "" when `plan` does not go through loopback or the sysctls allow
// it; otherwise the one-line problem and the command that fixes it.
std::string loopback_injection_problem(const NextHopPlan& plan, const LoopbackSysctls& sysctls);

}  // namespace zeroscan
