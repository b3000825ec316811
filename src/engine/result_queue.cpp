// Sizing the result queue and draining it into the writers.
#include "zeroscan/engine/result_queue.h"

#include <algorithm>

namespace zeroscan {

std::size_t result_queue_capacity(double rate) {
  constexpr double kStallSeconds = 0.1;
  const double wanted = std::max(0.0, rate) * kStallSeconds;
  return std::size_t(std::clamp(wanted, double(1 << 12), double(1 << 19)));
}

std::size_t drain_results(ResultQueue& queue, ResultSink& sink, PortRecord& scratch, std::size_t max) {
  CapturedResult batch[64];
  std::size_t total = 0;
  while (total < max) {
    const std::size_t n = queue.pop(batch, std::min<std::size_t>(64, max - total));
    for (std::size_t i = 0; i < n; ++i) {
      to_port_record(batch[i], scratch);
      sink.port(scratch);
    }
    total += n;
    if (n < 64) break;
  }
  return total;
}

}  // namespace zeroscan
