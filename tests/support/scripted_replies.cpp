// Reply frames for ScriptedNetwork, serialized by libtins so checksums and
// layouts are what a real stack would put on the wire.
#include "support/scripted_replies.h"

#include <tins/ethernetII.h>
#include <tins/icmp.h>
#include <tins/ip.h>
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

Tins::TCP reply_tcp(const Reply& parsed) { return Tins::TCP(parsed.tcp.src_port, parsed.tcp.dst_port); }

ReplyFrame serialize(Tins::PDU& pdu) {
  Tins::PDU::serialization_type bytes = pdu.serialize();
  return ReplyFrame(bytes.begin(), bytes.end());
}

// A fixed, recognisable initial sequence number per (address, port), so
// tests can predict it.
std::uint32_t initial_sequence(const Reply& parsed) {
  return 0x5EED0000u ^ parsed.ip.dst.value ^ (std::uint32_t(parsed.tcp.dst_port) << 8);
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
  Tins::EthernetII frame = reply_link(probe) / reply_ip(parsed.ip.dst, parsed.ip.src, style) / tcp;
  return serialize(frame);
}

ReplyFrame build_rst_ack(const std::uint8_t* probe, std::size_t, const Reply& parsed, const ReplyStyle& style) {
  Tins::TCP tcp = reply_tcp(parsed);
  tcp.flags(Tins::TCP::RST | Tins::TCP::ACK);
  tcp.seq(0);
  tcp.ack_seq(parsed.tcp.seq + 1);
  tcp.window(0);
  Tins::EthernetII frame = reply_link(probe) / reply_ip(parsed.ip.dst, parsed.ip.src, style) / tcp;
  return serialize(frame);
}

ReplyFrame build_rst_for_ack(const std::uint8_t* probe, std::size_t, const Reply& parsed,
                             const ReplyStyle& style) {
  Tins::TCP tcp = reply_tcp(parsed);
  tcp.flags(Tins::TCP::RST);
  tcp.seq(parsed.tcp.ack);
  tcp.ack_seq(0);
  tcp.window(0);
  Tins::EthernetII frame = reply_link(probe) / reply_ip(parsed.ip.dst, parsed.ip.src, style) / tcp;
  return serialize(frame);
}

ReplyFrame build_echo_reply(const std::uint8_t* probe, const Reply& parsed, const ReplyStyle& style) {
  Tins::ICMP icmp(Tins::ICMP::ECHO_REPLY);
  icmp.id(std::uint16_t(parsed.icmp.echo >> 16));
  icmp.sequence(std::uint16_t(parsed.icmp.echo));
  Tins::EthernetII frame = reply_link(probe) / reply_ip(parsed.ip.dst, parsed.ip.src, style) / icmp;
  return serialize(frame);
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

}  // namespace zeroscan
