// The tap decorators (--pcap, --packet-trace).
#include "zeroscan/net/recording.h"

#include <ctime>

namespace zeroscan {

namespace {
std::int64_t now_ns() {
  timespec ts{};
  clock_gettime(CLOCK_REALTIME, &ts);
  return std::int64_t(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}
}  // namespace

std::size_t TappedSink::send(const FrameRef* frames, std::size_t count) {
  const std::int64_t when = now_ns();
  const std::size_t sent = inner_.send(frames, count);
  for (std::size_t i = 0; i < sent; ++i) tap_.take(frames[i].data, frames[i].size, when);
  return sent;
}

int TappedSource::dispatch(int timeout_ms, const FrameHandler& handler) {
  return inner_.dispatch(timeout_ms, [&](const std::uint8_t* data, std::size_t size, std::int64_t ts) {
    tap_.take(data, size, ts);
    handler(data, size, ts);
  });
}

}  // namespace zeroscan
