// Monotonic time and precise waits for pacing. Kept in one place so the
// pure parts (RateLimiter) take plain nanosecond readings.
#pragma once

#include <cstdint>

namespace zeroscan {

std::int64_t monotonic_ns();
std::int64_t realtime_ns();
// Sleeps most of the way, then spins: nanosleep alone overshoots by tens of
// microseconds, which at 1 Mpps is tens of packets.
void wait_until_ns(std::int64_t deadline_ns);

}  // namespace zeroscan
