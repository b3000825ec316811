// TxRingSink: a PacketSink over a PACKET_TX_RING (TPACKET_V2) memory-mapped
// ring: frames are copied into shared pages and one send() asks the kernel
// to transmit everything queued, which then goes out without a second copy.
// An alternative to AfPacketSink's sendmmsg. On the dev VM (veth, kernel
// 6.x) it was ~10-15% slower than sendmmsg, whose per-frame copy is cheap
// next to the skb work both share; a real NIC with a costly syscall path may
// rank them differently.
//
// send() returns how many frames entered the ring (a full ring gives a
// short count). Frames left in the ring by a kick that hit EAGAIN go out
// with the next send() or at destruction. Not thread-safe: one sender.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>

#include "zeroscan/net/af_packet_sink.h"
#include "zeroscan/net/next_hop.h"
#include "zeroscan/net/packet_io.h"

namespace zeroscan {

struct TxRingOptions {
  std::uint32_t frame_count = 4096;  // ring slots (rounded to whole blocks)
  std::uint32_t frame_size = 2048;   // per slot, header included: frames up to 2016 bytes
  int send_buffer_bytes = 8 << 20;
  bool qdisc_bypass = true;
};

class TxRingSink final : public PacketSink {
 public:
  // Throws SystemError (privilege advice on EPERM; ring set-up refused).
  explicit TxRingSink(const InterfaceInfo& iface, const TxRingOptions& options = {});
  ~TxRingSink() override;
  TxRingSink(const TxRingSink&) = delete;
  TxRingSink& operator=(const TxRingSink&) = delete;

  // Never throws, never blocks. Frames larger than a slot are counted in
  // stats().failed and skipped.
  std::size_t send(const FrameRef* frames, std::size_t count) override;
  SinkStats stats() const;
  bool qdisc_bypassed() const { return qdisc_bypassed_; }

 private:
  bool kick() noexcept;  // asks the kernel to send what is queued

  int fd_ = -1;
  std::uint8_t* ring_ = nullptr;
  std::size_t ring_bytes_ = 0;
  std::uint32_t frame_size_ = 0;
  std::uint32_t frame_count_ = 0;
  std::uint32_t next_ = 0;
  std::size_t max_frame_ = 0;
  bool qdisc_bypassed_ = false;
  std::atomic<std::uint64_t> sent_{0};
  std::atomic<std::uint64_t> short_returns_{0};
  std::atomic<std::uint64_t> failed_{0};
  std::atomic<int> last_error_{0};
};

}  // namespace zeroscan
