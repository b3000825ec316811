// Ipv6ProbeTemplate: the per-kind IPv6 frame built once, and stamp(), the
// per-probe fast path (memcpy + patch + RFC 1624 TCP checksum update).
#include "zeroscan/probe/ipv6_probe_template.h"

#include <cstring>
#include <stdexcept>

#include "byte_store.h"
#include "ones_complement.h"

namespace zeroscan {

namespace {

constexpr std::size_t kEthernetHeader = 14;
constexpr std::size_t kIpv6Header = 40;  // the template carries no extension header
// Offsets inside the IPv6 header (RFC 8200 §3) and the TCP header.
constexpr std::size_t kFlowLabel = 1, kIpDst = 24;
constexpr std::size_t kTcpSrcPort = 0, kTcpDstPort = 2, kTcpSeq = 4, kTcpAck = 8,
                      kTcpChecksum = 16;
// ICMPv6 echo: checksum, then identifier and sequence (the cookie, one 32-bit word).
constexpr std::size_t kIcmpChecksum = 2, kIcmpIdent = 4;

// The flow label is the low 20 bits of the header's first word: the low
// nibble of byte 1 and all of bytes 2 and 3. The traffic class's low
// nibble shares byte 1 and is kept.
void store_flow_label(std::uint8_t* ip, std::uint32_t label) {
  ip[kFlowLabel] = std::uint8_t((ip[kFlowLabel] & 0xf0) | ((label >> 16) & 0x0f));
  ip[kFlowLabel + 1] = std::uint8_t(label >> 8);
  ip[kFlowLabel + 2] = std::uint8_t(label);
}

// Σ of the eight 16-bit words of an address, as the checksum adds them.
std::uint32_t address_word_sum(Ipv6 address) {
  std::uint32_t sum = 0;
  for (int i = 0; i < 8; ++i) sum += address.group(i);
  return sum;
}

}  // namespace

Ipv6ProbeTemplate::Ipv6ProbeTemplate(ProbeKind kind, const Ipv6TemplateOptions& options)
    : kind_(kind), ethernet_(options.ethernet) {
  if (kind != ProbeKind::Syn && kind != ProbeKind::Ack && kind != ProbeKind::Echo)
    throw std::invalid_argument("Ipv6ProbeTemplate: unknown probe kind");
  if (options.hop_limit == 0)
    throw std::invalid_argument("Ipv6ProbeTemplate: hop limit 0 never leaves the host");

  bytes_ = serialize_ipv6_probe(kind, options, Ipv6(), 0, Ipv6ProbeFields{});
  ip_offset_ = ethernet_ ? kEthernetHeader : 0;
  tcp_offset_ = ip_offset_ + kIpv6Header;

  // The words stamp() overwrites, read from the serialized template rather
  // than assumed zero. The flow label is outside every checksum.
  namespace oc = ones_complement;
  const std::uint8_t* ip = bytes_.data() + ip_offset_;
  const std::uint8_t* tcp = bytes_.data() + tcp_offset_;
  if (kind_ == ProbeKind::Echo) {
    // ICMPv6, unlike ICMP, covers the addresses too (pseudo-header).
    std::uint32_t icmp_sum = std::uint16_t(~oc::load_be16(tcp + kIcmpChecksum));
    icmp_sum += oc::sum_complemented_words(ip + kIpDst, 16);
    icmp_sum += oc::sum_complemented_words(tcp + kIcmpIdent, 4);
    tcp_checksum_base_ = oc::fold(icmp_sum);
    return;
  }
  std::uint32_t tcp_sum = std::uint16_t(~oc::load_be16(tcp + kTcpChecksum));
  tcp_sum += oc::sum_complemented_words(ip + kIpDst, 16);
  tcp_sum += oc::sum_complemented_words(tcp + kTcpSrcPort, 12);  // ports, seq, ack
  tcp_checksum_base_ = oc::fold(tcp_sum);
}

void Ipv6ProbeTemplate::stamp(std::uint8_t* out, Ipv6 target, std::uint16_t dst_port,
                              const Ipv6ProbeFields& fields, const MacAddress* dst_mac) const noexcept {
  namespace oc = ones_complement;
  using probe_detail::store_be16;
  using probe_detail::store_be32;
  std::memcpy(out, bytes_.data(), bytes_.size());
  if (dst_mac != nullptr && ethernet_) std::memcpy(out, dst_mac->bytes.data(), 6);

  std::uint8_t* ip = out + ip_offset_;
  std::uint8_t* tcp = out + tcp_offset_;
  store_flow_label(ip, fields.flow_label);
  target.to_bytes(ip + kIpDst);
  if (kind_ == ProbeKind::Echo) {
    std::uint8_t* icmp = tcp;
    store_be32(icmp + kIcmpIdent, fields.seq);
    // A 17-bit base plus ten 16-bit words stays far below 2^32.
    const std::uint32_t icmp_sum =
        tcp_checksum_base_ + address_word_sum(target) + (fields.seq >> 16) + (fields.seq & 0xffff);
    store_be16(icmp + kIcmpChecksum, std::uint16_t(~oc::fold(icmp_sum)));
    return;
  }
  store_be16(tcp + kTcpSrcPort, fields.src_port);
  store_be16(tcp + kTcpDstPort, dst_port);
  store_be32(tcp + kTcpSeq, fields.seq);
  store_be32(tcp + kTcpAck, fields.ack);

  // A 17-bit base plus fourteen 16-bit words stays far below 2^32.
  const std::uint32_t tcp_sum = tcp_checksum_base_ + address_word_sum(target) + fields.src_port +
                                dst_port + (fields.seq >> 16) + (fields.seq & 0xffff) +
                                (fields.ack >> 16) + (fields.ack & 0xffff);
  store_be16(tcp + kTcpChecksum, std::uint16_t(~oc::fold(tcp_sum)));
}

}  // namespace zeroscan
