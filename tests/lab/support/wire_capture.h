// Everything crossing one interface in one direction, captured in-process
// with libpcap from construction until stop(). Started before the scanner,
// it is the independent witness of what the scanner put on the wire.
//
// The scanner sends with PACKET_QDISC_BYPASS, and such frames skip the
// packet taps of the interface they leave by: a capture of the root veth
// end's outgoing side never sees a probe. So the tests capture where the
// probes arrive instead, the namespace end of the veth, incoming — the
// same wire, seen from the other end, with nothing else entering it.
#pragma once

#include <pcap/pcap.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "support/ipv6_text.h"

namespace zeroscan::lab {

struct CapturedFrame {
  std::int64_t ts_ns = 0;
  std::array<std::uint8_t, 6> dst_mac{};
  std::uint16_t ethertype = 0;
  // IPv4 (ethertype 0x0800):
  std::uint32_t src = 0, dst = 0;
  std::uint8_t proto = 0;
  // TCP:
  std::uint16_t sport = 0, dport = 0;
  std::uint8_t tcp_flags = 0;
  // ARP (ethertype 0x0806):
  std::uint16_t arp_op = 0;
  std::uint32_t arp_target = 0;
  // IPv6 (ethertype 0x86dd): proto is the fixed header's next header; the
  // TCP fields above are filled when it is TCP; an ICMPv6 neighbour
  // solicitation (135) carries its target address.
  Ipv6 src6{}, dst6{};
  std::uint8_t icmp6_type = 0;
  Ipv6 nd_target{};

  bool ipv4() const { return ethertype == 0x0800; }
  bool tcp() const { return ipv4() && proto == 6; }
  bool syn_only() const { return tcp() && (tcp_flags & 0x3f) == 0x02; }
  bool ack_only() const { return tcp() && (tcp_flags & 0x3f) == 0x10; }
  bool ipv6() const { return ethertype == 0x86dd; }
  bool tcp6() const { return ipv6() && proto == 6; }
  bool syn6_only() const { return tcp6() && (tcp_flags & 0x3f) == 0x02; }
  bool ack6_only() const { return tcp6() && (tcp_flags & 0x3f) == 0x10; }
  bool neighbour_solicitation() const { return ipv6() && proto == 58 && icmp6_type == 135; }
};

enum class Direction { In, Out };

class WireCapture {
 public:
  // netns empty = the root namespace. Throws std::runtime_error.
  WireCapture(const std::string& netns, const std::string& interface, Direction direction);
  ~WireCapture();
  WireCapture(const WireCapture&) = delete;
  WireCapture& operator=(const WireCapture&) = delete;

  // Drains what is still buffered and stops; frames() is complete after it.
  void stop();
  const std::vector<CapturedFrame>& frames() const { return frames_; }
  std::uint64_t kernel_dropped() const { return dropped_; }

 private:
  static void on_frame(std::uint8_t* self, const pcap_pkthdr* h, const std::uint8_t* data);
  void loop();

  pcap_t* pcap_ = nullptr;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::vector<CapturedFrame> frames_;
  std::uint64_t dropped_ = 0;
};

std::string format_mac(const std::array<std::uint8_t, 6>& mac);

}  // namespace zeroscan::lab
