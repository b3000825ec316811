// ScanSpace: the flat index space the permutation shuffles. Every target
// gets the same list of probe slots, a slot being one (port, probe kind):
// the ports x kinds of -p/-sS/-sA, plus extra slots such as -sZ's SYN and
// ACK to port 0. Index i encodes (target, slot) as target_index * slots +
// slot_index, so probe kind is one more dimension of the one random order
// and a single rate limiter covers every kind.
//
// A mixed scan has one host index space: the IPv4 hosts [0, n4), then the
// IPv6 hosts [n4, n4 + n6), so the permutation, shards and resume files
// work over both families unchanged.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "zeroscan/core/ip_address.h"
#include "zeroscan/core/ipv4.h"
#include "zeroscan/core/ipv6.h"
#include "zeroscan/core/probe_kind.h"
#include "zeroscan/targets/ipv6_target_set.h"
#include "zeroscan/targets/port_set.h"
#include "zeroscan/targets/target_set.h"

namespace zeroscan {

struct ProbeSlot {
  std::uint16_t port = 0;
  ProbeKind kind = ProbeKind::Syn;
};

struct ProbeTarget {
  ProbeTarget() = default;
  ProbeTarget(Ipv4 address, std::uint16_t to_port, ProbeKind probe) : ip(address), port(to_port), kind(probe) {}
  ProbeTarget(Ipv6 address, std::uint16_t to_port, ProbeKind probe)
      : port(to_port), kind(probe), v6(true), ip6(address) {}

  // The target's address in whichever family it has.
  IpAddress address() const { return v6 ? IpAddress(ip6) : IpAddress(ip); }

  Ipv4 ip;      // when !v6
  std::uint16_t port = 0;
  ProbeKind kind = ProbeKind::Syn;
  bool v6 = false;
  Ipv6 ip6;     // when v6
};

class ScanSpace {
 public:
  // Slots: every port x every kind (port-major), then `extra` slots not
  // already among them.
  ScanSpace(const TargetSet& targets, const PortSet& ports, std::vector<ProbeKind> kinds,
            const std::vector<ProbeSlot>& extra = {});
  // A mixed scan: `targets6` follows the IPv4 hosts in the index space.
  ScanSpace(const TargetSet& targets, const Ipv6TargetSet& targets6, const PortSet& ports,
            std::vector<ProbeKind> kinds, const std::vector<ProbeSlot>& extra = {});

  std::uint64_t size() const { return size_; }
  const TargetSet& targets() const { return *targets_; }
  bool has_host(Ipv4 ip) const { return targets_->contains(ip); }
  bool has_host(Ipv6 ip) const { return targets6_ && targets6_->contains(ip); }
  std::uint64_t hosts() const { return hosts_; }             // IPv4 + IPv6
  const PortSet& ports() const { return *ports_; }
  const std::vector<ProbeKind>& kinds() const { return kinds_; }
  const std::vector<ProbeSlot>& slots() const { return slots_; }

  ProbeTarget at(std::uint64_t index) const {
    const ProbeSlot& slot = slots_[index % slots_.size()];
    const std::uint64_t host = index / slots_.size();
    const std::uint64_t v4_hosts = targets_->size();
    if (host < v4_hosts) return ProbeTarget{targets_->at(host), slot.port, slot.kind};
    return ProbeTarget{targets6_->at(host - v4_hosts), slot.port, slot.kind};
  }
  // nullopt when the triple is not part of this scan (a forged or stray reply).
  std::optional<std::uint64_t> index_of(Ipv4 ip, std::uint16_t port, ProbeKind kind) const;
  std::optional<std::uint64_t> index_of(Ipv6 ip, std::uint16_t port, ProbeKind kind) const;

 private:
  ScanSpace(const TargetSet& targets, const PortSet& ports, std::vector<ProbeKind> kinds,
            const std::vector<ProbeSlot>& extra, const Ipv6TargetSet* targets6);

  const TargetSet* targets_;
  const Ipv6TargetSet* targets6_ = nullptr;
  std::uint64_t hosts_ = 0;
  const PortSet* ports_;
  std::vector<ProbeKind> kinds_;
  std::vector<ProbeSlot> slots_;
  // (port, kind) -> slot index, -1 when absent: 2 x 65536 entries.
  std::vector<std::int32_t> slot_of_;
  std::uint64_t size_;
};

}  // namespace zeroscan
