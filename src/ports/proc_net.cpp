// /proc/net/{tcp,udp}[6] parsing. Columns: sl, local "ADDR:PORT", remote
// "ADDR:PORT", state, tx:rx queues, timer, retransmits, uid, timeout, inode.
#include "zeroscan/ports/proc_net.h"

#include <arpa/inet.h>

#include <array>
#include <cstring>
#include <fstream>
#include <sstream>

#include "text_util.h"
#include "zeroscan/core/errors.h"

namespace zeroscan::ports {
namespace {

bool parse_hex_u32(std::string_view s, std::uint32_t& value) {
  if (s.empty() || s.size() > 8) return false;
  value = 0;
  for (char c : s) {
    int digit;
    if (c >= '0' && c <= '9') digit = c - '0';
    else if (c >= 'A' && c <= 'F') digit = c - 'A' + 10;
    else if (c >= 'a' && c <= 'f') digit = c - 'a' + 10;
    else return false;
    value = (value << 4) | std::uint32_t(digit);
  }
  return true;
}

bool parse_decimal(std::string_view s, std::uint64_t& value) {
  if (s.empty()) return false;
  value = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + std::uint64_t(c - '0');
  }
  return true;
}

// The kernel prints each 32-bit word of the address as a native integer, so
// copying the integer's bytes back out restores network byte order.
bool parse_address(std::string_view hex, AddressFamily family, std::string& out) {
  const std::size_t words = family == AddressFamily::Ipv4 ? 1 : 4;
  if (hex.size() != words * 8) return false;
  std::array<unsigned char, 16> bytes{};
  for (std::size_t i = 0; i < words; ++i) {
    std::uint32_t word;
    if (!parse_hex_u32(hex.substr(i * 8, 8), word)) return false;
    std::memcpy(bytes.data() + i * 4, &word, 4);
  }
  char text[INET6_ADDRSTRLEN] = {};
  const int af = family == AddressFamily::Ipv4 ? AF_INET : AF_INET6;
  if (!inet_ntop(af, bytes.data(), text, sizeof text)) return false;
  out = text;
  return true;
}

bool parse_endpoint(std::string_view field, AddressFamily family, std::string& address,
                    std::uint16_t& port) {
  const std::size_t colon = field.find(':');
  std::uint32_t port_value;
  if (colon == std::string_view::npos || !parse_hex_u32(field.substr(colon + 1), port_value) ||
      port_value > 0xFFFF)
    return false;
  port = static_cast<std::uint16_t>(port_value);
  return parse_address(field.substr(0, colon), family, address);
}

}  // namespace

bool SocketRecord::is_listening() const {
  if (protocol == Protocol::Tcp) return state == kTcpStateListen;
  return state == kUdpStateUnconnected && remote_port == 0;
}

bool SocketRecord::is_loopback() const {
  if (family == AddressFamily::Ipv4) return local_address.rfind("127.", 0) == 0;
  return local_address == "::1";
}

ProcNetTable parse_proc_net(std::string_view text_in, Protocol protocol, AddressFamily family) {
  ProcNetTable table;
  bool header = true;
  for (std::string_view line : text::lines(text_in)) {
    if (header) {  // "  sl  local_address rem_address   st ..."
      header = false;
      continue;
    }
    if (text::trim(line).empty()) continue;
    const auto fields = text::split(line, " \t");
    SocketRecord socket;
    socket.protocol = protocol;
    socket.family = family;
    std::uint32_t state;
    std::uint64_t uid, inode;
    const bool ok = fields.size() >= 10 &&
                    parse_endpoint(fields[1], family, socket.local_address, socket.local_port) &&
                    parse_endpoint(fields[2], family, socket.remote_address, socket.remote_port) &&
                    parse_hex_u32(fields[3], state) && state <= 0xFF &&
                    parse_decimal(fields[7], uid) && parse_decimal(fields[9], inode);
    if (!ok) {
      ++table.malformed_lines;
      continue;
    }
    socket.state = static_cast<std::uint8_t>(state);
    socket.uid = static_cast<std::uint32_t>(uid);
    socket.inode = inode;
    table.sockets.push_back(std::move(socket));
  }
  return table;
}

std::vector<SocketRecord> read_listening_sockets(const std::filesystem::path& net_dir) {
  struct Table {
    const char* name;
    Protocol protocol;
    AddressFamily family;
  };
  constexpr Table kTables[] = {{"tcp", Protocol::Tcp, AddressFamily::Ipv4},
                               {"tcp6", Protocol::Tcp, AddressFamily::Ipv6},
                               {"udp", Protocol::Udp, AddressFamily::Ipv4},
                               {"udp6", Protocol::Udp, AddressFamily::Ipv6}};
  std::vector<SocketRecord> listening;
  int tables_read = 0;
  for (const Table& table : kTables) {
    std::ifstream in(net_dir / table.name);
    if (!in) continue;
    ++tables_read;
    std::ostringstream text;
    text << in.rdbuf();
    for (auto& socket : parse_proc_net(text.str(), table.protocol, table.family).sockets)
      if (socket.is_listening()) listening.push_back(std::move(socket));
  }
  if (tables_read == 0)
    throw SystemError("cannot read the socket tables in " + net_dir.string() +
                      " (is /proc mounted?)");
  return listening;
}

}  // namespace zeroscan::ports
