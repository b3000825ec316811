// OutputThread: the one thread that calls the writers while a scan runs.
// It drains the result queue the capture thread fills, so formatting and
// writing (and a slow disk or a blocked pipe) never hold up capture. When
// a writer reports an error (full disk, closed pipe) it calls `on_failure`
// once, and from then on only empties the queue.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <thread>

#include "zeroscan/engine/result_queue.h"
#include "zeroscan/output/result_sink.h"

namespace zeroscan {

class OutputThread {
 public:
  OutputThread(ResultQueue& queue, ResultSink& sink, std::function<void()> on_failure);
  ~OutputThread();
  OutputThread(const OutputThread&) = delete;
  OutputThread& operator=(const OutputThread&) = delete;

  void start();
  // Writes everything still queued, then joins. Call after the producer
  // stopped; afterwards the caller may use the sink itself.
  void finish();
  bool failed() const { return failed_.load(std::memory_order_acquire); }

 private:
  void loop();
  void check_writers();

  ResultQueue& queue_;
  ResultSink& sink_;
  std::function<void()> on_failure_;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> failed_{false};
  std::thread thread_;
};

}  // namespace zeroscan
