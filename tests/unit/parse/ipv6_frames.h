// Test support: IPv6 reply frames built with libtins, and extension headers
// spliced in by hand (libtins 4.0 does not lay out every header kind), for
// the IPv6 parser tests.
#pragma once

#include <tins/ethernetII.h>
#include <tins/icmpv6.h>
#include <tins/ipv6.h>
#include <tins/rawpdu.h>
#include <tins/sll.h>
#include <tins/tcp.h>
#include <tins/udp.h>

#include <cstdint>
#include <vector>

#include "zeroscan/core/ipv6.h"
#include "zeroscan/parse/ipv6_reply_parser.h"

namespace zeroscan::test6 {

using Bytes = std::vector<std::uint8_t>;

inline const Ipv6 kUs = *Ipv6::parse("2001:2::1");
inline const Ipv6 kTarget = *Ipv6::parse("2001:2:0:7::80");
inline const Ipv6 kRouter = *Ipv6::parse("2001:2::fffe");

inline Tins::IPv6Address tins_address(Ipv6 address) {
  std::uint8_t bytes[16];
  address.to_bytes(bytes);
  return Tins::IPv6Address(bytes);
}

inline Tins::IPv6 ipv6_header(Ipv6 src, Ipv6 dst, std::uint8_t hop_limit = 57,
                              std::uint32_t flow_label = 0x12345, std::uint8_t traffic_class = 0x28) {
  Tins::IPv6 ip(tins_address(dst), tins_address(src));
  ip.hop_limit(hop_limit);
  ip.flow_label(flow_label);
  ip.traffic_class(traffic_class);
  return ip;
}

// A SYN-ACK from the target to us with Linux's option set.
inline Tins::TCP syn_ack_segment(std::uint16_t src_port = 443, std::uint16_t dst_port = 40001) {
  Tins::TCP tcp(dst_port, src_port);
  tcp.flags(Tins::TCP::SYN | Tins::TCP::ACK);
  tcp.seq(0x0a0b0c0d);
  tcp.ack_seq(0x10203040);
  tcp.window(64800);
  tcp.mss(1440);
  tcp.sack_permitted();
  tcp.timestamp(7, 9);
  tcp.add_option(Tins::TCP::option(Tins::TCP::NOP));
  tcp.winscale(7);
  return tcp;
}

inline Bytes serialize(Tins::PDU&& pdu) { return pdu.serialize(); }

inline Bytes ethernet(const Bytes& ip_packet) {
  const std::uint8_t header[14] = {0x02, 0, 0, 0, 0, 1, 0x02, 0, 0, 0, 0, 2, 0x86, 0xdd};
  Bytes frame(sizeof header + ip_packet.size());
  std::copy(std::begin(header), std::end(header), frame.begin());
  std::copy(ip_packet.begin(), ip_packet.end(), frame.begin() + sizeof header);
  return frame;
}

// One extension header to splice in: its type and its bytes, whose first
// (next header) byte is filled in by the splice.
struct Extension {
  std::uint8_t type;
  Bytes bytes;
};

// Options header (hop-by-hop 0, destination options 60) of 8·(units + 1)
// bytes: next header, length, then PadN.
inline Extension options_header(std::uint8_t type, std::uint8_t units = 0) {
  Bytes b(8 * (std::size_t(units) + 1), 0);
  b[1] = units;
  b[2] = 1;  // PadN covering the rest
  b[3] = std::uint8_t(b.size() - 4);
  return {type, b};
}

// Routing header type 4 (segment routing) with no segments left.
inline Extension routing_header() { return {43, Bytes{0, 0, 4, 0, 0, 0, 0, 0}}; }

// Fragment header: offset in 8-byte units, more-fragments flag.
inline Extension fragment_header(std::uint16_t offset_units, bool more) {
  const std::uint16_t field = std::uint16_t(offset_units << 3 | (more ? 1 : 0));
  return {44, Bytes{0, 0, std::uint8_t(field >> 8), std::uint8_t(field), 0xde, 0xad, 0xbe, 0xef}};
}

// Inserts `chain` between the 40-byte IPv6 header at the start of
// `packet` and its upper layer, relinking next-header values and fixing
// the payload length. The upper layer's checksum is left as it was: the
// parser does not check it.
inline Bytes with_extensions(const Bytes& packet, const std::vector<Extension>& chain) {
  if (chain.empty()) return packet;
  Bytes out(packet.begin(), packet.begin() + 40);
  std::uint8_t upper = packet[6];
  out[6] = chain.front().type;
  for (std::size_t i = 0; i < chain.size(); ++i) {
    Bytes header = chain[i].bytes;
    header[0] = i + 1 < chain.size() ? chain[i + 1].type : upper;
    out.insert(out.end(), header.begin(), header.end());
  }
  out.insert(out.end(), packet.begin() + 40, packet.end());
  const std::size_t payload = out.size() - 40;
  out[4] = std::uint8_t(payload >> 8);
  out[5] = std::uint8_t(payload);
  return out;
}

// An ICMPv6 error from the router to us quoting `quoted` (our probe's bytes).
inline Bytes icmpv6_error(std::uint8_t type, std::uint8_t code, const Bytes& quoted,
                          Ipv6 from = kRouter) {
  Tins::ICMPv6 icmp{Tins::ICMPv6::Types(type)};
  icmp.code(code);
  return serialize(ipv6_header(from, kUs, 62, 0, 0) / icmp / Tins::RawPDU(quoted));
}

// Parses a heap copy of exactly the bytes, so a sanitizer build catches any
// read past the end.
inline std::optional<Reply> parse6(const Bytes& frame, LinkType link = LinkType::Ethernet,
                                   std::size_t size = SIZE_MAX) {
  Bytes copy(frame.begin(), frame.begin() + std::ptrdiff_t(std::min(size, frame.size())));
  return parse_ipv6_reply(copy.data(), copy.size(), link, 42);
}

}  // namespace zeroscan::test6
