// Root only: what a capture sees of our own probes.
//  - veth (any Ethernet link): PCAP_D_IN hides them; so does
//    PACKET_QDISC_BYPASS on the sink, which skips every local tap (a
//    tcpdump on the same interface will not see our probes either).
//  - loopback: every frame is sent and then received. libpcap drops lo's
//    outgoing copy itself, and the incoming copy is incoming, so our probes
//    show up exactly once whatever the direction or bypass: the engine's
//    filter and cookie check must reject them.
//  - injecting on loopback also needs two sysctls, or Linux drops the
//    frame before TCP sees it (see LoopbackNeedsSysctls below); 127.0.0.0/8
//    avoids them through the IP layer (net/raw_ip_sink), our own other
//    addresses do not.
#include <thread>

#include "namespace_fixture.h"
#include "test_frames.h"
#include "zeroscan/net/af_packet_sink.h"
#include "zeroscan/core/errors.h"
#include "zeroscan/net/next_hop.h"
#include "zeroscan/net/next_hop_plan.h"
#include "zeroscan/net/pcap_source.h"
#include "zeroscan/parse/reply_parser.h"

namespace zeroscan {
namespace {

struct Seen {
  int probes = 0;   // frames carrying our SYN
  int answers = 0;  // the kernel's RST+ACK
};

struct DirectionCase {
  const char* name;
  bool loopback;
  bool incoming_only;
  bool qdisc_bypass;
  int expected_probes;
};

class CaptureDirectionTest : public NamespaceTest, public ::testing::WithParamInterface<DirectionCase> {};

TEST_P(CaptureDirectionTest, OwnProbesAreSeenAsDocumented) {
  const DirectionCase& c = GetParam();
  MacAddress target_mac;
  if (!c.loopback) {
    EnterNamespace inside(lab_->target);
    target_mac = read_interface(VethPair::kTargetInterface).mac;
  }
  if (c.loopback) {
    // Without these Linux drops frames injected on lo: their source is a
    // local address, and 127/8 is "martian" off the output path.
    lab_->scanner.sysctl("net.ipv4.conf.lo.accept_local=1");
    lab_->scanner.sysctl("net.ipv4.conf.lo.route_localnet=1");
  }
  EnterNamespace inside(lab_->scanner);
  const std::string name = c.loopback ? "lo" : VethPair::kScannerInterface;
  const Ipv4 source = c.loopback ? Ipv4::from_octets(127, 0, 0, 1) : scanner_ip();
  const Ipv4 target = c.loopback ? Ipv4::from_octets(127, 0, 0, 1) : target_ip();
  InterfaceInfo iface = read_interface(name);

  PcapSourceOptions options{name, "tcp port 9"};
  options.incoming_only = c.incoming_only;
  PcapSource capture(options);
  ASSERT_EQ(capture.incoming_only(), c.incoming_only);
  AfPacketSinkOptions sink_options;
  sink_options.qdisc_bypass = c.qdisc_bypass;
  AfPacketSink sink(iface, sink_options);

  auto frame = test_syn_frame(iface.mac, target_mac, source, target, 40000, 9, 5000);
  FrameRef ref{frame.data(), static_cast<std::uint32_t>(frame.size())};
  ASSERT_EQ(sink.send(&ref, 1), 1u);

  Seen seen;
  auto deadline = deadline_in(400);  // the answer is immediate; the rest is waiting for strays
  while (std::chrono::steady_clock::now() < deadline) {
    capture.dispatch(20, [&](const std::uint8_t* data, std::size_t size, std::int64_t) {
      auto reply = parse_reply(data, size, capture.link_type());
      if (!reply || reply->kind != ReplyKind::Tcp) return;
      if (reply->tcp.flags == tcp_flag::Syn) ++seen.probes;
      if (reply->tcp.flags == (tcp_flag::Rst | tcp_flag::Ack)) ++seen.answers;
    });
  }
  EXPECT_EQ(seen.probes, c.expected_probes);
  EXPECT_EQ(seen.answers, 1);
}

INSTANTIATE_TEST_SUITE_P(
    Links, CaptureDirectionTest,
    ::testing::Values(DirectionCase{"VethBothDirections", false, false, false, 1},
                      DirectionCase{"VethIncomingOnly", false, true, false, 0},
                      DirectionCase{"VethBypassHidesProbe", false, false, true, 0},
                      DirectionCase{"LoopbackBothDirections", true, false, false, 1},  // libpcap drops lo's outgoing copy
                      DirectionCase{"LoopbackIncomingOnly", true, true, false, 1},
                      DirectionCase{"LoopbackBypass", true, false, true, 1},
                      DirectionCase{"LoopbackBypassIncomingOnly", true, true, true, 1}),
    [](const auto& info) { return std::string(info.param.name); });

class LoopbackNeedsSysctls : public NamespaceTest {};

TEST_F(LoopbackNeedsSysctls, OwnAddressPlanIsRefusedUntilTheKernelWouldAcceptTheFrames) {
  const Ipv4 own = *Ipv4::parse(VethPair::kScannerAddress);
  {
    EnterNamespace inside(lab_->scanner);
    try {
      plan_next_hop_on_host({{own, own}}, {});
      FAIL() << "expected SystemError";
    } catch (const SystemError& error) {
      EXPECT_NE(std::string(error.what()).find("accept_local=1"), std::string::npos) << error.what();
    }
  }
  lab_->scanner.sysctl("net.ipv4.conf.lo.accept_local=1");
  EnterNamespace inside(lab_->scanner);
  auto plan = plan_next_hop_on_host({{own, own}}, {});
  EXPECT_EQ(plan.interface.name, "lo");
}

TEST_F(LoopbackNeedsSysctls, LocalhostPlanNeedsNoneThroughTheIpLayer) {
  // accept_local and route_localnet untouched (0 in a fresh namespace).
  EnterNamespace inside(lab_->scanner);
  auto plan = plan_next_hop_on_host({{Ipv4::from_octets(127, 0, 0, 1), Ipv4::from_octets(127, 0, 0, 9)}}, {});
  EXPECT_EQ(plan.interface.name, "lo");
}

}  // namespace
}  // namespace zeroscan
