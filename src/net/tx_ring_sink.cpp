// TxRingSink: TPACKET_V2 transmit ring set-up, slot filling and kicks.
#include "zeroscan/net/tx_ring_sink.h"

#include <linux/if_packet.h>
#include <poll.h>
#include <sys/mman.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>

#include "packet_socket.h"
#include "zeroscan/core/errors.h"

namespace zeroscan {

namespace {

constexpr std::uint32_t kBlockSize = 1u << 16;  // 64 KiB: a multiple of any page size we meet

// Where the kernel reads a V2 frame: after the aligned header, minus the
// sockaddr_ll it would place there on receive (TPACKET2_HDRLEN accounts for it).
constexpr std::size_t kDataOffset = TPACKET2_HDRLEN - sizeof(sockaddr_ll);

tpacket2_hdr* slot_header(std::uint8_t* ring, std::uint32_t frame_size, std::uint32_t index) {
  return reinterpret_cast<tpacket2_hdr*>(ring + std::size_t(index) * frame_size);
}

std::uint32_t load_status(const tpacket2_hdr* header) {
  return __atomic_load_n(&header->tp_status, __ATOMIC_ACQUIRE);
}

[[noreturn]] void fail(const std::string& what) {
  throw SystemError("cannot set up the transmit ring (" + what + "): " + std::strerror(errno));
}

}  // namespace

TxRingSink::TxRingSink(const InterfaceInfo& iface, const TxRingOptions& options) {
  net_detail::UniqueFd fd = net_detail::open_packet_socket(SOCK_RAW, 0, "a packet socket on " + iface.name);
  int version = TPACKET_V2;
  if (::setsockopt(fd.get(), SOL_PACKET, PACKET_VERSION, &version, sizeof version) != 0) fail("PACKET_VERSION");
  // A malformed frame is skipped instead of stopping the whole ring.
  int loss = 1;
  ::setsockopt(fd.get(), SOL_PACKET, PACKET_LOSS, &loss, sizeof loss);
  if (options.qdisc_bypass) {
    int on = 1;
    qdisc_bypassed_ = ::setsockopt(fd.get(), SOL_PACKET, PACKET_QDISC_BYPASS, &on, sizeof on) == 0;
  }
  int buffer = options.send_buffer_bytes;
  if (::setsockopt(fd.get(), SOL_SOCKET, SO_SNDBUFFORCE, &buffer, sizeof buffer) != 0) {
    ::setsockopt(fd.get(), SOL_SOCKET, SO_SNDBUF, &buffer, sizeof buffer);
  }

  frame_size_ = TPACKET_ALIGN(std::max<std::uint32_t>(options.frame_size, 128));
  if (frame_size_ > kBlockSize) frame_size_ = kBlockSize;
  const std::uint32_t frames_per_block = kBlockSize / frame_size_;
  const std::uint32_t blocks = std::max<std::uint32_t>(1, (options.frame_count + frames_per_block - 1) / frames_per_block);
  tpacket_req request{};
  request.tp_block_size = kBlockSize;
  request.tp_block_nr = blocks;
  request.tp_frame_size = frame_size_;
  request.tp_frame_nr = blocks * frames_per_block;
  if (::setsockopt(fd.get(), SOL_PACKET, PACKET_TX_RING, &request, sizeof request) != 0) fail("PACKET_TX_RING");
  net_detail::bind_packet_socket(fd.get(), iface.index, 0, "the transmit ring socket");

  ring_bytes_ = std::size_t(kBlockSize) * blocks;
  void* mapped = ::mmap(nullptr, ring_bytes_, PROT_READ | PROT_WRITE, MAP_SHARED, fd.get(), 0);
  if (mapped == MAP_FAILED) fail("mmap");
  ring_ = static_cast<std::uint8_t*>(mapped);
  frame_count_ = request.tp_frame_nr;
  max_frame_ = frame_size_ - kDataOffset;
  fd_ = fd.release();  // closed by the destructor, after the ring is unmapped
}

TxRingSink::~TxRingSink() {
  if (fd_ >= 0) {
    // Give frames still queued one last, briefly waited-for chance.
    for (int tries = 0; tries < 10 && !kick(); ++tries) {
      pollfd writable{fd_, POLLOUT, 0};
      ::poll(&writable, 1, 5);
    }
  }
  if (ring_ != nullptr) ::munmap(ring_, ring_bytes_);
  if (fd_ >= 0) ::close(fd_);
}

std::size_t TxRingSink::send(const FrameRef* frames, std::size_t count) {
  std::size_t queued = 0;
  for (; queued < count; ++queued) {
    const FrameRef& frame = frames[queued];
    if (frame.size > max_frame_ || frame.size == 0) {
      failed_.fetch_add(1, std::memory_order_relaxed);
      last_error_.store(EMSGSIZE, std::memory_order_relaxed);
      continue;
    }
    tpacket2_hdr* header = slot_header(ring_, frame_size_, next_);
    if (load_status(header) != TP_STATUS_AVAILABLE) break;  // ring full: kernel still owns this slot
    std::memcpy(reinterpret_cast<std::uint8_t*>(header) + kDataOffset, frame.data, frame.size);
    header->tp_len = frame.size;
    __atomic_store_n(&header->tp_status, TP_STATUS_SEND_REQUEST, __ATOMIC_RELEASE);
    next_ = next_ + 1 == frame_count_ ? 0 : next_ + 1;
    sent_.fetch_add(1, std::memory_order_relaxed);
  }
  kick();
  if (queued < count) short_returns_.fetch_add(1, std::memory_order_relaxed);
  return queued;
}

bool TxRingSink::kick() noexcept {
  if (::send(fd_, nullptr, 0, MSG_DONTWAIT) >= 0) return true;
  int error = errno;
  last_error_.store(error, std::memory_order_relaxed);
  // EAGAIN/ENOBUFS: the frames stay queued for the next kick.
  if (error != EAGAIN && error != ENOBUFS && error != EINTR) failed_.fetch_add(1, std::memory_order_relaxed);
  return false;
}

SinkStats TxRingSink::stats() const {
  SinkStats stats;
  stats.sent = sent_.load(std::memory_order_relaxed);
  stats.short_returns = short_returns_.load(std::memory_order_relaxed);
  stats.failed = failed_.load(std::memory_order_relaxed);
  stats.last_error = last_error_.load(std::memory_order_relaxed);
  return stats;
}

}  // namespace zeroscan
