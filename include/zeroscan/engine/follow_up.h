// Follow-up probes for OS fingerprinting (-O): at most four extra probes per
// responsive host, chosen as its replies stream in, so no state is kept for
// hosts that never answer:
//   first TCP reply of the host: SYN and ACK to port 0;
//   first SYN-ACK (port p): ACK to p (a RST to a stray ACK), and a SYN to a
//     likely-closed port unless a closed port already answered;
//   first RST to a SYN (port q) while no SYN-ACK has come: ACK to q.
// Either order gives at most 4. Probes the scan itself already sends (-sZ,
// -sA) are left out.
#pragma once

#include <cstdint>
#include <mutex>
#include <vector>

#include "zeroscan/core/ip_address.h"
#include "zeroscan/engine/scan_space.h"
#include "zeroscan/parse/reply.h"

namespace zeroscan {

// What a host has already been sent (or has shown), kept per responsive host.
struct FollowUpHistory {
  bool port0_sent = false;
  bool ack_to_open_sent = false;
  bool closed_port_seen = false;   // a RST to one of our SYNs, or our closed-port SYN sent
  bool ack_to_closed_sent = false;
};

// Pure: the follow-ups one verified reply to a probe of `kind` sent to
// `replied_port` calls for, given and updating the host's history. Replies to
// ACK probes only start the port-0 pair (their RSTs say nothing of closed
// ports). `closed_port_salt` varies the likely-closed port between scans.
// `host` is either family: the probes go to it in its own family.
std::vector<ProbeTarget> plan_follow_ups(IpAddress host, const Reply& reply, ProbeKind kind,
                                         std::uint16_t replied_port, const ScanSpace& space,
                                         std::uint64_t closed_port_salt, FollowUpHistory& history);

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
