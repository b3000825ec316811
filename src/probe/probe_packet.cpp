// Builds probe frames with libtins: the reference layout of every probe kind.
// Option order and header flags imitate a Linux client so that probes do not
// stand out, and so replies are those a normal connection attempt draws.
#include "zeroscan/probe/probe_packet.h"

#include <tins/ethernetII.h>
#include <tins/icmp.h>
#include <tins/ip.h>
#include <tins/tcp.h>

#include "tcp_probe_header.h"

namespace zeroscan {

namespace {

Tins::IPv4Address to_tins(Ipv4 address) {
  // libtins keeps IPv4Address in network order internally; building from the
  // dotted string avoids any guess about which order its uint32_t wants.
  return Tins::IPv4Address(address.to_string());
}

Tins::HWAddress<6> to_tins(const MacAddress& mac) {
  return Tins::HWAddress<6>(mac.bytes.begin());
}

// The TCP segment both address families send (tcp_probe_header.h).
Tins::TCP build_tcp(ProbeKind kind, const TemplateOptions& options, std::uint16_t dst_port,
                    const ProbeFields& fields) {
  return probe_detail::build_probe_tcp(kind, options, dst_port, fields.src_port, fields.seq,
                                       fields.ack);
}

Tins::IP build_ip(const TemplateOptions& options, Ipv4 target, const ProbeFields& fields) {
  Tins::IP ip(to_tins(target), to_tins(options.src_ip));
  ip.ttl(options.ttl);
  ip.id(fields.ip_id);
  ip.tos(0);
  // Linux sets DF on TCP (path MTU discovery); a scanner that does not is
  // easy to spot.
  ip.flags(Tins::IP::DONT_FRAGMENT);
  return ip;
}

// An echo request as ping sends it, without payload: the cookie is the
// identifier and sequence number (fields.seq: identifier in the high half),
// which every echo reply returns unchanged (RFC 792).
Tins::ICMP build_echo(const ProbeFields& fields) {
  Tins::ICMP icmp(Tins::ICMP::ECHO_REQUEST);
  icmp.id(std::uint16_t(fields.seq >> 16));
  icmp.sequence(std::uint16_t(fields.seq));
  return icmp;
}

}  // namespace

std::vector<std::uint8_t> serialize_probe(ProbeKind kind, const TemplateOptions& options,
                                          Ipv4 target, std::uint16_t dst_port,
                                          const ProbeFields& fields) {
  Tins::IP ip = build_ip(options, target, fields);
  if (kind == ProbeKind::Echo)
    ip /= build_echo(fields);
  else
    ip /= build_tcp(kind, options, dst_port, fields);
  if (!options.ethernet) return ip.serialize();
  Tins::EthernetII frame = Tins::EthernetII(to_tins(options.dst_mac), to_tins(options.src_mac)) / ip;
  return frame.serialize();
}

}  // namespace zeroscan
