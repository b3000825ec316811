// How large the kernel capture ring of a scan should be. The ring only has
// to hold the replies that arrive while the capture thread is not running
// (scheduling gaps, a page fault): it hands frames to the output thread
// through the result queue and never waits on a writer. So the ring follows
// the reply rate the scan can draw — at most one reply per probe, i.e.
// --rate — over a quarter second (or --wait, when shorter: nothing arrives
// in bulk after it), at 128 bytes a frame in TPACKET_V3 blocks (a reply is
// 60-90 bytes plus the block header). Bounded to 4..64 MiB.
#pragma once

#include <algorithm>

namespace zeroscan {

inline int capture_buffer_bytes(double rate, double wait_seconds) {
  constexpr double kGapSeconds = 0.25, kFrameBytes = 128;
  constexpr double kMin = 4 << 20, kMax = 64 << 20;
  const double window = std::min(kGapSeconds, std::max(wait_seconds, 0.05));
  return int(std::clamp(std::max(rate, 0.0) * window * kFrameBytes, kMin, kMax));
}

}  // namespace zeroscan
