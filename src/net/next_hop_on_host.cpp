// The I/O edge of next-hop planning: reads this machine's tables over
// netlink and resolves MACs with real ARP, then hands both to the pure
// plan_next_hop; checks that a loopback plan can actually work.
#include "zeroscan/core/errors.h"
#include "zeroscan/net/loopback_injection.h"
#include "zeroscan/net/next_hop_plan.h"
#include "zeroscan/net/raw_ip_sink.h"

namespace zeroscan {

NetworkTables read_network_tables() {
  NetworkTables tables;
  tables.routes = read_routes();
  tables.interfaces = read_interfaces();
  tables.neighbours = read_neighbours();
  return tables;
}

NextHopPlan plan_next_hop_on_host(const std::vector<AddressRange>& targets, const NextHopOverrides& overrides,
                                  const ArpSettings& arp, const PlanLimits& limits) {
  MacResolver resolve = [&arp](const InterfaceInfo& iface, const std::vector<Ipv4>& addresses) {
    return arp_resolve(iface, addresses, arp.attempts, arp.timeout_ms);
  };
  NextHopPlan plan = plan_next_hop(targets, overrides, read_network_tables(), resolve, limits);
  // Fail now rather than report every loopback port filtered. 127.0.0.0/8
  // goes through the IP layer (RawIpSink), which the sysctls do not gate.
  if (sends_through_raw_ip(plan)) return plan;
  std::string problem = loopback_injection_problem(plan, read_loopback_sysctls(plan.interface.name));
  if (!problem.empty()) throw SystemError(problem);
  return plan;
}

}  // namespace zeroscan
