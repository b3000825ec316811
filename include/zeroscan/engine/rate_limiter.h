// RateLimiter: when may the next batch go, for a steady --rate. Times are
// computed from the start of sending (no drift from sleep granularity), and
// a sender that fell far behind (descheduled, ENOBUFS) restarts its baseline
// instead of bursting to catch up: any one-second window stays near --rate.
// Pure: the caller supplies the clock readings.
#pragma once

#include <cstdint>

namespace zeroscan {

class RateLimiter {
 public:
  // rate: packets per second (> 0).
  RateLimiter(double rate, std::int64_t start_ns) : ns_per_packet_(1e9 / rate), base_ns_(start_ns) {}

  // The earliest time the packet numbered `sent` (0-based, counted since
  // construction) may leave.
  std::int64_t due_ns(std::uint64_t sent) const {
    return base_ns_ + static_cast<std::int64_t>(double(sent - base_count_) * ns_per_packet_);
  }

  // Call when about to send packet `sent` at `now_ns`. If we are more than
  // `max_lag_ns` late, forgive the lag so the next second is not a burst.
  void forgive_lag(std::uint64_t sent, std::int64_t now_ns, std::int64_t max_lag_ns = 5'000'000) {
    if (now_ns - due_ns(sent) > max_lag_ns) {
      base_ns_ = now_ns;
      base_count_ = sent;
    }
  }

  // Packets per batch that keeps each batch under ~0.5 ms of the budget.
  static unsigned batch_size(double rate, unsigned max_batch) {
    const double per_half_ms = rate / 2000.0;
    if (per_half_ms < 1) return 1;
    return per_half_ms > max_batch ? max_batch : unsigned(per_half_ms);
  }

 private:
  double ns_per_packet_;
  std::int64_t base_ns_;
  std::uint64_t base_count_ = 0;
};

}  // namespace zeroscan
