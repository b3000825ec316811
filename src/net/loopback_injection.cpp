// The loopback sysctl check: reading the two settings, and deciding whether
// a loopback plan can work with them.
#include "zeroscan/net/loopback_injection.h"

#include <fstream>

namespace zeroscan {

namespace {

bool sysctl_on(const std::string& path) {
  std::ifstream file(path);
  int value = 0;
  return (file >> value) && value != 0;
}

bool in_127(Ipv4 address) { return (address.value >> 24) == 127; }

}  // namespace

LoopbackSysctls read_loopback_sysctls(const std::string& loopback) {
  const std::string base = "/proc/sys/net/ipv4/conf/";
  LoopbackSysctls sysctls;
  sysctls.accept_local = sysctl_on(base + "all/accept_local") || sysctl_on(base + loopback + "/accept_local");
  sysctls.route_localnet = sysctl_on(base + "all/route_localnet") || sysctl_on(base + loopback + "/route_localnet");
  return sysctls;
}

std::string loopback_injection_problem(const NextHopPlan& plan, const LoopbackSysctls& sysctls) {
  if (!plan.interface.is_loopback) return {};
  bool touches_127 = in_127(plan.source);
  for (const NextHopSegment& segment : plan.segments) {
    // A segment overlaps 127.0.0.0/8 unless it ends before it or starts after it.
    if (!(segment.last.value < 0x7F000000u || segment.first.value > 0x7FFFFFFFu)) touches_127 = true;
  }
  bool need_localnet = touches_127 && !sysctls.route_localnet;
  if (sysctls.accept_local && !need_localnet) return {};
  const std::string name = plan.interface.name;
  std::string settings = "net.ipv4.conf." + name + ".accept_local=1";
  if (touches_127) settings += " net.ipv4.conf." + name + ".route_localnet=1";
  return "Linux drops raw frames injected on " + name +
         " from a local source (or within 127.0.0.0/8) unless `sysctl -w " + settings +
         "`; set that in this network namespace, or scan through another interface";
}

}  // namespace zeroscan
