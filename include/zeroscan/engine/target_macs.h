// TargetMacs: the send path's view of the next-hop plan — which MAC goes in
// a probe's Ethernet header, and whether the target may be probed at all
// (an on-link target that never answered ARP may not). Without a plan
// (tests, dry runs) every probe keeps its template's MAC.
#pragma once

#include "zeroscan/core/ipv4.h"
#include "zeroscan/core/mac_address.h"
#include "zeroscan/net/next_hop_plan.h"

namespace zeroscan {

class TargetMacs {
 public:
  TargetMacs() = default;
  explicit TargetMacs(const NextHopPlan& plan) : plan_(&plan) {}

  // nullptr: keep the template's MAC (or: do not send, see reachable()).
  const MacAddress* lookup(Ipv4 ip) const {
    return plan_ && plan_->link_layer ? plan_->next_hop_mac(ip) : nullptr;
  }
  bool reachable(Ipv4 ip) const {
    return !plan_ || !plan_->link_layer || plan_->next_hop_mac(ip) != nullptr;
  }

 private:
  const NextHopPlan* plan_ = nullptr;
};

}  // namespace zeroscan
