// RawIpSink: which plans go through it, and, against real listeners on the
// loopback of a fresh network namespace (accept_local and route_localnet
// at their default 0, untouched), that a SYN it sends draws a SYN-ACK from
// an open port and a RST from a closed one, as does a padded ACK probe, read back from a pcap capture
// on lo. The namespace belongs to a forked child (support/forked_child),
// so it vanishes with the child.
// Needs root; skips otherwise. Nothing leaves the namespace.
#include "zeroscan/net/raw_ip_sink.h"

#include <arpa/inet.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstring>
#include <fstream>
#include <optional>

#include <gtest/gtest.h>

#include "support/forked_child.h"
#include "zeroscan/net/pcap_source.h"

namespace zeroscan {
namespace {

NextHopPlan plan_on(bool loopback, Ipv4 source, Ipv4 first, Ipv4 last) {
  NextHopPlan plan;
  plan.interface.name = loopback ? "lo" : "eth0";
  plan.interface.is_loopback = loopback;
  plan.source = source;
  NextHopSegment segment;
  segment.first = first;
  segment.last = last;
  segment.kind = NextHopKind::Loopback;
  plan.segments.push_back(segment);
  return plan;
}

TEST(RawIpSinkTest, OnlyLoopbackPlansInside127Qualify) {
  const Ipv4 localhost = Ipv4::from_octets(127, 0, 0, 1);
  EXPECT_TRUE(sends_through_raw_ip(plan_on(true, localhost, localhost, Ipv4::from_octets(127, 0, 0, 9))));
  // Our own non-127 address keeps the frame path (and its sysctl check).
  const Ipv4 own = Ipv4::from_octets(198, 18, 0, 1);
  EXPECT_FALSE(sends_through_raw_ip(plan_on(true, own, own, own)));
  EXPECT_FALSE(sends_through_raw_ip(plan_on(true, localhost, Ipv4::from_octets(126, 255, 255, 255), localhost)));
  EXPECT_FALSE(sends_through_raw_ip(plan_on(false, localhost, localhost, localhost)));
  NextHopPlan empty = plan_on(true, localhost, localhost, localhost);
  empty.segments.clear();
  EXPECT_FALSE(sends_through_raw_ip(empty));
}

TEST(RawIpSinkTest, OnlyIpv6TargetsThatAreAllLoopbackQualify) {
  const Ipv6 loopback(0, 1);
  EXPECT_TRUE(sends_ipv6_through_raw_ip({{loopback, loopback}}));
  EXPECT_TRUE(sends_ipv6_through_raw_ip({{loopback, loopback}, {loopback, loopback}}));
  EXPECT_FALSE(sends_ipv6_through_raw_ip({}));
  EXPECT_FALSE(sends_ipv6_through_raw_ip({{loopback, Ipv6(0, 2)}}));
  EXPECT_FALSE(sends_ipv6_through_raw_ip({{loopback, loopback}, {*Ipv6::parse("2001:2::1"), *Ipv6::parse("2001:2::1")}}));
}

// ---- against a namespace's loopback ----------------------------------------

constexpr std::uint16_t kOpenPort = 2222;
constexpr std::uint16_t kClosedPort = 2223;
constexpr std::uint16_t kSourcePort = 45000;
constexpr std::uint32_t kSeq = 0x12345678;
constexpr std::uint32_t kAck = 0x0badcafe;  // an ACK probe's; a RST answers with it as seq
constexpr std::size_t kEthernet = 14;

std::uint16_t checksum(const std::uint8_t* data, std::size_t size, std::uint32_t sum = 0) {
  for (std::size_t i = 0; i + 1 < size; i += 2) sum += std::uint32_t(data[i] << 8 | data[i + 1]);
  if (size & 1) sum += std::uint32_t(data[size - 1] << 8);
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return std::uint16_t(~sum);
}

// Ethernet (zero MACs, as the templates build for lo) + IPv4 + TCP, padded
// to Ethernet's 60-byte minimum as the probe templates are.
constexpr std::size_t kFrameSize = 60;
std::array<std::uint8_t, kFrameSize> tcp_frame(std::uint16_t port, std::uint8_t flags) {
  std::array<std::uint8_t, kFrameSize> frame{};
  frame[12] = 0x08;
  std::uint8_t* ip = frame.data() + kEthernet;
  ip[0] = 0x45;
  ip[3] = 40;
  ip[8] = 64;
  ip[9] = 6;
  const std::uint8_t localhost[4] = {127, 0, 0, 1};
  std::memcpy(ip + 12, localhost, 4);
  std::memcpy(ip + 16, localhost, 4);
  std::uint8_t* tcp = ip + 20;
  tcp[0] = kSourcePort >> 8, tcp[1] = kSourcePort & 0xff;
  tcp[2] = port >> 8, tcp[3] = port & 0xff;
  tcp[4] = kSeq >> 24, tcp[5] = (kSeq >> 16) & 0xff, tcp[6] = (kSeq >> 8) & 0xff, tcp[7] = kSeq & 0xff;
  tcp[8] = kAck >> 24, tcp[9] = (kAck >> 16) & 0xff, tcp[10] = (kAck >> 8) & 0xff, tcp[11] = kAck & 0xff;
  tcp[12] = 5 << 4;
  tcp[13] = flags;
  tcp[14] = 0xff, tcp[15] = 0xff;
  std::uint32_t pseudo = (127 << 8) * 2 + 1 * 2 + 6 + 20;  // src + dst (127.0 / 0.1 words) + proto + length
  const std::uint16_t sum = checksum(tcp, 20, pseudo);
  tcp[16] = sum >> 8, tcp[17] = sum & 0xff;
  return frame;
}

bool sysctl_is_zero(const char* path) {
  std::ifstream file(path);
  int value = -1;
  return (file >> value) && value == 0;
}

// Exit codes of the child, so the parent can say what went wrong.
enum ChildResult : int {
  kOk = 0,
  kSysctlsSet = 11,
  kNoListener = 13,
  kNoCapture,
  kSendFailed,
  kNoSynAck,
  kNoReset,
  kNoAckReset,
};

int listen_on(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(fd, 8) != 0)
    ::_exit(kNoListener);
  return fd;
}

int probe_loopback() {
  if (!sysctl_is_zero("/proc/sys/net/ipv4/conf/lo/route_localnet") ||
      !sysctl_is_zero("/proc/sys/net/ipv4/conf/all/accept_local"))
    return kSysctlsSet;
  const int listener = listen_on(kOpenPort);
  std::optional<PcapSource> capture;
  try {
    PcapSourceOptions options;
    options.interface = "lo";
    options.filter = "tcp and dst port " + std::to_string(kSourcePort);
    options.buffer_bytes = 1 << 20;
    capture.emplace(options);
  } catch (const std::exception&) {
    return kNoCapture;
  }
  RawIpSink sink(kEthernet);
  const auto open_syn = tcp_frame(kOpenPort, 0x02);
  const auto closed_syn = tcp_frame(kClosedPort, 0x02);
  const auto closed_ack = tcp_frame(kClosedPort, 0x10);
  const FrameRef frames[] = {{open_syn.data(), std::uint32_t(open_syn.size())},
                             {closed_syn.data(), std::uint32_t(closed_syn.size())},
                             {closed_ack.data(), std::uint32_t(closed_ack.size())}};
  if (sink.send(frames, 3) != 3 || sink.stats().sent != 3) return kSendFailed;

  bool syn_ack = false, reset = false, ack_reset = false;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
  while (!(syn_ack && reset && ack_reset) && std::chrono::steady_clock::now() < deadline) {
    capture->dispatch(100, [&](const std::uint8_t* data, std::size_t size, std::int64_t) {
      if (size < kEthernet + 40) return;
      const std::uint8_t* tcp = data + kEthernet + (data[kEthernet] & 0x0f) * 4;
      const std::uint16_t from = std::uint16_t(tcp[0] << 8 | tcp[1]);
      const std::uint32_t seq = std::uint32_t(tcp[4]) << 24 | tcp[5] << 16 | tcp[6] << 8 | tcp[7];
      const std::uint32_t ack = std::uint32_t(tcp[8]) << 24 | tcp[9] << 16 | tcp[10] << 8 | tcp[11];
      const std::uint8_t flags = tcp[13];
      if (from == kOpenPort && (flags & 0x12) == 0x12 && ack == kSeq + 1) syn_ack = true;
      if (from == kClosedPort && (flags & 0x14) == 0x14 && ack == kSeq + 1) reset = true;
      if (from == kClosedPort && flags == 0x04 && seq == kAck) ack_reset = true;  // answers the padded ACK
    });
  }
  ::close(listener);
  return !syn_ack ? kNoSynAck : !reset ? kNoReset : !ack_reset ? kNoAckReset : kOk;
}

TEST(RawIpSinkNamespaceTest, OpenAndClosedLoopbackPortsAnswerWithoutSysctls) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root (a network namespace, a raw socket, a capture)";
  const ForkedChildExit child = run_in_forked_child(probe_loopback, in_fresh_network_namespace(10));
  if (child.no_namespace) GTEST_SKIP() << "cannot create a network namespace here";
  EXPECT_EQ(child.code, kOk) << child.describe()
                             << " (11 sysctls set, 13 no listener, 14 no capture, 15 send failed, "
                                "16 no SYN-ACK, 17 no RST to the SYN, 18 no RST to the padded ACK)";
}

}  // namespace
}  // namespace zeroscan
