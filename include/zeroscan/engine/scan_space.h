// ScanSpace: the flat index space the permutation shuffles. Index i encodes
// (target, port, probe kind) as ((target_index * ports) + port_index) * kinds
// + kind_index, so probe kind is one more dimension of the one random order
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

struct ProbeTarget {
  Ipv4 ip;
  std::uint16_t port = 0;
  ProbeKind kind = ProbeKind::Syn;
};

class ScanSpace {
 public:
  ScanSpace(const TargetSet& targets, const PortSet& ports, std::vector<ProbeKind> kinds);

  std::uint64_t size() const { return size_; }
  const TargetSet& targets() const { return *targets_; }
  const PortSet& ports() const { return *ports_; }
  const std::vector<ProbeKind>& kinds() const { return kinds_; }

  ProbeTarget at(std::uint64_t index) const;
  // nullopt when the triple is not part of this scan (a forged or stray reply).
  std::optional<std::uint64_t> index_of(Ipv4 ip, std::uint16_t port, ProbeKind kind) const;

 private:
  const TargetSet* targets_;
  const PortSet* ports_;
  std::vector<ProbeKind> kinds_;
  std::int8_t kind_slot_[kProbeKindCount];  // ProbeKind -> position in kinds_, -1 if absent
  std::uint64_t size_;
};

}  // namespace zeroscan
