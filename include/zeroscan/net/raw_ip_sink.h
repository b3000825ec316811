// RawIpSink: scanning this machine (127.0.0.0/8) without touching sysctls.
// Frames injected on lo through AF_PACKET come back in as if received from
// outside, and Linux drops them as martians (local source, 127/8) unless
// accept_local and route_localnet are set. A raw IPPROTO_RAW socket
// (IP_HDRINCL implied) instead hands our own IP header to the IP output
// path: the kernel routes it as locally generated traffic and delivers it
// to the listener like any local connection attempt. Replies are still
// read from the capture on lo, so nothing else changes.
//
// IPv6's ::1 is this machine's too (an AF_INET6 IPPROTO_RAW socket, our
// own IPv6 header); frames injected on lo from ::1 would be dropped the same
// way.
#pragma once

#include <netinet/in.h>
#include <sys/socket.h>

#include <atomic>
#include <cstddef>
#include <vector>

#include "zeroscan/net/af_packet_sink.h"
#include "zeroscan/net/next_hop_plan.h"
#include "zeroscan/net/packet_io.h"
#include "zeroscan/core/ipv6_range.h"

namespace zeroscan {

// A loopback plan whose source and targets all lie in 127.0.0.0/8: the only
// plans sent through RawIpSink (own non-127 addresses keep the frame path).
bool sends_through_raw_ip(const NextHopPlan& plan);
// IPv6 targets that are all ::1 (the only IPv6 plan zeroscan sends yet).
bool sends_ipv6_through_raw_ip(const std::vector<Ipv6Range>& targets);

enum class RawIpFamily : std::uint8_t { V4, V6 };  // (net sits below parse's IpFamily)

class RawIpSink final : public PacketSink {
 public:
  // link_header: bytes before the IP header in each frame (14: the
  // Ethernet header the templates build for lo); `family`: the frames'
  // IP version. Throws SystemError without CAP_NET_RAW.
  explicit RawIpSink(std::size_t link_header, std::size_t max_batch = 64, RawIpFamily family = RawIpFamily::V4);
  ~RawIpSink() override;
  RawIpSink(const RawIpSink&) = delete;
  RawIpSink& operator=(const RawIpSink&) = delete;

  // Same contract as AfPacketSink::send. Never throws, never allocates.
  std::size_t send(const FrameRef* frames, std::size_t count) override;
  SinkStats stats() const;

 private:
  void set_destination(sockaddr_storage& to, const std::uint8_t* address) const noexcept;

  int fd_ = -1;
  std::size_t link_header_;
  RawIpFamily family_;
  std::vector<mmsghdr> messages_;
  std::vector<iovec> vectors_;
  std::vector<sockaddr_storage> destinations_;
  std::atomic<std::uint64_t> sent_{0};
  std::atomic<std::uint64_t> short_returns_{0};
  std::atomic<std::uint64_t> failed_{0};
  std::atomic<int> last_error_{0};
};

}  // namespace zeroscan
