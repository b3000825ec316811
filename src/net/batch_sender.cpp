// The sendmmsg batching loop and the socket set-up shared by both sinks.
#include "batch_sender.h"

#include <cerrno>
#include <cstring>

#include "packet_socket.h"
#include "zeroscan/core/errors.h"

namespace zeroscan::net_detail {

namespace {

// Errors that mean "the queue is full right now": the caller retries.
bool is_transient(int error) { return error == EAGAIN || error == ENOBUFS || error == EINTR; }

}  // namespace

BatchSender::BatchSender(UniqueFd fd, std::optional<sockaddr_ll> destination, std::size_t max_batch)
    : fd_(std::move(fd)), destination_(destination) {
  if (max_batch == 0) max_batch = 1;
  messages_.resize(max_batch);
  vectors_.resize(max_batch);
  for (std::size_t i = 0; i < max_batch; ++i) {
    msghdr& header = messages_[i].msg_hdr;
    header = msghdr{};
    header.msg_iov = &vectors_[i];
    header.msg_iovlen = 1;
    if (destination_) {
      header.msg_name = &*destination_;
      header.msg_namelen = sizeof(sockaddr_ll);
    }
  }
}

std::size_t BatchSender::send(const FrameRef* frames, std::size_t count) noexcept {
  std::size_t done = 0;
  while (done < count) {
    std::size_t batch = std::min(count - done, messages_.size());
    for (std::size_t i = 0; i < batch; ++i) {
      vectors_[i].iov_base = const_cast<std::uint8_t*>(frames[done + i].data);
      vectors_[i].iov_len = frames[done + i].size;
    }
    int accepted = ::sendmmsg(fd_.get(), messages_.data(), static_cast<unsigned>(batch), MSG_DONTWAIT);
    if (accepted > 0) {
      done += static_cast<std::size_t>(accepted);
      sent_.fetch_add(static_cast<std::uint64_t>(accepted), std::memory_order_relaxed);
      continue;  // a partial batch surfaces its error on the next call
    }
    int error = errno;
    last_error_.store(error, std::memory_order_relaxed);
    if (is_transient(error)) {
      short_returns_.fetch_add(1, std::memory_order_relaxed);
      return done;
    }
    // Retrying this frame cannot succeed: drop it and go on.
    failed_.fetch_add(1, std::memory_order_relaxed);
    ++done;
  }
  return done;
}

SinkStats BatchSender::stats() const noexcept {
  SinkStats stats;
  stats.sent = sent_.load(std::memory_order_relaxed);
  stats.short_returns = short_returns_.load(std::memory_order_relaxed);
  stats.failed = failed_.load(std::memory_order_relaxed);
  stats.last_error = last_error_.load(std::memory_order_relaxed);
  return stats;
}

SendSocket open_send_socket(int type, const InterfaceInfo& iface, const AfPacketSinkOptions& options) {
  SendSocket result;
  result.fd = open_packet_socket(type, 0, "a packet socket on " + iface.name);
  bind_packet_socket(result.fd.get(), iface.index, 0, "the send socket");
  // SO_SNDBUFFORCE ignores wmem_max but needs CAP_NET_ADMIN; without it
  // SO_SNDBUF still gives what the sysctl allows.
  int size = options.send_buffer_bytes;
  if (::setsockopt(result.fd.get(), SOL_SOCKET, SO_SNDBUFFORCE, &size, sizeof size) != 0) {
    ::setsockopt(result.fd.get(), SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
  }
  if (options.qdisc_bypass) {
    int on = 1;
    result.qdisc_bypassed =
        ::setsockopt(result.fd.get(), SOL_PACKET, PACKET_QDISC_BYPASS, &on, sizeof on) == 0;
  }
  return result;
}

}  // namespace zeroscan::net_detail
