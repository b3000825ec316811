// OutputThread: the one thread that calls the writers while a scan runs.
// It drains the result queue the capture thread fills, so formatting and
// writing (and a slow disk or a blocked pipe) never hold up capture. When
// a writer reports an error (full disk, closed pipe) it calls `on_failure`
// once, and from then on only empties the queue. A writer that throws
// (out of memory) stops the loop the same way; rethrow_if_failed() hands
// that exception to the caller once the thread has joined.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <thread>

#include "zeroscan/engine/result_queue.h"
#include "zeroscan/engine/thread_failure.h"
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
  // After finish(): rethrows what a writer threw on this thread, if anything.
  void rethrow_if_failed() { thrown_.rethrow_if_any(); }

 private:
  void loop();
  void check_writers();

  ResultQueue& queue_;
  ResultSink& sink_;
  std::function<void()> on_failure_;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> failed_{false};
  ThreadFailure thrown_;
  std::thread thread_;
};

}  // namespace zeroscan
