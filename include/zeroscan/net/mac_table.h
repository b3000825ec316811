// MacTable: Ipv4 -> MacAddress for on-link targets, consulted once per probe
// on the send path. Open addressing with linear probing in a power-of-two
// table kept at most half full, so a lookup is one multiply and usually one
// cache line. Built once at start-up and read-only afterwards, hence safe to
// read from any number of threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "zeroscan/core/ipv4.h"
#include "zeroscan/core/mac_address.h"

namespace zeroscan {

class MacTable {
 public:
  MacTable() = default;
  // A repeated address keeps its last MAC.
  explicit MacTable(const std::vector<std::pair<Ipv4, MacAddress>>& entries);

  // nullptr when `address` is not in the table. Never throws, no allocation.
  const MacAddress* find(Ipv4 address) const noexcept;
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

 private:
  struct Slot {
    std::uint32_t address = 0;
    bool used = false;
    MacAddress mac;
  };
  std::size_t slot_of(std::uint32_t address) const noexcept;

  std::vector<Slot> slots_;
  unsigned shift_ = 32;
  std::size_t size_ = 0;
};

}  // namespace zeroscan
