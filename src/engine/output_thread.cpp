// The output thread's loop: drain, write, watch for writer errors.
#include "zeroscan/engine/output_thread.h"

#include <chrono>

#include "zeroscan/engine/thread_priority.h"

namespace zeroscan {

namespace {
// Asking the writers for errors builds a string; do it every this many
// records (and whenever idle), which bounds the records formatted after a
// failure without costing anything per record.
constexpr std::size_t kCheckEvery = 1 << 14;
// Idle back-off once the queue is empty. At 1 M answers/s 2,000 results
// gather meanwhile, 0.4% of the queue sized for that rate (half a second's
// worth; at rates below 8k/s the 4,096-entry minimum holds > 2 ms too).
// Waking every 200 us instead cost ~6% of a core on this 2-core VM, taken
// from the senders, whose CPU is the limit of a lab scan's rate.
constexpr auto kIdleSleep = std::chrono::milliseconds(2);
}  // namespace

OutputThread::OutputThread(ResultQueue& queue, ResultSink& sink, std::function<void()> on_failure)
    : queue_(queue), sink_(sink), on_failure_(std::move(on_failure)) {}

OutputThread::~OutputThread() { finish(); }

void OutputThread::start() {
  thread_ = std::thread([this] {
    name_this_thread("zs-output");
    thrown_.guard([this] { loop(); },
                  [this] {
                    failed_.store(true, std::memory_order_release);
                    if (on_failure_) on_failure_();
                  });
  });
}

void OutputThread::finish() {
  stopping_.store(true, std::memory_order_release);
  if (thread_.joinable()) thread_.join();
}

void OutputThread::check_writers() {
  if (failed_.load(std::memory_order_relaxed) || sink_.error().empty()) return;
  failed_.store(true, std::memory_order_release);
  if (on_failure_) on_failure_();
}

void OutputThread::loop() {
  PortRecord scratch;
  std::size_t since_check = 0;
  for (;;) {
    // Read the flag before draining: whatever the producer queued before
    // it set the flag is then certainly drained by this last round.
    const bool last_round = stopping_.load(std::memory_order_acquire);
    std::size_t n;
    if (failed()) {
      CapturedResult discard[64];
      while ((n = queue_.pop(discard, 64)) > 0) {
      }
    } else {
      while ((n = drain_results(queue_, sink_, scratch)) > 0) {
        since_check += n;
        if (since_check >= kCheckEvery) {
          since_check = 0;
          check_writers();
          if (failed()) break;
        }
      }
      check_writers();
    }
    if (last_round) {
      if (queue_.empty()) return;
      continue;
    }
    std::this_thread::sleep_for(kIdleSleep);
  }
}

}  // namespace zeroscan
