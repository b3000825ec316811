// ScriptedNetwork: every scripted behaviour answers a real probe frame the
// way its script says, and the capture side keeps its timing promises.
#include <gtest/gtest.h>
#include <tins/ethernetII.h>
#include <tins/ip.h>
#include <tins/tcp.h>

#include <chrono>
#include <thread>

#include "support/hostile_frames.h"
#include "support/scripted_network.h"
#include "zeroscan/core/mac_address.h"
#include "zeroscan/parse/reply_parser.h"

namespace zeroscan {
namespace {

const Ipv4 kScanner = Ipv4::from_octets(198, 19, 250, 1);
const Ipv4 kTarget = Ipv4::from_octets(198, 19, 250, 2);
const Ipv4 kRouter = Ipv4::from_octets(198, 19, 250, 254);
const char* kScannerMac = "02:00:00:00:00:01";
const char* kTargetMac = "02:00:00:00:00:02";

struct ProbeSpec {
  std::uint16_t dst_port = 22;
  bool ack_probe = false;
  std::uint32_t seq = 0x11223344;
  std::uint32_t ack = 0;
  std::uint16_t ip_id = 4242;
  Ipv4 target = kTarget;
};

std::vector<std::uint8_t> probe_frame(const ProbeSpec& spec) {
  Tins::TCP tcp(spec.dst_port, 40001);
  tcp.flags(spec.ack_probe ? Tins::TCP::ACK : Tins::TCP::SYN);
  tcp.seq(spec.seq);
  tcp.ack_seq(spec.ack);
  if (!spec.ack_probe) {
    tcp.mss(1460);
    tcp.sack_permitted();
    tcp.timestamp(777, 0);
  }
  Tins::IP ip(spec.target.to_string(), kScanner.to_string());
  ip.id(spec.ip_id);
  Tins::EthernetII frame = Tins::EthernetII(Tins::HWAddress<6>(kTargetMac), Tins::HWAddress<6>(kScannerMac)) / ip / tcp;
  auto bytes = frame.serialize();
  return std::vector<std::uint8_t>(bytes.begin(), bytes.end());
}

void send_probe(ScriptedNetwork& net, const ProbeSpec& spec) {
  auto bytes = probe_frame(spec);
  FrameRef ref{bytes.data(), static_cast<std::uint32_t>(bytes.size())};
  ASSERT_EQ(net.send(&ref, 1), 1u);
}

struct Captured {
  std::vector<std::vector<std::uint8_t>> frames;
  std::vector<Reply> replies;  // the frames that parse
};

Captured capture(ScriptedNetwork& net, int timeout_ms = 0) {
  Captured captured;
  net.dispatch(timeout_ms, [&](const std::uint8_t* data, std::size_t size, std::int64_t) {
    captured.frames.emplace_back(data, data + size);
    if (auto reply = parse_reply(data, size, LinkType::Ethernet)) captured.replies.push_back(*reply);
  });
  return captured;
}

TEST(ScriptedNetworkTest, OpenPortAnswersSynWithSynAckAndLinuxOptions) {
  ScriptedNetwork net;
  net.script(kTarget, 22, PortBehaviour::open());
  send_probe(net, {});
  Captured got = capture(net);
  ASSERT_EQ(got.replies.size(), 1u);
  const Reply& reply = got.replies[0];
  EXPECT_EQ(reply.kind, ReplyKind::Tcp);
  EXPECT_EQ(reply.ip.src, kTarget);
  EXPECT_EQ(reply.ip.dst, kScanner);
  EXPECT_EQ(reply.ip.ttl, 64);
  EXPECT_TRUE(reply.ip.df);
  EXPECT_EQ(reply.tcp.src_port, 22);
  EXPECT_EQ(reply.tcp.dst_port, 40001);
  EXPECT_EQ(reply.tcp.flags, tcp_flag::Syn | tcp_flag::Ack);
  EXPECT_EQ(reply.tcp.ack, 0x11223345u);
  EXPECT_EQ(reply.tcp.window, 65160);
  EXPECT_STREQ(reply.tcp.options.layout.data(), "MSTNW");
  EXPECT_EQ(reply.tcp.options.mss, 1460);
  EXPECT_EQ(reply.tcp.options.wscale, 7);
  EXPECT_EQ(reply.tcp.options.ts_ecr, 777u);  // our timestamp echoed
  // The Ethernet addresses are swapped too: the reply comes back to us.
  const auto& frame = got.frames[0];
  EXPECT_EQ(MacAddress::parse(kScannerMac)->bytes, (std::array<std::uint8_t, 6>{frame[0], frame[1], frame[2], frame[3], frame[4], frame[5]}));
}

TEST(ScriptedNetworkTest, ReplyStyleChangesThePersonality) {
  ScriptedNetwork net;
  ReplyStyle windows_like;
  windows_like.ttl = 128;
  windows_like.syn_ack_window = 8192;
  windows_like.options_layout = "MNWNNS";
  windows_like.window_scale = 8;
  net.script(kTarget, 22, PortBehaviour::open().styled(windows_like));
  send_probe(net, {});
  Captured got = capture(net);
  ASSERT_EQ(got.replies.size(), 1u);
  EXPECT_EQ(got.replies[0].ip.ttl, 128);
  EXPECT_EQ(got.replies[0].tcp.window, 8192);
  EXPECT_STREQ(got.replies[0].tcp.options.layout.data(), "MNWNNS");
  EXPECT_TRUE(got.replies[0].tcp.options.sack_permitted);
  EXPECT_FALSE(got.replies[0].tcp.options.has_timestamp);
  EXPECT_EQ(got.replies[0].tcp.options.wscale, 8);
}

TEST(ScriptedNetworkTest, OpenPortAnswersAckProbeWithRstCarryingTheProbesAck) {
  ScriptedNetwork net;
  net.script(kTarget, 22, PortBehaviour::open());
  ProbeSpec spec;
  spec.ack_probe = true;
  spec.ack = 0xCAFEBABE;
  send_probe(net, spec);
  Captured got = capture(net);
  ASSERT_EQ(got.replies.size(), 1u);
  EXPECT_EQ(got.replies[0].tcp.flags, tcp_flag::Rst);
  EXPECT_EQ(got.replies[0].tcp.seq, 0xCAFEBABEu);
}

TEST(ScriptedNetworkTest, ClosedPortAnswersSynWithRstAck) {
  ScriptedNetwork net;
  net.script(kTarget, 23, PortBehaviour::closed());
  ProbeSpec spec;
  spec.dst_port = 23;
  send_probe(net, spec);
  Captured got = capture(net);
  ASSERT_EQ(got.replies.size(), 1u);
  EXPECT_EQ(got.replies[0].tcp.flags, tcp_flag::Rst | tcp_flag::Ack);
  EXPECT_EQ(got.replies[0].tcp.seq, 0u);
  EXPECT_EQ(got.replies[0].tcp.ack, 0x11223345u);
  EXPECT_EQ(got.replies[0].tcp.window, 0);
}

TEST(ScriptedNetworkTest, ClosedPortAnswersAckProbeWithRst) {
  ScriptedNetwork net;
  net.script(kTarget, 23, PortBehaviour::closed());
  ProbeSpec spec;
  spec.dst_port = 23;
  spec.ack_probe = true;
  spec.ack = 99;
  send_probe(net, spec);
  Captured got = capture(net);
  ASSERT_EQ(got.replies.size(), 1u);
  EXPECT_EQ(got.replies[0].tcp.flags, tcp_flag::Rst);
  EXPECT_EQ(got.replies[0].tcp.seq, 99u);
}

TEST(ScriptedNetworkTest, DroppedProbeIsRecordedButNeverAnswered) {
  ScriptedNetwork net;
  net.script(kTarget, 25, PortBehaviour::drop());
  ProbeSpec spec;
  spec.dst_port = 25;
  send_probe(net, spec);
  EXPECT_EQ(capture(net, 20).frames.size(), 0u);
  EXPECT_EQ(net.sent_count(), 1u);
  EXPECT_EQ(net.sent_frames()[0], probe_frame(spec));
}

TEST(ScriptedNetworkTest, IcmpUnreachableQuotesTheProbe) {
  ScriptedNetwork net;
  net.script(kTarget, 443, PortBehaviour::icmp_unreachable(13).from(kRouter));
  ProbeSpec spec;
  spec.dst_port = 443;
  send_probe(net, spec);
  Captured got = capture(net);
  ASSERT_EQ(got.replies.size(), 1u);
  const Reply& reply = got.replies[0];
  ASSERT_EQ(reply.kind, ReplyKind::IcmpError);
  EXPECT_EQ(reply.ip.src, kRouter);
  EXPECT_EQ(reply.ip.dst, kScanner);
  EXPECT_EQ(reply.icmp.type, 3);
  EXPECT_EQ(reply.icmp.code, 13);
  EXPECT_EQ(reply.icmp.quoted.src, kScanner);
  EXPECT_EQ(reply.icmp.quoted.dst, kTarget);
  EXPECT_EQ(reply.icmp.quoted.src_port, 40001);
  EXPECT_EQ(reply.icmp.quoted.dst_port, 443);
  EXPECT_EQ(reply.icmp.quoted.seq, 0x11223344u);
  EXPECT_EQ(reply.icmp.quoted.ip_id, 4242);
}

TEST(ScriptedNetworkTest, IcmpFromTheTargetItselfByDefault) {
  ScriptedNetwork net;
  net.script(kTarget, 443, PortBehaviour::icmp_unreachable(3));
  ProbeSpec spec;
  spec.dst_port = 443;
  send_probe(net, spec);
  Captured got = capture(net);
  ASSERT_EQ(got.replies.size(), 1u);
  EXPECT_EQ(got.replies[0].ip.src, kTarget);
  EXPECT_EQ(got.replies[0].icmp.code, 3);
}

TEST(ScriptedNetworkTest, DuplicateDeliversEveryCopy) {
  ScriptedNetwork net;
  net.script(kTarget, 22, PortBehaviour::open().duplicate(3));
  send_probe(net, {});
  Captured got = capture(net);
  ASSERT_EQ(got.frames.size(), 3u);
  EXPECT_EQ(got.frames[0], got.frames[2]);
}

TEST(ScriptedNetworkTest, DelayHoldsTheReplyBackForThatManyDispatchCalls) {
  ScriptedNetwork net;
  net.script(kTarget, 22, PortBehaviour::open().delay(2));
  send_probe(net, {});
  EXPECT_EQ(capture(net).frames.size(), 0u);
  EXPECT_EQ(capture(net).frames.size(), 0u);
  EXPECT_EQ(capture(net).frames.size(), 1u);
  EXPECT_EQ(net.pending_frames(), 0u);
}

TEST(ScriptedNetworkTest, ExactScriptBeatsHostScriptBeatsDefault) {
  ScriptedNetwork net;
  const Ipv4 other = Ipv4::from_octets(198, 19, 250, 3);
  net.set_default(PortBehaviour::closed());
  net.script_host(kTarget, PortBehaviour::drop());
  net.script(kTarget, 22, PortBehaviour::open());

  send_probe(net, {});                        // exact: open
  ProbeSpec host_wide;
  host_wide.dst_port = 80;                    // host script: drop
  send_probe(net, host_wide);
  ProbeSpec unscripted;
  unscripted.target = other;                  // default: closed
  send_probe(net, unscripted);

  Captured got = capture(net);
  ASSERT_EQ(got.replies.size(), 2u);
  EXPECT_EQ(got.replies[0].tcp.flags, tcp_flag::Syn | tcp_flag::Ack);
  EXPECT_EQ(got.replies[1].ip.src, other);
  EXPECT_EQ(got.replies[1].tcp.flags, tcp_flag::Rst | tcp_flag::Ack);
}

TEST(ScriptedNetworkTest, NonProbeFramesAreRecordedAndIgnored) {
  ScriptedNetwork net;
  net.set_default(PortBehaviour::open());
  std::vector<std::uint8_t> garbage = {1, 2, 3};
  auto syn_ack = probe_frame({});
  syn_ack[14 + 20 + 13] = tcp_flag::Syn | tcp_flag::Ack;  // not a probe we answer
  FrameRef frames[] = {{garbage.data(), 3}, {syn_ack.data(), static_cast<std::uint32_t>(syn_ack.size())}};
  EXPECT_EQ(net.send(frames, 2), 2u);
  EXPECT_EQ(net.sent_count(), 2u);
  EXPECT_EQ(capture(net).frames.size(), 0u);
}

TEST(ScriptedNetworkTest, AcceptAtMostReturnsShortCounts) {
  ScriptedNetwork net;
  net.accept_at_most(2);
  auto bytes = probe_frame({});
  std::vector<FrameRef> frames(5, FrameRef{bytes.data(), static_cast<std::uint32_t>(bytes.size())});
  EXPECT_EQ(net.send(frames.data(), frames.size()), 2u);
  EXPECT_EQ(net.send(frames.data() + 2, 3), 2u);
  EXPECT_EQ(net.sent_count(), 4u);
}

TEST(ScriptedNetworkTest, InjectedFramesArriveVerbatimInOrder) {
  ScriptedNetwork net;
  auto hostile = hostile_frames(kScanner);
  for (const HostileFrame& frame : hostile) net.inject(frame.bytes);
  Captured got = capture(net);
  ASSERT_EQ(got.frames.size(), hostile.size());
  for (std::size_t i = 0; i < hostile.size(); ++i) EXPECT_EQ(got.frames[i], hostile[i].bytes) << hostile[i].name;
  EXPECT_EQ(net.stats().received, hostile.size());
}

TEST(ScriptedNetworkTest, HostileFramesThatTheParserMustRefuseAreRefused) {
  // The cases reply_parser.h promises to reject; the others it may parse
  // (flagging malformed options), but it must survive all of them.
  const std::vector<std::string> must_refuse = {
      "empty frame", "one byte", "ethernet header only", "ip header cut in half", "tcp header cut in half",
      "ip header length 4 bytes", "later fragment", "bad ip checksum", "udp protocol number", "arp ethertype",
      "ipv6 ethertype", "vlan tag cut short", "tcp data offset 2 words", "tcp data offset 15 words"};
  for (const HostileFrame& frame : hostile_frames(kScanner)) {
    auto reply = parse_reply(frame.bytes.data(), frame.bytes.size(), LinkType::Ethernet);
    bool refuse = std::find(must_refuse.begin(), must_refuse.end(), frame.name) != must_refuse.end();
    if (refuse) {
      EXPECT_FALSE(reply.has_value()) << frame.name;
    }
  }
}

TEST(ScriptedNetworkTest, WaitingDispatchWakesAsSoonAsAReplyIsQueued) {
  ScriptedNetwork net;
  net.script(kTarget, 22, PortBehaviour::open());
  int handled = -1;
  auto start = std::chrono::steady_clock::now();
  std::thread receiver([&] { handled = net.dispatch(5000, [](const std::uint8_t*, std::size_t, std::int64_t) {}); });
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  send_probe(net, {});
  receiver.join();
  EXPECT_EQ(handled, 1);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

TEST(ScriptedNetworkTest, SendAndDispatchFromTwoThreadsLoseNothing) {
  ScriptedNetwork net;
  net.set_default(PortBehaviour::closed());
  constexpr int kProbes = 2000;
  std::thread sender([&] {
    for (int i = 0; i < kProbes; ++i) {
      ProbeSpec spec;
      spec.dst_port = static_cast<std::uint16_t>(1 + i);
      spec.seq = static_cast<std::uint32_t>(i);
      auto bytes = probe_frame(spec);
      FrameRef ref{bytes.data(), static_cast<std::uint32_t>(bytes.size())};
      net.send(&ref, 1);
    }
  });
  std::vector<bool> seen(kProbes, false);
  int received = 0;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (received < kProbes && std::chrono::steady_clock::now() < deadline) {
    net.dispatch(10, [&](const std::uint8_t* data, std::size_t size, std::int64_t) {
      auto reply = parse_reply(data, size, LinkType::Ethernet);
      if (reply && reply->tcp.ack >= 1 && reply->tcp.ack <= kProbes) seen[reply->tcp.ack - 1] = true;
      ++received;
    });
  }
  sender.join();
  EXPECT_EQ(received, kProbes);
  EXPECT_EQ(std::count(seen.begin(), seen.end(), true), kProbes);
}

TEST(ScriptedNetworkTest, TimestampsComeFromTheInjectedClock) {
  std::int64_t now = 1'000'000'000;
  ScriptedNetwork net([&now] { return now += 1000; });
  net.inject({1, 2, 3});
  net.inject({4, 5, 6});
  std::vector<std::int64_t> stamps;
  net.dispatch(0, [&](const std::uint8_t*, std::size_t, std::int64_t ts) { stamps.push_back(ts); });
  EXPECT_EQ(stamps, (std::vector<std::int64_t>{1'000'001'000, 1'000'002'000}));
}

}  // namespace
}  // namespace zeroscan
