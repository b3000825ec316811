// RawIpSink: sendmmsg over a raw IPPROTO_RAW socket, each message addressed
// to its own frame's destination (a raw socket needs one), the link header
// skipped.
#include "zeroscan/net/raw_ip_sink.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "zeroscan/core/errors.h"

namespace zeroscan {

namespace {

// Where each family's header says how long the packet is and where it goes.
struct HeaderLayout {
  std::size_t header_min;          // bytes before the fields below are certainly there
  std::size_t length_offset;       // IPv4 total length; IPv6 payload length
  std::size_t length_adds;         // IPv6's payload length leaves out its 40-byte header
  std::size_t destination_offset;
  std::size_t address_bytes;
};
constexpr HeaderLayout kIpv4Header{20, 2, 0, 16, 4};
constexpr HeaderLayout kIpv6Header{40, 4, 40, 24, 16};

bool in_127(Ipv4 address) { return (address.value >> 24) == 127; }

// "The queue is full right now": the caller retries.
bool is_transient(int error) { return error == EAGAIN || error == ENOBUFS || error == EINTR; }

}  // namespace

bool sends_ipv6_through_raw_ip(const std::vector<Ipv6Range>& targets) {
  const Ipv6 loopback(0, 1);
  if (targets.empty()) return false;
  for (const Ipv6Range& range : targets)
    if (range.first != loopback || range.last != loopback) return false;
  return true;
}

bool sends_through_raw_ip(const NextHopPlan& plan) {
  if (!plan.interface.is_loopback || !in_127(plan.source) || plan.segments.empty()) return false;
  for (const NextHopSegment& segment : plan.segments)
    if (!in_127(segment.first) || !in_127(segment.last)) return false;
  return true;
}

RawIpSink::RawIpSink(std::size_t link_header, std::size_t max_batch, RawIpFamily family)
    : link_header_(link_header), family_(family) {
  const bool v6 = family == RawIpFamily::V6;
  // IPPROTO_RAW means "our own header" for both: IP_HDRINCL (IPv4) and
  // IPV6_HDRINCL (IPv6, Linux 4.5+) are implied.
  fd_ = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_RAW);
  if (fd_ < 0)
    throw SystemError(std::string("cannot open a raw IP socket for ") + (v6 ? "::1" : "127.0.0.0/8") + ": " +
                      std::strerror(errno) + " (needs root or CAP_NET_RAW)");
  if (max_batch == 0) max_batch = 1;
  messages_.resize(max_batch);
  vectors_.resize(max_batch);
  destinations_.resize(max_batch);
  for (std::size_t i = 0; i < max_batch; ++i) {
    msghdr& header = messages_[i].msg_hdr;
    header = msghdr{};
    header.msg_iov = &vectors_[i];
    header.msg_iovlen = 1;
    header.msg_name = &destinations_[i];
    header.msg_namelen = v6 ? sizeof(sockaddr_in6) : sizeof(sockaddr_in);
    destinations_[i] = sockaddr_storage{};
    destinations_[i].ss_family = v6 ? AF_INET6 : AF_INET;
  }
}

void RawIpSink::set_destination(sockaddr_storage& to, const std::uint8_t* address) const noexcept {
  if (family_ == RawIpFamily::V6)
    std::memcpy(&reinterpret_cast<sockaddr_in6&>(to).sin6_addr, address, 16);
  else
    std::memcpy(&reinterpret_cast<sockaddr_in&>(to).sin_addr, address, 4);
}

RawIpSink::~RawIpSink() {
  if (fd_ >= 0) ::close(fd_);
}

std::size_t RawIpSink::send(const FrameRef* frames, std::size_t count) {
  const HeaderLayout& layout = family_ == RawIpFamily::V6 ? kIpv6Header : kIpv4Header;
  std::size_t done = 0;
  while (done < count) {
    const std::size_t batch = std::min(count - done, messages_.size());
    std::size_t ready = 0;
    for (; ready < batch; ++ready) {
      const FrameRef& frame = frames[done + ready];
      if (frame.size < link_header_ + layout.header_min) break;  // not an IP packet: dropped below
      // The IP header's own length, not the frame's: Ethernet pads short
      // frames (an ACK probe) to 60 bytes, and with IP_HDRINCL the kernel
      // would take the padding for TCP payload and break the checksum.
      const std::uint8_t* ip = frame.data + link_header_;
      const std::size_t ip_length =
          (std::size_t(ip[layout.length_offset]) << 8 | ip[layout.length_offset + 1]) + layout.length_adds;
      vectors_[ready].iov_base = const_cast<std::uint8_t*>(ip);
      vectors_[ready].iov_len = std::min(ip_length, frame.size - link_header_);
      // The destination, already in network order in the header.
      set_destination(destinations_[ready], ip + layout.destination_offset);
    }
    if (ready == 0) {  // a runt frame: drop it for good, as the kernel would refuse it
      failed_.fetch_add(1, std::memory_order_relaxed);
      last_error_.store(EINVAL, std::memory_order_relaxed);
      ++done;
      continue;
    }
    const int accepted = ::sendmmsg(fd_, messages_.data(), static_cast<unsigned>(ready), MSG_DONTWAIT);
    if (accepted > 0) {
      done += static_cast<std::size_t>(accepted);
      sent_.fetch_add(static_cast<std::uint64_t>(accepted), std::memory_order_relaxed);
      continue;
    }
    const int error = errno;
    last_error_.store(error, std::memory_order_relaxed);
    if (is_transient(error)) {
      short_returns_.fetch_add(1, std::memory_order_relaxed);
      return done;
    }
    failed_.fetch_add(1, std::memory_order_relaxed);
    ++done;
  }
  return done;
}

SinkStats RawIpSink::stats() const {
  SinkStats stats;
  stats.sent = sent_.load(std::memory_order_relaxed);
  stats.short_returns = short_returns_.load(std::memory_order_relaxed);
  stats.failed = failed_.load(std::memory_order_relaxed);
  stats.last_error = last_error_.load(std::memory_order_relaxed);
  return stats;
}

}  // namespace zeroscan
