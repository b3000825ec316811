// Monitor: a periodic (default once a second) status line on stderr (rate, % done, ETA, found,
// kernel drops) while the scan runs. format_status is pure for tests.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "zeroscan/engine/scan_counters.h"

namespace zeroscan {

struct StatusSnapshot {
  double elapsed_seconds = 0;
  double recent_rate = 0;        // packets/s over the last interval
  std::uint64_t sent = 0;
  std::uint64_t pass_done = 0;   // indices pass 0 has handled
  std::uint64_t pass_size = 0;   // indices in pass 0 (this shard)
  std::uint32_t pass = 0;        // 0-based attempt number
  std::uint32_t passes = 1;
  bool cooling_down = false;
  std::uint64_t open = 0, closed = 0, matched = 0;
  std::uint64_t kernel_dropped = 0;
  std::uint64_t results_lost = 0;  // result queue full: answers missing from the outputs
  double configured_rate = 0;
};

std::string format_status(const StatusSnapshot& s);

// How one report is written: rewriting one line on a terminal ("\r...") or
// a line of its own (a log, a pipe, or when asked for with new_lines).
const char* status_line_format(bool stderr_is_terminal, bool new_lines);

class Monitor {
 public:
  Monitor(const ScanCounters& counters, std::uint64_t pass_size, std::uint32_t passes,
          double configured_rate, double interval_seconds = 1.0, bool new_lines = false);
  ~Monitor();
  void start();
  void stop();

 private:
  void loop();
  const ScanCounters& counters_;
  std::uint64_t pass_size_;
  std::uint32_t passes_;
  double configured_rate_;
  std::chrono::milliseconds interval_;
  bool new_lines_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
};

}  // namespace zeroscan
