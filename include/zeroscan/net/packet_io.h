// The packet I/O boundary. The engine only ever sees these two interfaces,
// so it runs unchanged over a real NIC (AF_PACKET + libpcap), over the
// scripted in-memory network in tests, or over a recorded capture.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <type_traits>

#include "zeroscan/parse/reply_parser.h"

namespace zeroscan {

struct FrameRef {
  const std::uint8_t* data = nullptr;
  std::uint32_t size = 0;
};

class PacketSink {
 public:
  virtual ~PacketSink() = default;
  // Sends up to `count` frames; returns how many the kernel (or fake)
  // accepted. A short count means "try the rest again" (e.g. ENOBUFS), not
  // an error. Never throws.
  virtual std::size_t send(const FrameRef* frames, std::size_t count) = 0;
};

struct CaptureStats {
  std::uint64_t received = 0;        // frames the filter passed
  std::uint64_t kernel_dropped = 0;  // pcap_stats ps_drop: ring overflow
  std::uint64_t if_dropped = 0;      // pcap_stats ps_ifdrop
};

// What a source hands each frame to: a non-owning reference to a callable
// (a pointer and a trampoline), so the capture thread pays one indirect
// call per frame and none of std::function's machinery. Like a
// string_view it must not outlive its callable: pass a lambda straight to
// dispatch(), or name the lambda first and build the handler from that.
class FrameHandler {
 public:
  template <typename F, typename = std::enable_if_t<!std::is_same_v<std::decay_t<F>, FrameHandler>>>
  FrameHandler(F&& callable) noexcept  // implicit: dispatch(0, [&](...) {...})
      : object_(const_cast<void*>(static_cast<const void*>(std::addressof(callable)))),
        call_([](void* object, const std::uint8_t* data, std::size_t size, std::int64_t timestamp_ns) {
          (*static_cast<std::remove_reference_t<F>*>(object))(data, size, timestamp_ns);
        }) {}
  void operator()(const std::uint8_t* data, std::size_t size, std::int64_t timestamp_ns) const {
    call_(object_, data, size, timestamp_ns);
  }

 private:
  void* object_;
  void (*call_)(void*, const std::uint8_t*, std::size_t, std::int64_t);
};

class PacketSource {
 public:
  virtual ~PacketSource() = default;
  virtual LinkType link_type() const = 0;
  // Waits up to timeout_ms for frames and hands every frame that is ready
  // to `handler` (a whole batch per call). Returns the number handled, or
  // -1 if the source is finished for good (end of a capture file). Never throws.
  virtual int dispatch(int timeout_ms, const FrameHandler& handler) = 0;
  virtual CaptureStats stats() const = 0;
};

}  // namespace zeroscan
