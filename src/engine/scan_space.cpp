// Index <-> (target, port, kind) arithmetic for the permutation's space.
#include "zeroscan/engine/scan_space.h"

#include "zeroscan/core/errors.h"

namespace zeroscan {

ScanSpace::ScanSpace(const TargetSet& targets, const PortSet& ports, std::vector<ProbeKind> kinds)
    : targets_(&targets), ports_(&ports), kinds_(std::move(kinds)) {
  for (auto& slot : kind_slot_) slot = -1;
  for (std::size_t i = 0; i < kinds_.size(); ++i) kind_slot_[int(kinds_[i])] = std::int8_t(i);
  const unsigned __int128 total =
      static_cast<unsigned __int128>(targets.size()) * ports.size() * kinds_.size();
  if (total >> 50) throw UsageError("scan too large: more than 2^50 probes per attempt");
  size_ = static_cast<std::uint64_t>(total);
}

ProbeTarget ScanSpace::at(std::uint64_t index) const {
  const std::uint64_t kinds = kinds_.size();
  const std::uint64_t ports = ports_->size();
  const std::uint64_t kind_index = index % kinds;
  const std::uint64_t pair = index / kinds;
  return ProbeTarget{targets_->at(pair / ports), ports_->at(pair % ports), kinds_[kind_index]};
}

std::optional<std::uint64_t> ScanSpace::index_of(Ipv4 ip, std::uint16_t port, ProbeKind kind) const {
  const int slot = kind_slot_[int(kind)];
  if (slot < 0 || !targets_->contains(ip) || !ports_->contains(port)) return std::nullopt;
  const std::uint64_t pair = targets_->index_of(ip) * ports_->size() + ports_->index_of(port);
  return pair * kinds_.size() + std::uint64_t(slot);
}

}  // namespace zeroscan
