// --packet-trace: one line per probe sent and per frame captured, in
// nmap's layout:
//   SENT (0.0123s) TCP 198.18.0.1:40000 > 198.18.0.7:80 S ttl=64 id=1234 iplen=44 seq=305419896 win=1024
//   RCVD (0.0125s) TCP 198.18.0.7:80 > 198.18.0.1:40000 SA ttl=64 id=0 iplen=44 seq=1 ack=305419897 win=64240
// The sending and capture threads only copy a frame's head into a ring of
// their own (single producer, single consumer: no lock, no allocation, no
// formatting); a printer thread parses, formats and writes, at most
// `lines_per_second` lines. What does not fit is counted and reported, so
// a fast scan cannot be slowed down by its own trace.
#pragma once

#include <array>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

#include "zeroscan/net/packet_io.h"
#include "zeroscan/net/recording.h"
#include "zeroscan/parse/reply.h"
#include "zeroscan/parse/reply_parser.h"

namespace zeroscan {

// One line for a parsed frame; "SENT" or "RCVD", seconds since the trace began.
std::string format_trace_line(const char* direction, double seconds, const Reply& frame);

// A bounded single-producer single-consumer ring of frame heads, fed by a
// TappedSink or TappedSource (net/recording).
class TraceRing : public FrameTap {
 public:
  static constexpr std::size_t kCapacity = 1024;
  static constexpr std::size_t kHeadBytes = 128;  // link + IP + TCP with options, or ICMP + quote
  struct Slot {
    std::int64_t timestamp_ns = 0;
    std::uint16_t size = 0;
    std::array<std::uint8_t, kHeadBytes> bytes{};
  };
  TraceRing(const char* direction, LinkType link) : direction_(direction), link_(link), slots_(kCapacity) {}

  // Producer side: never blocks, never allocates; false (and counted) when full.
  bool push(const std::uint8_t* data, std::size_t size, std::int64_t timestamp_ns) noexcept;
  void take(const std::uint8_t* data, std::size_t size, std::int64_t timestamp_ns) override {
    push(data, size, timestamp_ns);
  }
  // Consumer side.
  const Slot* front() const noexcept;
  void pop() noexcept;
  std::uint64_t dropped() const noexcept { return dropped_.load(std::memory_order_relaxed); }
  const char* direction() const { return direction_; }
  LinkType link() const { return link_; }

 private:
  const char* direction_;
  LinkType link_;
  std::vector<Slot> slots_;
  std::atomic<std::size_t> head_{0};  // next to read (consumer)
  std::atomic<std::size_t> tail_{0};  // next to write (producer)
  std::atomic<std::uint64_t> dropped_{0};
};

class PacketTrace {
 public:
  PacketTrace(std::ostream& out, std::ostream& note, unsigned lines_per_second = 1000);
  ~PacketTrace();  // stops the printer if still running
  PacketTrace(const PacketTrace&) = delete;
  PacketTrace& operator=(const PacketTrace&) = delete;

  // Before start(): one ring per producing thread.
  TraceRing& add_ring(const char* direction, LinkType link);
  void start();
  // Prints what the rings still hold (within the rate budget) and a line
  // counting what was left out.
  void stop();
  // Prints at most `budget` lines, oldest first across the rings. Public
  // for tests; the printer thread calls it every 100 ms.
  std::size_t print(std::size_t budget);
  std::uint64_t suppressed() const;

 private:
  std::ostream& out_;
  std::ostream& note_;
  unsigned lines_per_second_;
  std::int64_t start_ns_;
  std::deque<TraceRing> rings_;  // stable addresses
  std::uint64_t unprinted_ = 0;  // left in the rings at stop()
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
};

}  // namespace zeroscan
