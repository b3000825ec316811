// Reading the kernel's socket tables (/proc/net/{tcp,tcp6,udp,udp6}): a pure
// parser over the text, and a thin reader that picks out the listening
// sockets. Note that /proc/net shows the network namespace of the reader.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "zeroscan/ports/port_entry.h"

namespace zeroscan::ports {

enum class AddressFamily : std::uint8_t { Ipv4, Ipv6 };

// Kernel socket states as /proc/net prints them (include/net/tcp_states.h).
inline constexpr std::uint8_t kTcpStateListen = 0x0A;
inline constexpr std::uint8_t kUdpStateUnconnected = 0x07;  // TCP_CLOSE, reused by UDP

struct SocketRecord {
  Protocol protocol = Protocol::Tcp;
  AddressFamily family = AddressFamily::Ipv4;
  std::string local_address;   // "127.0.0.1", "::"
  std::uint16_t local_port = 0;
  std::string remote_address;
  std::uint16_t remote_port = 0;
  std::uint8_t state = 0;
  std::uint32_t uid = 0;
  std::uint64_t inode = 0;     // matches "socket:[inode]" links in /proc/<pid>/fd

  // A TCP socket in LISTEN, or a UDP socket bound but not connected.
  bool is_listening() const;
  bool is_loopback() const;    // bound to 127.0.0.0/8 or ::1 only
};

struct ProcNetTable {
  std::vector<SocketRecord> sockets;
  std::size_t malformed_lines = 0;  // skipped, not fatal: the kernel format is stable
};

// Parses one table. The addresses are the kernel's raw words printed in
// host byte order, so they are decoded with this machine's endianness.
ProcNetTable parse_proc_net(std::string_view text, Protocol protocol, AddressFamily family);

// Listening sockets from tcp, tcp6, udp, udp6 under net_dir (usually
// /proc/net). Missing IPv6 tables (kernel without IPv6) are fine; if no
// table can be read at all it throws SystemError.
std::vector<SocketRecord> read_listening_sockets(const std::filesystem::path& net_dir);

}  // namespace zeroscan::ports
