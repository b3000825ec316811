// The live status line.
#include "zeroscan/engine/monitor.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <unistd.h>

#include "zeroscan/engine/clock.h"
#include "zeroscan/engine/thread_priority.h"

namespace zeroscan {

std::string format_status(const StatusSnapshot& s) {
  char line[256];
  const double done = s.pass_size ? 100.0 * double(s.pass_done) / double(s.pass_size) : 100.0;
  std::string eta = "--";
  if (!s.cooling_down && s.configured_rate > 0 && s.pass_size >= s.pass_done) {
    const double remaining = double(s.pass_size - s.pass_done) / s.configured_rate;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%d:%02d", int(remaining) / 60, int(remaining) % 60);
    eta = buf;
  }
  std::snprintf(line, sizeof line,
                "%6.1fs %s pass %u/%u %5.1f%% done, ETA %s | %.0f pps, sent %llu | found %llu open, "
                "%llu closed, %llu answers | drops %llu, lost %llu",
                s.elapsed_seconds, s.cooling_down ? "cooldown" : "sending", s.pass + 1, s.passes, done,
                eta.c_str(), s.recent_rate, static_cast<unsigned long long>(s.sent),
                static_cast<unsigned long long>(s.open), static_cast<unsigned long long>(s.closed),
                static_cast<unsigned long long>(s.matched),
                static_cast<unsigned long long>(s.kernel_dropped),
                static_cast<unsigned long long>(s.results_lost));
  return line;
}

const char* status_line_format(bool stderr_is_terminal, bool new_lines) {
  return stderr_is_terminal && !new_lines ? "\r%s\x1b[K" : "%s\n";
}

Monitor::Monitor(const ScanCounters& counters, std::uint64_t pass_size, std::uint32_t passes,
                 double configured_rate, double interval_seconds, bool new_lines)
    : counters_(counters),
      pass_size_(pass_size),
      passes_(passes),
      configured_rate_(configured_rate),
      interval_(std::max<std::int64_t>(1, std::int64_t(interval_seconds * 1000))),
      new_lines_(new_lines) {}

Monitor::~Monitor() { stop(); }

void Monitor::start() {
  thread_ = std::thread([this] {
    name_this_thread("zs-monitor");
    loop();
  });
}

void Monitor::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Monitor::loop() {
  const char* format = status_line_format(isatty(STDERR_FILENO), new_lines_);
  const bool rewriting = format[0] == '\r';
  const std::int64_t start = monotonic_ns();
  std::int64_t last_time = start;
  std::uint64_t last_sent = 0;
  std::unique_lock<std::mutex> lock(mutex_);
  while (!wake_.wait_for(lock, interval_, [this] { return stopping_; })) {
    const std::int64_t now = monotonic_ns();
    StatusSnapshot s;
    s.elapsed_seconds = double(now - start) / 1e9;
    s.sent = counters_.sent.load(std::memory_order_relaxed);
    s.recent_rate = double(s.sent - last_sent) * 1e9 / double(now - last_time);
    last_sent = s.sent;
    last_time = now;
    s.pass_done = counters_.pass0_done.load(std::memory_order_relaxed);
    s.pass_size = pass_size_;
    s.pass = counters_.pass.load(std::memory_order_relaxed);
    s.passes = passes_;
    s.cooling_down = counters_.sending_finished.load(std::memory_order_relaxed);
    s.open = counters_.open.load(std::memory_order_relaxed);
    s.closed = counters_.closed.load(std::memory_order_relaxed);
    s.matched = counters_.matched.load(std::memory_order_relaxed);
    s.kernel_dropped = counters_.kernel_dropped.load(std::memory_order_relaxed);
    s.results_lost = counters_.results_lost.load(std::memory_order_relaxed);
    s.configured_rate = configured_rate_;
    std::fprintf(stderr, format, format_status(s).c_str());
    std::fflush(stderr);
  }
  if (rewriting) std::fputs("\n", stderr);  // leave the last report on screen
}

}  // namespace zeroscan
