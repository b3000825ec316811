// Opening the IPv6 half of a scan: guard, next hop, cookie and templates.
#include "zeroscan/cli/ipv6_scan_side.h"

#include "zeroscan/core/errors.h"
#include "zeroscan/net/ipv6_benchmark_range_guard.h"
#include "zeroscan/net/ipv6_route.h"
#include "zeroscan/net/raw_ip_sink.h"

namespace zeroscan {

namespace {

// The loopback interface (-e must name it, if given).
InterfaceInfo loopback_interface(const std::string& named) {
  for (const InterfaceInfo& info : read_interfaces())
    if (info.is_loopback && (named.empty() || info.name == named)) return info;
  throw UsageError(named.empty() ? "no loopback interface to scan ::1 on"
                                 : "-e " + named + " is not the loopback interface ::1 is on");
}

}  // namespace

const Ipv6Probing* build_ipv6_kit(const ScanPlan& plan, Ipv6TemplateOptions base, std::uint32_t ts_val,
                                  const Ipv6NextHopPlan* next_hop, Ipv6Kit& kit) {
  if (plan.inputs.targets6.empty()) return nullptr;
  const ScanOptions& o = plan.options;
  base.hop_limit = std::uint8_t(o.ttl);
  base.ts_val = ts_val;
  kit.cookie.emplace(plan.inputs.cookie_key, base.src_ip, plan.inputs.source_ports, std::uint8_t(o.retries + 1));
  for (ProbeKind kind : {ProbeKind::Syn, ProbeKind::Ack, ProbeKind::Echo}) kit.templates[int(kind)].emplace(kind, base);
  kit.probing.emplace(Ipv6Probing{*kit.cookie, kit.templates, next_hop});
  return &*kit.probing;
}

void open_ipv6_side(const ScanPlan& plan, std::uint32_t ts_val, Ipv6ScanSide& side) {
  const ScanInputs& in = plan.inputs;
  refuse_ipv6_benchmark_range_via_default_route(read_ipv6_routes(), in.target_ranges6);
  Ipv6TemplateOptions base;
  if (sends_ipv6_through_raw_ip(in.target_ranges6)) {
    side.loopback = true;
    side.interface = loopback_interface(plan.options.interface);
    base.ethernet = side.interface.has_link_layer;  // lo: an Ethernet header, zero MACs
    base.src_ip = plan.source_ip6.value_or(Ipv6(0, 1));
    build_ipv6_kit(plan, base, ts_val, nullptr, side.kit);
    return;
  }
  side.next_hop.emplace(plan_ipv6_next_hop_on_host(
      in.target_ranges6, Ipv6NextHopOverrides{plan.options.interface, plan.source_ip6, plan.overrides.router_mac}));
  side.interface = side.next_hop->interface;
  base.src_mac = side.interface.mac;
  if (side.next_hop->gateway_mac) base.dst_mac = *side.next_hop->gateway_mac;
  base.src_ip = side.next_hop->source;
  build_ipv6_kit(plan, base, ts_val, &*side.next_hop, side.kit);
}

std::string ipv6_capture_filter(const Ipv6ScanSide& side) {
  std::string filter = "dst host " + side.kit.cookie->source().to_string() + " and (tcp or icmp6)";
  // On lo the capture sees our own probes (::1 to ::1) too: a bare SYN or
  // ACK or an echo request is never a reply. libpcap cannot index tcp[] or
  // icmp6[] over IPv6; our probes carry no extension header, so their TCP
  // flags are ip6[53] and their ICMPv6 type ip6[40].
  if (side.loopback)
    filter += " and not (ip6[6] == 6 and (ip6[53] == 2 or ip6[53] == 16)) and not (ip6[6] == 58 and ip6[40] == 128)";
  return filter;
}

std::string describe(const Ipv6ScanSide& side) {
  std::string text = "IPv6 via " + side.interface.name + " from " + side.kit.cookie->source().to_string();
  if (side.loopback) return text + ", raw IPv6 socket (this machine)";
  const Ipv6NextHopPlan& hop = *side.next_hop;
  if (hop.gateway_mac) text += ", routed targets to " + hop.gateway_mac->to_string();
  if (!hop.on_link.empty())
    text += ", on-link targets by NDP (" + std::to_string(hop.on_link_macs.size()) + " answered, " +
            std::to_string(hop.unreachable) + " did not)";
  return text;
}

}  // namespace zeroscan
