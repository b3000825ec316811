// How large the kernel capture ring of a scan should be. The ring only has
// to hold the replies that arrive while the capture thread is not running
// (scheduling gaps on a busy machine, a page fault): it hands frames to the
// output thread through the result queue and never waits on a writer. So
// the ring follows the reply rate the scan can draw — at most one reply per
// probe, i.e. --rate — over a quarter second (or --wait, when shorter: nothing
// arrives in bulk after it), and never more than every probe of the scan
// answered at once, at 128 bytes a frame in TPACKET_V3 blocks (a reply is
// 60-90 bytes plus the block header). Bounded to 4..64 MiB: a /16 x 1 port
// scan gets 8 MiB instead of the fixed 64 MiB it used to.
#pragma once

#include <algorithm>
#include <cstdint>

namespace zeroscan {

inline int capture_buffer_bytes(double rate, double wait_seconds, std::uint64_t probes) {
  constexpr double kGapSeconds = 0.25, kFrameBytes = 128;
  constexpr double kMin = 4 << 20, kMax = 64 << 20;
  const double window = std::min(kGapSeconds, std::max(wait_seconds, 0.05));
  const double frames = std::min(std::max(rate, 0.0) * window, double(probes));
  return int(std::clamp(frames * kFrameBytes, kMin, kMax));
}

}  // namespace zeroscan
