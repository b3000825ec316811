// Test support: reply frames built with libtins from a plain description, the
// Reply each one must parse to, and byte-level helpers for corrupting them.
#pragma once

#include <gtest/gtest.h>
#include <tins/dot1q.h>
#include <tins/ethernetII.h>
#include <tins/icmp.h>
#include <tins/ip.h>
#include <tins/rawpdu.h>
#include <tins/sll.h>
#include <tins/tcp.h>
#include <tins/udp.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "zeroscan/parse/reply_parser.h"

namespace zeroscan::test {

using Bytes = std::vector<std::uint8_t>;

// A TCP option with the given data; libtins derives the length byte.
inline Tins::TCP::option tcp_option(std::uint8_t kind, const Bytes& data = {}) {
  return Tins::TCP::option(kind, data.begin(), data.end());
}

inline Tins::IPv4Address tins_address(Ipv4 a) { return Tins::IPv4Address(a.to_string()); }

struct IpSpec {
  Ipv4 src = Ipv4::from_octets(127, 0, 0, 2);  // the responder
  Ipv4 dst = Ipv4::from_octets(127, 0, 0, 1);  // us
  std::uint8_t ttl = 57;
  std::uint16_t id = 0x1234;
  bool df = true;
  std::uint8_t tos = 0;
};

struct TcpSpec {
  IpSpec ip;
  std::uint16_t src_port = 443;
  std::uint16_t dst_port = 40001;
  std::uint32_t seq = 0x0a0b0c0d;
  std::uint32_t ack = 0x10203040;
  std::uint8_t flags = tcp_flag::Syn | tcp_flag::Ack;
  std::uint16_t window = 65160;
  std::uint16_t urgent = 0;
  std::vector<Tins::TCP::option> options;
  Bytes payload;
};

inline Tins::IP build_ip(const IpSpec& spec) {
  Tins::IP ip(tins_address(spec.dst), tins_address(spec.src));
  ip.ttl(spec.ttl);
  ip.id(spec.id);
  ip.tos(spec.tos);
  ip.flags(spec.df ? Tins::IP::DONT_FRAGMENT : Tins::IP::Flags(0));
  return ip;
}

inline Tins::IP build_ip_tcp(const TcpSpec& spec) {
  Tins::TCP tcp(spec.dst_port, spec.src_port);
  tcp.seq(spec.seq);
  tcp.ack_seq(spec.ack);
  tcp.flags(spec.flags);
  tcp.window(spec.window);
  tcp.urg_ptr(spec.urgent);
  for (const auto& option : spec.options) tcp.add_option(option);
  Tins::IP ip = build_ip(spec.ip) / tcp;
  if (!spec.payload.empty()) ip /= Tins::RawPDU(spec.payload);
  return ip;
}

inline Bytes ethernet_frame(const Tins::PDU& inner) {
  Tins::EthernetII frame("02:00:00:00:00:01", "02:00:00:00:00:02");
  frame /= inner;
  return frame.serialize();
}

inline Bytes serialize(Tins::PDU& pdu) { return pdu.serialize(); }

// An ICMP error from `router` to us quoting `quoted` bytes (our probe).
inline Tins::IP build_icmp_error(Tins::ICMP::Flags type, std::uint8_t code, const Bytes& quoted,
                                 Ipv4 router = Ipv4::from_octets(127, 0, 0, 254)) {
  IpSpec ip_spec;
  ip_spec.src = router;
  ip_spec.df = false;
  Tins::ICMP icmp(type);
  icmp.code(code);
  return build_ip(ip_spec) / icmp / Tins::RawPDU(quoted);
}

inline Reply expected_tcp_reply(const TcpSpec& spec, const std::string& layout) {
  Reply reply;
  reply.kind = ReplyKind::Tcp;
  reply.ip.src = spec.ip.src;
  reply.ip.dst = spec.ip.dst;
  reply.ip.ttl = spec.ip.ttl;
  reply.ip.id = spec.ip.id;
  reply.ip.df = spec.ip.df;
  reply.ip.tos = spec.ip.tos;
  reply.tcp.src_port = spec.src_port;
  reply.tcp.dst_port = spec.dst_port;
  reply.tcp.seq = spec.seq;
  reply.tcp.ack = spec.ack;
  reply.tcp.flags = spec.flags;
  reply.tcp.window = spec.window;
  reply.tcp.urgent = spec.urgent;
  reply.tcp.payload_length = std::uint16_t(spec.payload.size());
  std::copy(layout.begin(), layout.end(), reply.tcp.options.layout.begin());
  return reply;
}

inline std::uint16_t be16_at(const Bytes& b, std::size_t at) {
  return std::uint16_t((b[at] << 8) | b[at + 1]);
}

// Recomputes the IPv4 header checksum after a test edits the header, so the
// edit under test is the only thing wrong with the frame.
inline void fix_ip_checksum(Bytes& frame, std::size_t ip_offset) {
  const std::size_t ihl = std::size_t(frame[ip_offset] & 0x0f) * 4;
  frame[ip_offset + 10] = frame[ip_offset + 11] = 0;
  std::uint32_t sum = 0;
  for (std::size_t i = 0; i + 1 < ihl && ip_offset + i + 1 < frame.size(); i += 2)
    sum += be16_at(frame, ip_offset + i);
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  frame[ip_offset + 10] = std::uint8_t(~sum >> 8);
  frame[ip_offset + 11] = std::uint8_t(~sum);
}

// Parses a heap copy of exactly `size` bytes, so a sanitizer build catches
// any read past the end.
inline std::optional<Reply> parse_exact(const Bytes& frame, std::size_t size, LinkType link) {
  Bytes copy(frame.begin(), frame.begin() + std::ptrdiff_t(size));
  return parse_reply(copy.data(), copy.size(), link);
}

inline std::optional<Reply> parse_all(const Bytes& frame, LinkType link) {
  return parse_exact(frame, frame.size(), link);
}

inline std::string layout_of(const TcpOptions& options) { return options.layout.data(); }

// Field-by-field comparison with a readable failure message.
inline void expect_same_reply(const Reply& got, const Reply& want) {
  EXPECT_EQ(got.kind, want.kind);
  EXPECT_EQ(got.ip.src, want.ip.src);
  EXPECT_EQ(got.ip.dst, want.ip.dst);
  EXPECT_EQ(got.ip.ttl, want.ip.ttl);
  EXPECT_EQ(got.ip.id, want.ip.id);
  EXPECT_EQ(got.ip.df, want.ip.df);
  EXPECT_EQ(got.ip.tos, want.ip.tos);
  EXPECT_EQ(got.ip.total_length, want.ip.total_length);
  EXPECT_EQ(got.timestamp_ns, want.timestamp_ns);
  EXPECT_EQ(got.tcp.src_port, want.tcp.src_port);
  EXPECT_EQ(got.tcp.dst_port, want.tcp.dst_port);
  EXPECT_EQ(got.tcp.seq, want.tcp.seq);
  EXPECT_EQ(got.tcp.ack, want.tcp.ack);
  EXPECT_EQ(got.tcp.flags, want.tcp.flags);
  EXPECT_EQ(got.tcp.window, want.tcp.window);
  EXPECT_EQ(got.tcp.urgent, want.tcp.urgent);
  EXPECT_EQ(got.tcp.payload_length, want.tcp.payload_length);
  const TcpOptions& go = got.tcp.options;
  const TcpOptions& wo = want.tcp.options;
  EXPECT_EQ(layout_of(go), layout_of(wo));
  EXPECT_EQ(go.has_mss, wo.has_mss);
  EXPECT_EQ(go.mss, wo.mss);
  EXPECT_EQ(go.has_wscale, wo.has_wscale);
  EXPECT_EQ(go.wscale, wo.wscale);
  EXPECT_EQ(go.sack_permitted, wo.sack_permitted);
  EXPECT_EQ(go.has_timestamp, wo.has_timestamp);
  EXPECT_EQ(go.ts_val, wo.ts_val);
  EXPECT_EQ(go.ts_ecr, wo.ts_ecr);
  EXPECT_EQ(go.malformed, wo.malformed);
  EXPECT_EQ(got.icmp.type, want.icmp.type);
  EXPECT_EQ(got.icmp.code, want.icmp.code);
  EXPECT_EQ(got.icmp.quoted.src, want.icmp.quoted.src);
  EXPECT_EQ(got.icmp.quoted.dst, want.icmp.quoted.dst);
  EXPECT_EQ(got.icmp.quoted.protocol, want.icmp.quoted.protocol);
  EXPECT_EQ(got.icmp.quoted.ip_id, want.icmp.quoted.ip_id);
  EXPECT_EQ(got.icmp.quoted.src_port, want.icmp.quoted.src_port);
  EXPECT_EQ(got.icmp.quoted.dst_port, want.icmp.quoted.dst_port);
  EXPECT_EQ(got.icmp.quoted.seq, want.icmp.quoted.seq);
}

}  // namespace zeroscan::test
