// SpscQueue: a bounded lock-free ring for exactly one producer thread and
// one consumer thread (the capture thread hands concluded results to the
// output thread through it). Capacity is a power of two; push never blocks
// and never allocates: when the ring is full it returns false and the
// caller counts the loss. The two positions live on their own cache lines,
// and each side keeps a private copy of the other's position so that it
// only touches the shared line when its copy says the ring looks full/empty.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <type_traits>

namespace zeroscan {

template <typename T>
class SpscQueue {
  static_assert(std::is_trivially_copyable<T>::value, "elements are copied as plain bytes");
  static_assert(std::is_trivially_default_constructible<T>::value,
                "new T[n] must leave the ring untouched, so untouched slots stay off the RSS");

 public:
  // `capacity` is rounded up to a power of two (at least 2). Storage is
  // left uninitialised, so untouched slots cost no resident memory.
  explicit SpscQueue(std::size_t capacity) : capacity_(round_up(capacity)), mask_(capacity_ - 1),
                                             slots_(new T[capacity_]) {}

  std::size_t capacity() const { return capacity_; }

  // Producer only. False when full (nothing is written).
  bool try_push(const T& value) {
    const std::uint64_t head = producer_.position.load(std::memory_order_relaxed);
    if (head - producer_.other_cached >= capacity_) {
      producer_.other_cached = consumer_.position.load(std::memory_order_acquire);
      if (head - producer_.other_cached >= capacity_) return false;
    }
    slots_[head & mask_] = value;
    producer_.position.store(head + 1, std::memory_order_release);
    return true;
  }

  // Consumer only. Copies up to `max` elements into `out`; returns how many.
  std::size_t pop(T* out, std::size_t max) {
    const std::uint64_t tail = consumer_.position.load(std::memory_order_relaxed);
    if (consumer_.other_cached == tail)
      consumer_.other_cached = producer_.position.load(std::memory_order_acquire);
    std::size_t n = std::size_t(consumer_.other_cached - tail);
    if (n > max) n = max;
    for (std::size_t i = 0; i < n; ++i) out[i] = slots_[(tail + i) & mask_];
    consumer_.position.store(tail + n, std::memory_order_release);
    return n;
  }

  // Either side; exact only when the other side is quiet.
  bool empty() const {
    return producer_.position.load(std::memory_order_acquire) ==
           consumer_.position.load(std::memory_order_acquire);
  }

 private:
  static std::size_t round_up(std::size_t n) {
    std::size_t c = 2;
    while (c < n) c <<= 1;
    return c;
  }
  // One side's position and its cached view of the other side's.
  struct alignas(64) Side {
    std::atomic<std::uint64_t> position{0};
    std::uint64_t other_cached = 0;
  };

  const std::size_t capacity_;
  const std::size_t mask_;
  std::unique_ptr<T[]> slots_;
  Side producer_;
  Side consumer_;
};

}  // namespace zeroscan
