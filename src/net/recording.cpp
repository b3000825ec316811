// Recording decorators for --pcap.
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

std::size_t RecordingSink::send(const FrameRef* frames, std::size_t count) {
  const std::size_t sent = inner_.send(frames, count);
  // Only what the kernel took: a retried frame is recorded once, when it goes.
  const std::int64_t when = now_ns();
  for (std::size_t i = 0; i < sent; ++i) recorder_.write(frames[i].data, frames[i].size, when);
  return sent;
}

int RecordingSource::dispatch(int timeout_ms, const FrameHandler& handler) {
  return inner_.dispatch(timeout_ms, [&](const std::uint8_t* data, std::size_t size, std::int64_t ts) {
    recorder_.write(data, size, ts);
    handler(data, size, ts);
  });
}

}  // namespace zeroscan
