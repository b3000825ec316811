// Parsing /proc/net socket tables from fixture text shaped like a
// little-endian x86 kernel's output: IPv4 and IPv6 addresses, LISTEN (0A)
// for TCP, unconnected (07) for UDP, and tolerance of malformed lines.
#include <cstring>

#include <gtest/gtest.h>

#include "zeroscan/ports/proc_net.h"

namespace zeroscan::ports {
namespace {

bool little_endian() {
  const std::uint16_t one = 1;
  unsigned char first;
  std::memcpy(&first, &one, 1);
  return first == 1;
}

class ProcNetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!little_endian()) GTEST_SKIP() << "fixtures are captured from a little-endian kernel";
  }
};

constexpr const char* kTcp =
    "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
    "   0: 0100007F:0CEA 00000000:0000 0A 00000000:00000000 00:00000000 00000000   113        0 23456 1 0000000000000000 100 0 0 10 0\n"
    "   1: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 12345 1 0000000000000000 100 0 0 10 0\n"
    "   2: 0F02000A:0016 0202000A:C350 01 00000000:00000000 02:000A7C12 00000000     0        0 34567 4 0000000000000000 20 4 29 10 -1\n";

constexpr const char* kTcp6 =
    "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
    "   0: 00000000000000000000000000000000:0016 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 22222 1 0000000000000000 100 0 0 10 0\n"
    "   1: 00000000000000000000000001000000:0277 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 33333 1 0000000000000000 100 0 0 10 0\n"
    "   2: 0000000000000000FFFF00000100007F:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 44444 1 0000000000000000 100 0 0 10 0\n";

constexpr const char* kUdp =
    "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n"
    "  123: 00000000:0044 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 41000 2 0000000000000000 0\n"
    "  124: 3500007F:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000   101        0 41001 2 0000000000000000 0\n"
    "  125: 0F02000A:A1B2 08080808:0035 01 00000000:00000000 00:00000000 00000000  1000        0 41002 2 0000000000000000 0\n";

constexpr const char* kUdp6 =
    "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n"
    "   7: 00000000000000000000000000000000:14E9 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000   107        0 51000 2 0000000000000000 0\n";

TEST_F(ProcNetTest, DecodesIpv4TcpLines) {
  const auto table = parse_proc_net(kTcp, Protocol::Tcp, AddressFamily::Ipv4);
  ASSERT_EQ(table.sockets.size(), 3u);
  EXPECT_EQ(table.malformed_lines, 0u);
  const SocketRecord& mysql = table.sockets[0];
  EXPECT_EQ(mysql.local_address, "127.0.0.1");
  EXPECT_EQ(mysql.local_port, 3306);
  EXPECT_EQ(mysql.state, kTcpStateListen);
  EXPECT_EQ(mysql.uid, 113u);
  EXPECT_EQ(mysql.inode, 23456u);
  EXPECT_TRUE(mysql.is_listening());
  EXPECT_TRUE(mysql.is_loopback());
  EXPECT_EQ(table.sockets[1].local_address, "0.0.0.0");
  EXPECT_FALSE(table.sockets[1].is_loopback());
  const SocketRecord& established = table.sockets[2];
  EXPECT_EQ(established.local_address, "10.0.2.15");
  EXPECT_EQ(established.remote_address, "10.0.2.2");
  EXPECT_EQ(established.remote_port, 50000);
  EXPECT_FALSE(established.is_listening());
}

TEST_F(ProcNetTest, DecodesIpv6TcpLines) {
  const auto table = parse_proc_net(kTcp6, Protocol::Tcp, AddressFamily::Ipv6);
  ASSERT_EQ(table.sockets.size(), 3u);
  EXPECT_EQ(table.sockets[0].local_address, "::");
  EXPECT_EQ(table.sockets[0].local_port, 22);
  EXPECT_EQ(table.sockets[1].local_address, "::1");
  EXPECT_EQ(table.sockets[1].local_port, 631);
  EXPECT_TRUE(table.sockets[1].is_loopback());
  EXPECT_EQ(table.sockets[2].local_address, "::ffff:127.0.0.1");
  EXPECT_EQ(table.sockets[2].local_port, 8080);
  EXPECT_EQ(table.sockets[2].uid, 1000u);
  for (const auto& s : table.sockets) EXPECT_EQ(s.family, AddressFamily::Ipv6);
}

TEST_F(ProcNetTest, UdpListensOnlyWhenUnconnected) {
  const auto table = parse_proc_net(kUdp, Protocol::Udp, AddressFamily::Ipv4);
  ASSERT_EQ(table.sockets.size(), 3u);
  EXPECT_EQ(table.sockets[0].local_port, 68);
  EXPECT_EQ(table.sockets[0].state, kUdpStateUnconnected);
  EXPECT_TRUE(table.sockets[0].is_listening());
  EXPECT_EQ(table.sockets[1].local_address, "127.0.0.53");
  EXPECT_TRUE(table.sockets[1].is_listening());
  EXPECT_EQ(table.sockets[2].remote_address, "8.8.8.8");
  EXPECT_FALSE(table.sockets[2].is_listening());  // connected (state 01)
}

TEST_F(ProcNetTest, DecodesIpv6UdpLines) {
  const auto table = parse_proc_net(kUdp6, Protocol::Udp, AddressFamily::Ipv6);
  ASSERT_EQ(table.sockets.size(), 1u);
  EXPECT_EQ(table.sockets[0].local_address, "::");
  EXPECT_EQ(table.sockets[0].local_port, 5353);
  EXPECT_TRUE(table.sockets[0].is_listening());
}

TEST_F(ProcNetTest, UdpStateListenCodeDoesNotMeanListening) {
  // 0A is LISTEN only for TCP; a UDP line never uses it, and must not count.
  const std::string text = std::string("header\n") +
      "   0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 2 0 0\n";
  const auto table = parse_proc_net(text, Protocol::Udp, AddressFamily::Ipv4);
  ASSERT_EQ(table.sockets.size(), 1u);
  EXPECT_FALSE(table.sockets[0].is_listening());
}

struct MalformedLine {
  const char* line;
};

class ProcNetMalformedTest : public ::testing::TestWithParam<MalformedLine> {};

TEST_P(ProcNetMalformedTest, IsSkippedAndCounted) {
  const std::string text = std::string("header\n") + GetParam().line + "\n" +
      "   1: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 12345 1\n";
  const auto table = parse_proc_net(text, Protocol::Tcp, AddressFamily::Ipv4);
  EXPECT_EQ(table.malformed_lines, 1u);
  ASSERT_EQ(table.sockets.size(), 1u);
  EXPECT_EQ(table.sockets[0].local_port, 22);
}

INSTANTIATE_TEST_SUITE_P(
    Lines, ProcNetMalformedTest,
    ::testing::Values(
        MalformedLine{"   0: 0100007F:0CEA"},  // truncated
        MalformedLine{"   0: 0100007:0CEA 00000000:0000 0A 0:0 0:0 0 0 0 1"},   // 7-digit address
        MalformedLine{"   0: 0100007F 00000000:0000 0A 0:0 0:0 0 0 0 1"},       // no port
        MalformedLine{"   0: 0100007F:1FFFF 00000000:0000 0A 0:0 0:0 0 0 0 1"}, // port > 65535
        MalformedLine{"   0: 0100007F:0016 00000000:0000 0A 0:0 0:0 0 x 0 1"},  // uid not a number
        MalformedLine{"   0: 0100007F:0016 00000000:0000 ZZ 0:0 0:0 0 0 0 1"},  // state not hex
        MalformedLine{"   0: 0100007G:0016 00000000:0000 0A 0:0 0:0 0 0 0 1"}));// not hex

}  // namespace
}  // namespace zeroscan::ports
