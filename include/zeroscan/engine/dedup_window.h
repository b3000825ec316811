// DedupWindow: duplicate suppression with fixed memory for scans too large
// for a StateTable. A direct-mapped cache of recently seen scan indices:
// duplicates of a reply arrive close together (retransmitted SYN-ACKs, our
// own retries), so a bounded window catches them; a very late duplicate that
// was evicted is reported again, never lost.
#pragma once

#include <cstdint>
#include <vector>

namespace zeroscan {

class DedupWindow {
 public:
  explicit DedupWindow(unsigned log2_slots = 20) : slots_(std::size_t(1) << log2_slots, kEmpty) {}

  // True the first time `key` is seen (within the window).
  bool first_time(std::uint64_t key) {
    std::uint64_t& slot = slots_[mix(key) & (slots_.size() - 1)];
    if (slot == key) return false;
    slot = key;
    return true;
  }

 private:
  static constexpr std::uint64_t kEmpty = ~std::uint64_t(0);
  static std::uint64_t mix(std::uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return x;
  }
  std::vector<std::uint64_t> slots_;
};

}  // namespace zeroscan
