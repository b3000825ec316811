// Root only: interfaces without a link layer. A tun device in a namespace
// stands in for a VPN: IpLayerSink's packets come out of the tun file
// descriptor byte for byte, and PcapSource on it reports raw IP frames.
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cstring>

#include "namespace_fixture.h"
#include "test_frames.h"
#include "zeroscan/net/af_packet_sink.h"
#include "zeroscan/net/next_hop.h"
#include "zeroscan/net/pcap_source.h"

namespace zeroscan {
namespace {

class IpLayerTest : public NamespaceTest {
 protected:
  void SetUp() override {
    NamespaceTest::SetUp();
    if (IsSkipped()) return;
    EnterNamespace inside(lab_->scanner);  // the tun device is born where it is opened
    tun_ = ::open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
    ASSERT_GE(tun_, 0) << std::strerror(errno);
    ifreq request{};
    request.ifr_flags = IFF_TUN | IFF_NO_PI;
    std::strncpy(request.ifr_name, "zstun0", IFNAMSIZ - 1);
    ASSERT_EQ(::ioctl(tun_, TUNSETIFF, &request), 0) << std::strerror(errno);
    lab_->scanner.ip("addr add 198.19.253.1/24 dev zstun0");
    lab_->scanner.ip("link set zstun0 up");
  }
  void TearDown() override {
    if (tun_ >= 0) ::close(tun_);
    NamespaceTest::TearDown();
  }

  // The next IPv4 packet the kernel hands to the tunnel, within `budget_ms`.
  std::vector<std::uint8_t> read_ipv4_from_tun(int budget_ms) {
    auto deadline = deadline_in(budget_ms);
    std::uint8_t buffer[2048];
    while (std::chrono::steady_clock::now() < deadline) {
      pollfd readable{tun_, POLLIN, 0};
      if (::poll(&readable, 1, 20) <= 0) continue;
      ssize_t size = ::read(tun_, buffer, sizeof buffer);
      if (size > 0 && (buffer[0] >> 4) == 4) return std::vector<std::uint8_t>(buffer, buffer + size);
    }
    return {};
  }

  int tun_ = -1;
};

TEST_F(IpLayerTest, TunHasNoLinkLayerAndTheSinkSendsBareIpPackets) {
  EnterNamespace inside(lab_->scanner);
  InterfaceInfo tun = read_interface("zstun0");
  EXPECT_FALSE(tun.has_link_layer);
  EXPECT_FALSE(tun.is_loopback);

  IpLayerSink sink(tun);
  auto packet = test_syn_packet(Ipv4::from_octets(198, 19, 253, 1), Ipv4::from_octets(198, 19, 253, 2), 40000, 443, 9);
  FrameRef ref{packet.data(), static_cast<std::uint32_t>(packet.size())};
  ASSERT_EQ(sink.send(&ref, 1), 1u);
  EXPECT_EQ(read_ipv4_from_tun(2000), packet);
  EXPECT_EQ(sink.stats().sent, 1u);
}

TEST_F(IpLayerTest, PcapOnTunDeliversRawIpFrames) {
  EnterNamespace inside(lab_->scanner);
  PcapSource capture(PcapSourceOptions{"zstun0", "tcp"});
  EXPECT_EQ(capture.link_type(), LinkType::RawIp);

  // A SYN "arriving from the tunnel" for our address: the kernel answers it
  // through the tunnel too, and the capture (incoming only) sees just the SYN.
  auto arriving = test_syn_packet(Ipv4::from_octets(198, 19, 253, 2), Ipv4::from_octets(198, 19, 253, 1), 40000, 9, 77);
  ASSERT_EQ(::write(tun_, arriving.data(), arriving.size()), static_cast<ssize_t>(arriving.size()));

  std::vector<std::vector<std::uint8_t>> seen;
  auto deadline = deadline_in(2000);
  while (seen.empty() && std::chrono::steady_clock::now() < deadline) {
    capture.dispatch(20, [&](const std::uint8_t* data, std::size_t size, std::int64_t) { seen.emplace_back(data, data + size); });
  }
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0], arriving);
  auto answer = read_ipv4_from_tun(2000);
  ASSERT_GE(answer.size(), 40u);
  EXPECT_EQ(answer[9], 6);                       // TCP
  EXPECT_EQ(answer[20 + 13], 0x14);              // RST+ACK from a closed port

  int outgoing_seen = 0;
  auto quiet_until = deadline_in(200);
  while (std::chrono::steady_clock::now() < quiet_until) {
    capture.dispatch(20, [&](const std::uint8_t*, std::size_t, std::int64_t) { ++outgoing_seen; });
  }
  EXPECT_EQ(outgoing_seen, 0) << "PCAP_D_IN must hide the kernel's outgoing RST";
}

}  // namespace
}  // namespace zeroscan
