// Reply frames for ScriptedNetwork, serialized by libtins so checksums and
// layouts are what a real stack would put on the wire.
#include "support/scripted_replies.h"

#include <tins/ethernetII.h>
#include <tins/icmp.h>
#include <tins/icmpv6.h>
#include <tins/ip.h>
#include <tins/ipv6.h>
#include <tins/rawpdu.h>
#include <tins/tcp.h>

#include <algorithm>

namespace zeroscan {

namespace {

constexpr std::size_t kEthernetHeader = 14;

Tins::HWAddress<6> mac_at(const std::uint8_t* bytes) { return Tins::HWAddress<6>(bytes); }
Tins::IPv4Address address(Ipv4 ip) { return Tins::IPv4Address(ip.to_string()); }

// Ethernet + IP headers of a reply travelling back along the probe's path.
Tins::EthernetII reply_link(const std::uint8_t* probe) {
  return Tins::EthernetII(mac_at(probe + 6), mac_at(probe));  // dst = prober, src = the probed
}

Tins::IP reply_ip(Ipv4 from, Ipv4 to, const ReplyStyle& style) {
  Tins::IP ip(address(to), address(from));
  ip.ttl(style.ttl);
  ip.id(style.ip_id);
  if (style.dont_fragment) ip.flags(Tins::IP::DONT_FRAGMENT);
  return ip;
}

Tins::IPv6Address address(Ipv6 ip) {
  std::uint8_t bytes[16];
  ip.to_bytes(bytes);
  return Tins::IPv6Address(bytes);
}

Tins::IPv6 reply_ipv6(Ipv6 from, Ipv6 to, const ReplyStyle& style) {
  Tins::IPv6 ip(address(to), address(from));
  ip.hop_limit(style.ttl);
  return ip;
}

Tins::TCP reply_tcp(const Reply& parsed) { return Tins::TCP(parsed.tcp.src_port, parsed.tcp.dst_port); }

ReplyFrame serialize(Tins::PDU& pdu) {
  Tins::PDU::serialization_type bytes = pdu.serialize();
  return ReplyFrame(bytes.begin(), bytes.end());
}

// The probed host's `payload` back to the prober over the probe's family.
ReplyFrame from_target(const std::uint8_t* probe, const Reply& parsed, const ReplyStyle& style,
                       const Tins::PDU& payload) {
  if (parsed.family == IpFamily::V6) {
    Tins::EthernetII frame = reply_link(probe) / reply_ipv6(parsed.ip6.dst, parsed.ip6.src, style) / payload;
    return serialize(frame);
  }
  Tins::EthernetII frame = reply_link(probe) / reply_ip(parsed.ip.dst, parsed.ip.src, style) / payload;
  return serialize(frame);
}

// A fixed, recognisable initial sequence number per (address, port), so
// tests can predict it.
std::uint32_t initial_sequence(const Reply& parsed) {
  const std::uint32_t host = parsed.family == IpFamily::V6 ? std::uint32_t(parsed.ip6.dst.lo) : parsed.ip.dst.value;
  return 0x5EED0000u ^ host ^ (std::uint32_t(parsed.tcp.dst_port) << 8);
}

}  // namespace

ReplyFrame build_syn_ack(const std::uint8_t* probe, std::size_t, const Reply& parsed, const ReplyStyle& style) {
  Tins::TCP tcp = reply_tcp(parsed);
  tcp.flags(Tins::TCP::SYN | Tins::TCP::ACK);
  tcp.seq(initial_sequence(parsed));
  tcp.ack_seq(parsed.tcp.seq + 1);
  tcp.window(style.syn_ack_window);
  for (char option : style.options_layout) {
    switch (option) {
      case 'M': tcp.mss(style.mss); break;
      case 'S': tcp.sack_permitted(); break;
      case 'T': tcp.timestamp(style.ts_val, parsed.tcp.options.has_timestamp ? parsed.tcp.options.ts_val : 0); break;
      case 'N': tcp.add_option(Tins::TCP::option(Tins::TCP::NOP)); break;
      case 'W': tcp.winscale(style.window_scale); break;
      case 'E': tcp.add_option(Tins::TCP::option(Tins::TCP::EOL)); break;
      default: break;
    }
  }
  return from_target(probe, parsed, style, tcp);
}

ReplyFrame build_rst_ack(const std::uint8_t* probe, std::size_t, const Reply& parsed, const ReplyStyle& style) {
  Tins::TCP tcp = reply_tcp(parsed);
  tcp.flags(Tins::TCP::RST | Tins::TCP::ACK);
  tcp.seq(0);
  tcp.ack_seq(parsed.tcp.seq + 1);
  tcp.window(0);
  return from_target(probe, parsed, style, tcp);
}

ReplyFrame build_rst_for_ack(const std::uint8_t* probe, std::size_t, const Reply& parsed,
                             const ReplyStyle& style) {
  Tins::TCP tcp = reply_tcp(parsed);
  tcp.flags(Tins::TCP::RST);
  tcp.seq(parsed.tcp.ack);
  tcp.ack_seq(0);
  tcp.window(0);
  return from_target(probe, parsed, style, tcp);
}

ReplyFrame build_echo_reply(const std::uint8_t* probe, const Reply& parsed, const ReplyStyle& style) {
  Tins::ICMP icmp(Tins::ICMP::ECHO_REPLY);
  icmp.id(std::uint16_t(parsed.icmp.echo >> 16));
  icmp.sequence(std::uint16_t(parsed.icmp.echo));
  return from_target(probe, parsed, style, icmp);
}

ReplyFrame build_icmp_unreachable(const std::uint8_t* probe, std::size_t size, const Reply& parsed,
                                  std::uint8_t code, Ipv4 source, const ReplyStyle& style) {
  const std::uint8_t* ip_header = probe + kEthernetHeader;
  std::size_t ip_header_length = std::size_t(ip_header[0] & 0x0F) * 4;
  std::size_t quote_length = std::min(size - kEthernetHeader, ip_header_length + 8);
  Tins::ICMP icmp(Tins::ICMP::DEST_UNREACHABLE);
  icmp.code(code);
  Ipv4 from = source.value != 0 ? source : parsed.ip.dst;
  Tins::EthernetII frame = reply_link(probe) / reply_ip(from, parsed.ip.src, style) / icmp /
                           Tins::RawPDU(ip_header, static_cast<std::uint32_t>(quote_length));
  return serialize(frame);
}

ReplyFrame build_icmpv6_unreachable(const std::uint8_t* probe, std::size_t size, const Reply& parsed,
                                    std::uint8_t code, Ipv6 source, const ReplyStyle& style) {
  // RFC 4443 §3.1: as much of the invoking packet as fits; the probe fits whole.
  Tins::ICMPv6 icmp(Tins::ICMPv6::DEST_UNREACHABLE);
  icmp.code(code);
  const Ipv6 from = source != Ipv6() ? source : parsed.ip6.dst;
  Tins::EthernetII frame = reply_link(probe) / reply_ipv6(from, parsed.ip6.src, style) / icmp /
                           Tins::RawPDU(probe + kEthernetHeader, static_cast<std::uint32_t>(size - kEthernetHeader));
  return serialize(frame);
}

}  // namespace zeroscan
