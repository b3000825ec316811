// StateTable: two bits per scan index, written only by the receiver thread
// (first verified answer wins) and read by the sender (retry passes skip
// answered probes) and by the final sweep (silence -> filtered). 2^28
// indices cost 64 MiB; beyond that the engine runs without a table.
//
// Codes: 0 = no answer yet, 1 = open/unfiltered, 2 = closed, 3 = filtered
// (ICMP). The ACK/SYN pair of codes per port feeds the firewall verdicts.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>

#include "zeroscan/core/port_state.h"

namespace zeroscan {

class StateTable {
 public:
  explicit StateTable(std::uint64_t size)
      : size_(size), words_(new std::atomic<std::uint64_t>[(size + 31) / 32]) {
    for (std::uint64_t i = 0; i < (size + 31) / 32; ++i) words_[i].store(0, std::memory_order_relaxed);
  }

  std::uint64_t size() const { return size_; }

  static std::uint8_t code_of(PortState state) {
    switch (state) {
      case PortState::Open:
      case PortState::Unfiltered: return 1;
      case PortState::Closed: return 2;
      case PortState::Filtered: return 3;
      case PortState::Unknown: break;
    }
    return 0;
  }

  std::uint8_t get(std::uint64_t index) const {
    return std::uint8_t((words_[index / 32].load(std::memory_order_relaxed) >> shift(index)) & 3);
  }
  bool answered(std::uint64_t index) const { return get(index) != 0; }

  // Single writer (the receiver). Returns false if the index already had an
  // answer: the caller counts a duplicate.
  bool set_first(std::uint64_t index, std::uint8_t code) {
    auto& word = words_[index / 32];
    const std::uint64_t old = word.load(std::memory_order_relaxed);
    if ((old >> shift(index)) & 3) return false;
    word.store(old | (std::uint64_t(code & 3) << shift(index)), std::memory_order_relaxed);
    return true;
  }

 private:
  static unsigned shift(std::uint64_t index) { return unsigned(index % 32) * 2; }
  std::uint64_t size_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> words_;
};

}  // namespace zeroscan
