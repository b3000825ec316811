// Follow-up probes for OS fingerprinting (-O): at most four extra probes per
// responsive host, chosen from the host's first reply as it streams in, so
// no per-target state is kept for hosts that never answer:
//   first reply a SYN-ACK on port p: SYN to a likely-closed port (a RST from
//     a closed port), ACK to p (a RST to a stray ACK), SYN and ACK to port 0;
//   first reply a RST on port p: ACK to p, SYN and ACK to port 0.
// Probes the scan itself already sends (e.g. -sZ, -sA) are left out.
#pragma once

#include <cstdint>
#include <mutex>
#include <vector>

#include "zeroscan/engine/scan_space.h"
#include "zeroscan/parse/reply.h"

namespace zeroscan {

// Pure. `closed_port_salt` varies the likely-closed port between scans.
std::vector<ProbeTarget> plan_follow_ups(Ipv4 host, const Reply& first_reply, std::uint16_t replied_port,
                                         const ScanSpace& space, std::uint64_t closed_port_salt);

// Hand-over from the receiver (producer) to a sender (consumer). Low
// volume: at most four probes per responsive host.
class FollowUpQueue {
 public:
  void push(const std::vector<ProbeTarget>& probes) {
    std::lock_guard<std::mutex> lock(mutex_);
    queue_.insert(queue_.end(), probes.begin(), probes.end());
  }
  // Moves up to `max` queued probes into `out` (cleared first).
  void take(std::vector<ProbeTarget>& out, std::size_t max) {
    out.clear();
    std::lock_guard<std::mutex> lock(mutex_);
    const std::size_t n = std::min(max, queue_.size() - head_);
    out.assign(queue_.begin() + std::ptrdiff_t(head_), queue_.begin() + std::ptrdiff_t(head_ + n));
    head_ += n;
    if (head_ == queue_.size()) {
      queue_.clear();
      head_ = 0;
    }
  }
  bool empty() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return head_ == queue_.size();
  }

 private:
  mutable std::mutex mutex_;
  std::vector<ProbeTarget> queue_;
  std::size_t head_ = 0;
};

}  // namespace zeroscan
