// ThreadFailure: the first exception a scan's worker thread threw, kept
// until the main thread has joined every thread and can rethrow it. An
// exception escaping a std::thread's body calls std::terminate; out of
// memory on a writer or the capture thread must instead end the scan with
// one line and exit 2 (run_scan's catch), like everywhere else.
#pragma once

#include <exception>
#include <mutex>
#include <utility>

namespace zeroscan {

class ThreadFailure {
 public:
  // Runs `body`; if it throws, keeps the exception (the first one wins)
  // and calls `on_failure`, which must not throw (it stops the scan).
  template <typename Body, typename OnFailure>
  void guard(Body&& body, OnFailure&& on_failure) noexcept {
    try {
      std::forward<Body>(body)();
    } catch (...) {
      {
        std::lock_guard<std::mutex> lock(mutex_);
        if (!first_) first_ = std::current_exception();
      }
      on_failure();
    }
  }
  // Call after every guarded thread has joined.
  void rethrow_if_any() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (first_) std::rethrow_exception(std::exchange(first_, nullptr));
  }

 private:
  std::mutex mutex_;
  std::exception_ptr first_;
};

}  // namespace zeroscan
