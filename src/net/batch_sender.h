// BatchSender: the sendmmsg loop shared by AfPacketSink and IpLayerSink:
// preallocated message headers, transient-vs-permanent error split, and
// counters. Private to src/net.
#pragma once

#include <linux/if_packet.h>
#include <sys/socket.h>

#include <atomic>
#include <cstddef>
#include <optional>
#include <vector>

#include "unique_fd.h"
#include "zeroscan/net/af_packet_sink.h"

namespace zeroscan::net_detail {

class BatchSender {
 public:
  // `destination`: per-message address (IP-layer sockets name the
  // protocol there); nullopt when the socket's bind() says it all.
  BatchSender(UniqueFd fd, std::optional<sockaddr_ll> destination, std::size_t max_batch);

  std::size_t send(const FrameRef* frames, std::size_t count) noexcept;
  SinkStats stats() const noexcept;
  int fd() const { return fd_.get(); }

 private:
  UniqueFd fd_;
  std::optional<sockaddr_ll> destination_;
  std::vector<mmsghdr> messages_;
  std::vector<iovec> vectors_;
  std::atomic<std::uint64_t> sent_{0};
  std::atomic<std::uint64_t> short_returns_{0};
  std::atomic<std::uint64_t> failed_{0};
  std::atomic<int> last_error_{0};
};

// Opens, binds (protocol 0: receive nothing) and tunes a sending socket.
// Returns the socket and whether PACKET_QDISC_BYPASS took.
struct SendSocket {
  UniqueFd fd;
  bool qdisc_bypassed = false;
};
SendSocket open_send_socket(int type, const InterfaceInfo& iface, const AfPacketSinkOptions& options);

}  // namespace zeroscan::net_detail
