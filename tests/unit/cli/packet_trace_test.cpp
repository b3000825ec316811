// --packet-trace: nmap-style lines, oldest first across threads, a rate
// budget, and frames that do not fit counted instead of waited for.
#include "zeroscan/cli/packet_trace.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <climits>
#include <cstring>
#include <sstream>
#include <vector>

namespace zeroscan {
namespace {

// Ethernet + IPv4 + TCP (no options) from 198.18.0.1:40000 to 198.18.0.7:port.
std::vector<std::uint8_t> tcp_frame(std::uint16_t port, std::uint8_t flags, bool reply = false) {
  std::vector<std::uint8_t> f(14 + 40, 0);
  f[12] = 0x08;
  std::uint8_t* ip = f.data() + 14;
  ip[0] = 0x45;
  ip[3] = 40;
  ip[4] = 0x04, ip[5] = 0xd2;  // id 1234
  ip[8] = 64;
  ip[9] = 6;
  const std::uint8_t a[4] = {198, 18, 0, 1}, b[4] = {198, 18, 0, 7};
  std::memcpy(ip + 12, reply ? b : a, 4);
  std::memcpy(ip + 16, reply ? a : b, 4);
  std::uint8_t* tcp = ip + 20;
  const std::uint16_t from = reply ? port : 40000, to = reply ? 40000 : port;
  tcp[0] = from >> 8, tcp[1] = from & 0xff, tcp[2] = to >> 8, tcp[3] = to & 0xff;
  tcp[7] = 100;                 // seq 100
  if (reply) tcp[11] = 101;     // ack 101
  tcp[12] = 5 << 4;
  tcp[13] = flags;
  tcp[14] = 0x04, tcp[15] = 0x00;  // win 1024
  std::uint32_t sum = 0;  // the IP header checksum the parser insists on
  for (int i = 0; i < 20; i += 2) sum += std::uint32_t(ip[i] << 8 | ip[i + 1]);
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  ip[10] = std::uint8_t(~sum >> 8), ip[11] = std::uint8_t(~sum);
  return f;
}

class CountingSink : public PacketSink {
 public:
  std::size_t send(const FrameRef*, std::size_t count) override { return sent += count, count; }
  std::size_t sent = 0;
};

TEST(PacketTraceTest, LinesReadAsNmapPrintsThem) {
  const auto syn = tcp_frame(80, tcp_flag::Syn);
  const auto reply = parse_reply(syn.data(), syn.size(), LinkType::Ethernet);
  ASSERT_TRUE(reply);
  EXPECT_EQ(format_trace_line("SENT", 0.0123, *reply),
            "SENT (0.0123s) TCP 198.18.0.1:40000 > 198.18.0.7:80 S ttl=64 id=1234 iplen=40 seq=100 win=1024");
  const auto synack = tcp_frame(80, tcp_flag::Syn | tcp_flag::Ack, true);
  EXPECT_EQ(format_trace_line("RCVD", 1.5, *parse_reply(synack.data(), synack.size(), LinkType::Ethernet)),
            "RCVD (1.5000s) TCP 198.18.0.7:80 > 198.18.0.1:40000 SA ttl=64 id=1234 iplen=40 seq=100 ack=101 win=1024");
}

TEST(PacketTraceTest, EchoRequestsAndRepliesOfADiscoveryAreTraced) {
  Reply echo;
  echo.kind = ReplyKind::IcmpEcho;
  echo.ip.src = Ipv4::from_octets(198, 18, 0, 1);
  echo.ip.dst = Ipv4::from_octets(198, 18, 0, 7);
  echo.ip.ttl = 64;
  echo.ip.id = 1234;
  echo.ip.total_length = 28;
  echo.icmp.type = 8;
  echo.icmp.echo = 0x00070009;
  EXPECT_EQ(format_trace_line("SENT", 0.5, echo),
            "SENT (0.5000s) ICMP [198.18.0.1 > 198.18.0.7 Echo request (type=8/code=0) id=7 seq=9] IP "
            "[ttl=64 id=1234 iplen=28]");
  std::swap(echo.ip.src, echo.ip.dst);
  echo.icmp.type = 0;
  EXPECT_NE(format_trace_line("RCVD", 0.6, echo).find("198.18.0.7 > 198.18.0.1 Echo reply (type=0/code=0) id=7 seq=9"),
            std::string::npos);
}

TEST(PacketTraceTest, SinkPassesFramesOnAndTheTracePrintsThemInTimeOrder) {
  std::ostringstream out, note;
  PacketTrace trace(out, note);
  TraceRing& sent = trace.add_ring("SENT", LinkType::Ethernet);
  TraceRing& received = trace.add_ring("RCVD", LinkType::Ethernet);
  CountingSink inner;
  TappedSink sink(inner, sent);
  const auto syn = tcp_frame(22, tcp_flag::Syn);
  const FrameRef frame{syn.data(), std::uint32_t(syn.size())};
  ASSERT_EQ(sink.send(&frame, 1), 1u);
  EXPECT_EQ(inner.sent, 1u);
  const auto rst = tcp_frame(22, tcp_flag::Rst | tcp_flag::Ack, true);
  received.push(rst.data(), rst.size(), INT64_MAX);  // later than the SENT line
  EXPECT_EQ(trace.print(10), 2u);
  const std::string text = out.str();
  const auto sent_at = text.find("SENT"), received_at = text.find("RCVD");
  ASSERT_NE(sent_at, std::string::npos) << text;
  ASSERT_NE(received_at, std::string::npos) << text;
  EXPECT_LT(sent_at, received_at);
  EXPECT_NE(text.find(" RA "), std::string::npos) << text;
  trace.stop();
  EXPECT_EQ(trace.suppressed(), 0u);
  EXPECT_TRUE(note.str().empty());
}

TEST(PacketTraceTest, BudgetAndFullRingsAreCountedNotWaitedFor) {
  std::ostringstream out, note;
  PacketTrace trace(out, note, 10);  // 1 line per 100 ms tick
  TraceRing& ring = trace.add_ring("SENT", LinkType::Ethernet);
  const auto syn = tcp_frame(443, tcp_flag::Syn);
  std::size_t accepted = 0;
  for (std::size_t i = 0; i < TraceRing::kCapacity + 5; ++i) accepted += ring.push(syn.data(), syn.size(), 1);
  EXPECT_EQ(accepted, TraceRing::kCapacity);
  EXPECT_EQ(ring.dropped(), 5u);
  EXPECT_EQ(trace.print(3), 3u);
  trace.stop();  // one more tick's line, the rest counted
  const std::string text = out.str();
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 4);
  EXPECT_EQ(trace.suppressed(), TraceRing::kCapacity + 5 - 4);
  EXPECT_NE(note.str().find("not shown (at most 10 lines/s)"), std::string::npos) << note.str();
}

TEST(PacketTraceTest, UnparsableFramesAreSkipped) {
  std::ostringstream out, note;
  PacketTrace trace(out, note);
  TraceRing& ring = trace.add_ring("RCVD", LinkType::Ethernet);
  const std::uint8_t junk[10] = {};
  ring.push(junk, sizeof junk, 1);
  EXPECT_EQ(trace.print(5), 0u);
  EXPECT_EQ(ring.front(), nullptr);
}

}  // namespace
}  // namespace zeroscan
