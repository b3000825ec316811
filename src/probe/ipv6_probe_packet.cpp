// Builds IPv6 probe frames with libtins: the reference layout stamp() copies.
#include <tins/ethernetII.h>
#include <tins/icmpv6.h>
#include <tins/ipv6.h>
#include <tins/tcp.h>

#include "tcp_probe_header.h"
#include "zeroscan/probe/ipv6_probe_template.h"

namespace zeroscan {

namespace {

Tins::IPv6Address to_tins(Ipv6 address) {
  std::uint8_t bytes[16];
  address.to_bytes(bytes);
  return Tins::IPv6Address(bytes);
}

Tins::HWAddress<6> to_tins(const MacAddress& mac) {
  return Tins::HWAddress<6>(mac.bytes.begin());
}

Tins::IPv6 build_ipv6(const Ipv6TemplateOptions& options, Ipv6 target,
                      const Ipv6ProbeFields& fields) {
  Tins::IPv6 ip(to_tins(target), to_tins(options.src_ip));
  ip.hop_limit(options.hop_limit);
  ip.traffic_class(0);
  // Linux labels each flow with a hash (auto_flowlabels); a constant 0
  // would set the probes apart.
  ip.flow_label(fields.flow_label & kFlowLabelMask);
  return ip;
}

// An ICMPv6 echo request (RFC 4443 §4.1) without payload, as the IPv4 one:
// the cookie is the identifier and sequence number (fields.seq, identifier
// in the high half), which the echo reply returns unchanged. libtins
// computes its checksum over the RFC 8200 pseudo-header.
Tins::ICMPv6 build_echo6(const Ipv6ProbeFields& fields) {
  Tins::ICMPv6 icmp(Tins::ICMPv6::ECHO_REQUEST);
  icmp.identifier(std::uint16_t(fields.seq >> 16));
  icmp.sequence(std::uint16_t(fields.seq));
  return icmp;
}

}  // namespace

std::vector<std::uint8_t> serialize_ipv6_probe(ProbeKind kind, const Ipv6TemplateOptions& options,
                                               Ipv6 target, std::uint16_t dst_port,
                                               const Ipv6ProbeFields& fields) {
  Tins::IPv6 ip = build_ipv6(options, target, fields);
  if (kind == ProbeKind::Echo)
    ip /= build_echo6(fields);
  else
    ip /= probe_detail::build_probe_tcp(kind, options, dst_port, fields.src_port, fields.seq, fields.ack);
  if (!options.ethernet) return ip.serialize();
  Tins::EthernetII frame = Tins::EthernetII(to_tins(options.dst_mac), to_tins(options.src_mac)) / ip;
  return frame.serialize();
}

}  // namespace zeroscan
