// ScanSpace: the flat index space the permutation shuffles. Every target
// gets the same list of probe slots, a slot being one (port, probe kind):
// the ports x kinds of -p/-sS/-sA, plus extra slots such as -sZ's SYN and
// ACK to port 0. Index i encodes (target, slot) as target_index * slots +
// slot_index, so probe kind is one more dimension of the one random order
// and a single rate limiter covers every kind.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "zeroscan/core/ipv4.h"
#include "zeroscan/core/probe_kind.h"
#include "zeroscan/targets/port_set.h"
#include "zeroscan/targets/target_set.h"

namespace zeroscan {

struct ProbeSlot {
  std::uint16_t port = 0;
  ProbeKind kind = ProbeKind::Syn;
};

struct ProbeTarget {
  Ipv4 ip;
  std::uint16_t port = 0;
  ProbeKind kind = ProbeKind::Syn;
};

class ScanSpace {
 public:
  // Slots: every port x every kind (port-major), then `extra` slots not
  // already among them.
  ScanSpace(const TargetSet& targets, const PortSet& ports, std::vector<ProbeKind> kinds,
            const std::vector<ProbeSlot>& extra = {});

  std::uint64_t size() const { return size_; }
  const TargetSet& targets() const { return *targets_; }
  const PortSet& ports() const { return *ports_; }
  const std::vector<ProbeKind>& kinds() const { return kinds_; }
  const std::vector<ProbeSlot>& slots() const { return slots_; }

  ProbeTarget at(std::uint64_t index) const {
    const ProbeSlot& slot = slots_[index % slots_.size()];
    return ProbeTarget{targets_->at(index / slots_.size()), slot.port, slot.kind};
  }
  // nullopt when the triple is not part of this scan (a forged or stray reply).
  std::optional<std::uint64_t> index_of(Ipv4 ip, std::uint16_t port, ProbeKind kind) const;

 private:
  const TargetSet* targets_;
  const PortSet* ports_;
  std::vector<ProbeKind> kinds_;
  std::vector<ProbeSlot> slots_;
  // (port, kind) -> slot index, -1 when absent: 2 x 65536 entries.
  std::vector<std::int32_t> slot_of_;
  std::uint64_t size_;
};

}  // namespace zeroscan
