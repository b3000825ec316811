// clock_gettime-based time sources and a sleep-then-spin wait.
#include "zeroscan/engine/clock.h"

#include <ctime>

namespace zeroscan {

namespace {
std::int64_t read(clockid_t id) {
  timespec ts{};
  clock_gettime(id, &ts);
  return std::int64_t(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}
}  // namespace

std::int64_t monotonic_ns() { return read(CLOCK_MONOTONIC); }
std::int64_t realtime_ns() { return read(CLOCK_REALTIME); }

void wait_until_ns(std::int64_t deadline_ns) {
  constexpr std::int64_t kSpinWindowNs = 150'000;
  std::int64_t now = monotonic_ns();
  if (deadline_ns - now > kSpinWindowNs) {
    const std::int64_t sleep_until = deadline_ns - kSpinWindowNs;
    timespec ts{time_t(sleep_until / 1'000'000'000), long(sleep_until % 1'000'000'000)};
    clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nullptr);
  }
  while (monotonic_ns() < deadline_ns) {
  }
}

}  // namespace zeroscan
