// Reply: what the hand-written parser (ReplyView) extracts from one captured
// frame. A plain value: classify, fingerprint and output read it, nobody
// needs the raw bytes afterwards. All integers are host byte order.
#pragma once

#include <array>
#include <cstdint>

#include "zeroscan/core/ipv4.h"
#include "zeroscan/core/ipv6.h"

namespace zeroscan {

namespace tcp_flag {
inline constexpr std::uint8_t Fin = 0x01;
inline constexpr std::uint8_t Syn = 0x02;
inline constexpr std::uint8_t Rst = 0x04;
inline constexpr std::uint8_t Psh = 0x08;
inline constexpr std::uint8_t Ack = 0x10;
inline constexpr std::uint8_t Urg = 0x20;
inline constexpr std::uint8_t Ece = 0x40;
inline constexpr std::uint8_t Cwr = 0x80;
}  // namespace tcp_flag

// TCP options as the remote stack laid them out. `layout` keeps the order
// as letters (M=MSS, N=NOP, W=window scale, S=SACK permitted, T=timestamp,
// E=end of list, ?=other) — the same alphabet as the Hershel+ data.
struct TcpOptions {
  std::array<char, 41> layout{};  // NUL-terminated, at most 40 option bytes
  bool has_mss = false;
  std::uint16_t mss = 0;
  bool has_wscale = false;
  std::uint8_t wscale = 0;
  bool sack_permitted = false;
  bool has_timestamp = false;
  std::uint32_t ts_val = 0;
  std::uint32_t ts_ecr = 0;
  bool malformed = false;  // a length ran past the header: parsing stopped there
};

struct IpFields {
  Ipv4 src;
  Ipv4 dst;
  std::uint8_t ttl = 0;
  std::uint16_t id = 0;
  bool df = false;
  std::uint8_t tos = 0;
  std::uint16_t total_length = 0;
};

// Which IP version a reply came over. For IPv6 replies `ip6` holds the
// outer header; IpFields keeps only what means the same in both versions
// (ttl = hop limit, tos = traffic class, total_length = 40 + payload
// length) and its IPv4 addresses stay 0.0.0.0, so IPv4-only code can never
// mistake an IPv6 reply for one of its own.
enum class IpFamily : std::uint8_t { V4 = 4, V6 = 6 };

struct Ipv6Fields {
  Ipv6 src;
  Ipv6 dst;
  std::uint32_t flow_label = 0;
  std::uint8_t hop_limit = 0;
  std::uint8_t traffic_class = 0;
  std::uint16_t payload_length = 0;  // as the header says: extension headers included
  std::uint8_t extension_headers = 0;  // how many were skipped before the upper layer
};

struct TcpFields {
  std::uint16_t src_port = 0;
  std::uint16_t dst_port = 0;
  std::uint32_t seq = 0;
  std::uint32_t ack = 0;
  std::uint8_t flags = 0;
  std::uint16_t window = 0;
  std::uint16_t urgent = 0;
  std::uint16_t payload_length = 0;
  TcpOptions options;
};

// The original probe as quoted inside an ICMP error (RFC 792: IP header +
// at least 8 bytes of the transport header, which covers ports and seq).
struct QuotedProbe {
  Ipv4 src;  // our address
  Ipv4 dst;  // the target
  std::uint8_t protocol = 0;
  std::uint16_t ip_id = 0;
  std::uint16_t src_port = 0;
  std::uint16_t dst_port = 0;
  std::uint32_t seq = 0;
};

// An ICMP error quoting an ICMP echo request (IPv6: an ICMPv6 one) keeps
// that request's first 8 bytes in the same QuotedProbe fields: src_port =
// type << 8 | code, dst_port = checksum, seq = identifier << 16 | sequence.
struct IcmpFields {
  std::uint8_t type = 0;
  std::uint8_t code = 0;
  QuotedProbe quoted;   // IcmpError only
  // IcmpEcho only (type 0 reply, 8 request; ICMPv6 129, 128): identifier << 16 | sequence.
  std::uint32_t echo = 0;
};

enum class ReplyKind : std::uint8_t { Tcp, IcmpError, IcmpEcho };

struct Reply {
  ReplyKind kind = ReplyKind::Tcp;
  IpFields ip;      // the outer IP header (the responder's)
  IpFamily family = IpFamily::V4;
  Ipv6Fields ip6;   // valid when family == V6
  // An ICMPv6 error's quoted IPv6 header (our probe: its addresses, flow
  // label, hop limit left); icmp.quoted keeps protocol, ports and seq for
  // both families, its IPv4 addresses 0.0.0.0 here.
  Ipv6Fields quoted_ip6;
  TcpFields tcp;    // valid when kind == Tcp
  IcmpFields icmp;  // valid when kind == IcmpError or IcmpEcho
  std::int64_t timestamp_ns = 0;  // capture time (CLOCK_REALTIME ns)
};

}  // namespace zeroscan
