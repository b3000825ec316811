// MacTable construction and lookup (Fibonacci hashing, linear probing).
#include "zeroscan/net/mac_table.h"

namespace zeroscan {

MacTable::MacTable(const std::vector<std::pair<Ipv4, MacAddress>>& entries) {
  if (entries.empty()) return;
  unsigned bits = 1;
  while ((std::size_t{1} << bits) < entries.size() * 2) ++bits;
  slots_.resize(std::size_t{1} << bits);
  shift_ = 32 - bits;
  for (const auto& [address, mac] : entries) {
    std::size_t mask = slots_.size() - 1;
    for (std::size_t i = slot_of(address.value);; i = (i + 1) & mask) {
      Slot& slot = slots_[i];
      if (!slot.used) {
        slot = Slot{address.value, true, mac};
        ++size_;
        break;
      }
      if (slot.address == address.value) {
        slot.mac = mac;
        break;
      }
    }
  }
}

std::size_t MacTable::slot_of(std::uint32_t address) const noexcept {
  // Multiplying by 2^32/phi spreads consecutive addresses (a typical /24)
  // over the whole table; the top bits are the best mixed ones.
  return static_cast<std::size_t>(static_cast<std::uint32_t>(address * 0x9E3779B1u) >> shift_);
}

const MacAddress* MacTable::find(Ipv4 address) const noexcept {
  if (slots_.empty()) return nullptr;
  std::size_t mask = slots_.size() - 1;
  for (std::size_t i = slot_of(address.value);; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (!slot.used) return nullptr;  // half-empty table: always reached
    if (slot.address == address.value) return &slot.mac;
  }
}

}  // namespace zeroscan
