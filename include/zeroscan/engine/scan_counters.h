// ScanCounters: live figures shared by the sender, receiver and monitor
// threads. Each counter has one writer; relaxed atomics are enough because
// readers only display them (and the final summary is read after join).
#pragma once

#include <atomic>
#include <cstdint>

namespace zeroscan {

struct ScanCounters {
  std::atomic<std::uint64_t> sent{0};
  std::atomic<std::uint64_t> skipped_unreachable{0};
  std::atomic<std::uint64_t> pass0_done{0};      // indices pass 0 has handled, all threads
  std::atomic<std::uint32_t> pass{0};            // the latest pass any sender began
  std::atomic<bool> sending_finished{false};
  std::atomic<std::uint64_t> received{0};
  std::atomic<std::uint64_t> matched{0};
  std::atomic<std::uint64_t> invalid{0};
  std::atomic<std::uint64_t> duplicates{0};
  std::atomic<std::uint64_t> inconclusive{0};
  std::atomic<std::uint64_t> follow_ups_sent{0};
  std::atomic<std::uint64_t> follow_up_answers{0};
  std::atomic<std::uint64_t> open{0};
  std::atomic<std::uint64_t> closed{0};
  std::atomic<std::uint64_t> filtered{0};
  std::atomic<std::uint64_t> unfiltered{0};
  std::atomic<std::uint64_t> kernel_dropped{0};  // sampled from the capture by the receiver
};

}  // namespace zeroscan
