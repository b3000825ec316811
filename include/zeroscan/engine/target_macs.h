// TargetMacs: per-target next-hop MACs for on-link targets (LAN sweeps, where
// every target answers for itself), or "use the template's MAC" (a gateway,
// loopback). Looked up on the send path, so a flat hash map.
#pragma once

#include <cstdint>
#include <unordered_map>

#include "zeroscan/core/ipv4.h"
#include "zeroscan/core/mac_address.h"

namespace zeroscan {

class TargetMacs {
 public:
  // Every target goes to the template's next hop.
  TargetMacs() = default;
  // On-link: each target has its own MAC; those missing never answered ARP.
  explicit TargetMacs(std::unordered_map<std::uint32_t, MacAddress> macs)
      : per_target_(true), macs_(std::move(macs)) {}

  bool per_target() const { return per_target_; }
  // nullptr: use the template's MAC. For per-target plans, nullptr together
  // with reachable()==false means: do not send.
  const MacAddress* lookup(Ipv4 ip) const {
    if (!per_target_) return nullptr;
    auto it = macs_.find(ip.value);
    return it == macs_.end() ? nullptr : &it->second;
  }
  bool reachable(Ipv4 ip) const { return !per_target_ || macs_.count(ip.value) != 0; }

 private:
  bool per_target_ = false;
  std::unordered_map<std::uint32_t, MacAddress> macs_;
};

}  // namespace zeroscan
