// Root only: AfPacketSink / TxRingSink -> veth -> PcapSource, in namespaces.
// Checks bytes end to end, a real kernel's answers, and capture direction.
#include <map>
#include <thread>

#include "namespace_fixture.h"
#include "test_frames.h"
#include "zeroscan/net/af_packet_sink.h"
#include "zeroscan/net/next_hop.h"
#include "zeroscan/net/pcap_source.h"
#include "zeroscan/net/tx_ring_sink.h"
#include "zeroscan/parse/reply_parser.h"

namespace zeroscan {
namespace {

enum class SinkKind { SendMmsg, TxRing };

std::unique_ptr<PacketSink> make_sink(SinkKind kind, const InterfaceInfo& iface, bool qdisc_bypass = true) {
  if (kind == SinkKind::TxRing) {
    TxRingOptions options;
    options.qdisc_bypass = qdisc_bypass;
    return std::make_unique<TxRingSink>(iface, options);
  }
  AfPacketSinkOptions options;
  options.qdisc_bypass = qdisc_bypass;
  return std::make_unique<AfPacketSink>(iface, options);
}

// Sends every frame, retrying short counts; bounded in tries.
std::size_t send_all(PacketSink& sink, const std::vector<std::vector<std::uint8_t>>& frames) {
  std::vector<FrameRef> refs;
  for (const auto& frame : frames) refs.push_back(FrameRef{frame.data(), static_cast<std::uint32_t>(frame.size())});
  std::size_t done = 0;
  for (int tries = 0; done < refs.size() && tries < 1000; ++tries) {
    done += sink.send(refs.data() + done, refs.size() - done);
    if (done < refs.size()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return done;
}

std::vector<std::vector<std::uint8_t>> collect(PacketSource& source, std::size_t wanted, int budget_ms) {
  std::vector<std::vector<std::uint8_t>> frames;
  auto deadline = deadline_in(budget_ms);
  while (frames.size() < wanted && std::chrono::steady_clock::now() < deadline) {
    source.dispatch(20, [&](const std::uint8_t* data, std::size_t size, std::int64_t) {
      frames.emplace_back(data, data + size);
    });
  }
  return frames;
}

class RoundTripTest : public NamespaceTest, public ::testing::WithParamInterface<SinkKind> {
 protected:
  MacAddress target_mac() {
    EnterNamespace inside(lab_->target);
    return read_interface(VethPair::kTargetInterface).mac;
  }
};

TEST_P(RoundTripTest, FramesArriveBitExactAndInOrderAtTheTarget) {
  const MacAddress destination = target_mac();
  std::unique_ptr<PcapSource> capture;
  {
    EnterNamespace inside(lab_->target);
    capture = std::make_unique<PcapSource>(PcapSourceOptions{VethPair::kTargetInterface, "dst host 198.19.250.2 and tcp"});
  }
  EXPECT_EQ(capture->link_type(), LinkType::Ethernet);

  EnterNamespace inside(lab_->scanner);
  InterfaceInfo iface = read_interface(VethPair::kScannerInterface);
  auto sink = make_sink(GetParam(), iface);
  std::vector<std::vector<std::uint8_t>> frames;
  for (std::uint16_t i = 0; i < 2000; ++i) {
    frames.push_back(test_syn_frame(iface.mac, destination, scanner_ip(), target_ip(), 40000, 1 + i, i));
  }
  ASSERT_EQ(send_all(*sink, frames), frames.size());

  auto received = collect(*capture, frames.size(), 5000);
  ASSERT_EQ(received.size(), frames.size());
  for (std::size_t i = 0; i < frames.size(); ++i) ASSERT_EQ(received[i], frames[i]) << "frame " << i;
  capture->dispatch(0, [](const std::uint8_t*, std::size_t, std::int64_t) {});
  EXPECT_GE(capture->stats().received, frames.size());
  EXPECT_EQ(capture->stats().kernel_dropped, 0u);
}

TEST_P(RoundTripTest, ClosedPortsOfARealKernelAnswerWithResets) {
  const MacAddress destination = target_mac();
  EnterNamespace inside(lab_->scanner);
  InterfaceInfo iface = read_interface(VethPair::kScannerInterface);
  PcapSource capture(PcapSourceOptions{VethPair::kScannerInterface, "src host 198.19.250.2 and tcp"});
  auto sink = make_sink(GetParam(), iface);
  std::vector<std::vector<std::uint8_t>> frames;
  for (std::uint16_t port = 1; port <= 50; ++port) {
    frames.push_back(test_syn_frame(iface.mac, destination, scanner_ip(), target_ip(), 40000, port, 7000 + port));
  }
  ASSERT_EQ(send_all(*sink, frames), frames.size());

  std::map<std::uint16_t, Reply> resets;
  auto deadline = deadline_in(5000);
  while (resets.size() < frames.size() && std::chrono::steady_clock::now() < deadline) {
    capture.dispatch(20, [&](const std::uint8_t* data, std::size_t size, std::int64_t timestamp) {
      auto reply = parse_reply(data, size, capture.link_type(), timestamp);
      if (reply && reply->kind == ReplyKind::Tcp) resets[reply->tcp.src_port] = *reply;
    });
  }
  ASSERT_EQ(resets.size(), frames.size());
  for (const auto& [port, reply] : resets) {
    EXPECT_EQ(reply.tcp.flags, tcp_flag::Rst | tcp_flag::Ack) << port;
    EXPECT_EQ(reply.tcp.ack, 7000u + port + 1) << port;
    EXPECT_EQ(reply.ip.dst, scanner_ip());
    EXPECT_GT(reply.timestamp_ns, 1'600'000'000'000'000'000) << "capture time in ns since 1970";
  }
}

INSTANTIATE_TEST_SUITE_P(Sinks, RoundTripTest, ::testing::Values(SinkKind::SendMmsg, SinkKind::TxRing),
                         [](const auto& info) { return info.param == SinkKind::SendMmsg ? "SendMmsg" : "TxRing"; });

}  // namespace
}  // namespace zeroscan
