// Index <-> (target, port, kind) arithmetic for the permutation's space.
#include "zeroscan/engine/scan_space.h"

#include "zeroscan/core/errors.h"

namespace zeroscan {

namespace {
std::size_t slot_key(std::uint16_t port, ProbeKind kind) { return std::size_t(kind) * 65536 + port; }
}  // namespace

ScanSpace::ScanSpace(const TargetSet& targets, const PortSet& ports, std::vector<ProbeKind> kinds,
                     const std::vector<ProbeSlot>& extra)
    : ScanSpace(targets, ports, std::move(kinds), extra, nullptr) {}

ScanSpace::ScanSpace(const TargetSet& targets, const Ipv6TargetSet& targets6, const PortSet& ports,
                     std::vector<ProbeKind> kinds, const std::vector<ProbeSlot>& extra)
    : ScanSpace(targets, ports, std::move(kinds), extra, &targets6) {}

ScanSpace::ScanSpace(const TargetSet& targets, const PortSet& ports, std::vector<ProbeKind> kinds,
                     const std::vector<ProbeSlot>& extra, const Ipv6TargetSet* targets6)
    : targets_(&targets),
      targets6_(targets6),
      hosts_(targets.size() + (targets6 ? targets6->size() : 0)),
      ports_(&ports),
      kinds_(std::move(kinds)),
      slot_of_(kProbeKindCount * 65536, -1) {
  auto add = [this](ProbeSlot slot) {
    std::int32_t& entry = slot_of_[slot_key(slot.port, slot.kind)];
    if (entry >= 0) return;
    entry = std::int32_t(slots_.size());
    slots_.push_back(slot);
  };
  for (std::uint16_t port : ports.ports())
    for (ProbeKind kind : kinds_) add({port, kind});
  for (const ProbeSlot& slot : extra) add(slot);
  if (slots_.empty()) throw UsageError("nothing to probe: no ports and no extra probes");
  constexpr std::uint64_t kMaxProbes = std::uint64_t{1} << 50;  // below, targets x slots cannot overflow
  // Both sets hold below 2^64 addresses each; their sum may not, so test
  // them one at a time before adding.
  const std::uint64_t max_hosts = (kMaxProbes - 1) / slots_.size();
  if (targets.size() > max_hosts || (targets6 && targets6->size() > max_hosts - targets.size()))
    throw UsageError("scan too large: more than 2^50 probes per attempt");
  size_ = hosts_ * slots_.size();
}

std::optional<std::uint64_t> ScanSpace::index_of(Ipv4 ip, std::uint16_t port, ProbeKind kind) const {
  const std::int32_t slot = slot_of_[slot_key(port, kind)];
  if (slot < 0) return std::nullopt;
  const std::optional<std::uint64_t> host = targets_->position_of(ip);
  if (!host) return std::nullopt;
  return *host * slots_.size() + std::uint64_t(slot);
}

std::optional<std::uint64_t> ScanSpace::index_of(Ipv6 ip, std::uint16_t port, ProbeKind kind) const {
  const std::int32_t slot = slot_of_[slot_key(port, kind)];
  if (slot < 0 || !targets6_) return std::nullopt;
  const std::optional<std::uint64_t> host = targets6_->position_of(ip);
  if (!host) return std::nullopt;
  return (targets_->size() + *host) * slots_.size() + std::uint64_t(slot);
}

}  // namespace zeroscan
