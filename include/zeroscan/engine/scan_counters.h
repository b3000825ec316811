// ScanCounters: live figures shared by the sender, receiver, output and
// monitor threads. Readers only display them (the final summary is read
// after every writer joined), so relaxed atomics are enough.
//
// Counters are grouped by the thread that writes them, each group on its
// own cache lines, so the capture thread's increments never bounce a line
// the senders write. The sender group has several writers (one per sender
// thread, plus the main thread's late follow-ups): those use fetch_add.
// Every other group has exactly one writer.
#pragma once

#include <atomic>
#include <cstdint>

namespace zeroscan {

struct ScanCounters {
  // Sender threads (several writers: fetch_add only).
  alignas(64) std::atomic<std::uint64_t> sent{0};
  std::atomic<std::uint64_t> skipped_unreachable{0};
  std::atomic<std::uint64_t> pass0_done{0};      // indices pass 0 has handled, all threads
  std::atomic<std::uint64_t> follow_ups_sent{0};
  std::atomic<std::uint32_t> pass{0};            // the latest pass any sender began
  std::atomic<bool> sending_finished{false};     // main thread, once senders joined

  // Capture (receiver) thread only.
  alignas(64) std::atomic<std::uint64_t> received{0};
  std::atomic<std::uint64_t> matched{0};
  std::atomic<std::uint64_t> invalid{0};
  std::atomic<std::uint64_t> duplicates{0};
  std::atomic<std::uint64_t> inconclusive{0};
  std::atomic<std::uint64_t> follow_up_answers{0};
  std::atomic<std::uint64_t> open{0};
  std::atomic<std::uint64_t> closed{0};
  std::atomic<std::uint64_t> filtered{0};         // also the main thread's silence sweep, after join
  std::atomic<std::uint64_t> unfiltered{0};
  std::atomic<std::uint64_t> kernel_dropped{0};   // sampled from the capture
  // First answers the output thread had no room for (result queue full):
  // concluded and counted above, but missing from the outputs.
  std::atomic<std::uint64_t> results_lost{0};
};

}  // namespace zeroscan
