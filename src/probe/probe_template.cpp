// ProbeTemplate: the per-kind frame built once, and stamp(), the send path's
// per-probe fast path (memcpy + patch + RFC 1624 checksum update).
#include "zeroscan/probe/probe_template.h"

#include <cstring>
#include <stdexcept>

#include "byte_store.h"
#include "ones_complement.h"
#include "zeroscan/probe/probe_packet.h"

namespace zeroscan {

namespace {

constexpr std::size_t kEthernetHeader = 14;
// Offsets inside the IPv4 header (no options) and the TCP header.
constexpr std::size_t kIpId = 4, kIpChecksum = 10, kIpDst = 16;
constexpr std::size_t kTcpSrcPort = 0, kTcpDstPort = 2, kTcpSeq = 4, kTcpAck = 8,
                      kTcpChecksum = 16;
// ICMP echo: checksum, then identifier and sequence (the cookie, one 32-bit word).
constexpr std::size_t kIcmpChecksum = 2, kIcmpIdent = 4;

using probe_detail::store_be16;
using probe_detail::store_be32;

}  // namespace

ProbeTemplate::ProbeTemplate(ProbeKind kind, const TemplateOptions& options)
    : kind_(kind), ethernet_(options.ethernet) {
  if (kind != ProbeKind::Syn && kind != ProbeKind::Ack && kind != ProbeKind::Echo)
    throw std::invalid_argument("ProbeTemplate: unknown probe kind");
  if (options.ttl == 0) throw std::invalid_argument("ProbeTemplate: TTL 0 never leaves the host");

  bytes_ = serialize_probe(kind, options, Ipv4(), 0, ProbeFields{});
  ip_offset_ = ethernet_ ? kEthernetHeader : 0;
  tcp_offset_ = ip_offset_ + std::size_t(bytes_[ip_offset_] & 0x0f) * 4;

  // The words stamp() overwrites, taken from the serialized template rather
  // than assumed zero, so the base stays right whatever the template holds.
  namespace oc = ones_complement;
  const std::uint8_t* ip = bytes_.data() + ip_offset_;
  const std::uint8_t* tcp = bytes_.data() + tcp_offset_;
  std::uint32_t ip_sum = std::uint16_t(~oc::load_be16(ip + kIpChecksum));
  ip_sum += oc::sum_complemented_words(ip + kIpId, 2);
  ip_sum += oc::sum_complemented_words(ip + kIpDst, 4);
  ip_checksum_base_ = oc::fold(ip_sum);

  if (kind_ == ProbeKind::Echo) {
    // ICMP has no pseudo-header: only the identifier and sequence change.
    std::uint32_t icmp_sum = std::uint16_t(~oc::load_be16(tcp + kIcmpChecksum));
    icmp_sum += oc::sum_complemented_words(tcp + kIcmpIdent, 2);
    tcp_checksum_base_ = oc::fold(icmp_sum);
    return;
  }
  // The TCP checksum covers the destination address through the pseudo-header.
  std::uint32_t tcp_sum = std::uint16_t(~oc::load_be16(tcp + kTcpChecksum));
  tcp_sum += oc::sum_complemented_words(ip + kIpDst, 4);
  tcp_sum += oc::sum_complemented_words(tcp + kTcpSrcPort, 12);  // ports, seq, ack
  tcp_checksum_base_ = oc::fold(tcp_sum);
}

void ProbeTemplate::stamp(std::uint8_t* out, Ipv4 target, std::uint16_t dst_port,
                          const ProbeFields& fields, const MacAddress* dst_mac) const noexcept {
  namespace oc = ones_complement;
  std::memcpy(out, bytes_.data(), bytes_.size());
  if (dst_mac != nullptr && ethernet_) std::memcpy(out, dst_mac->bytes.data(), 6);

  std::uint8_t* ip = out + ip_offset_;
  std::uint8_t* tcp = out + tcp_offset_;
  store_be16(ip + kIpId, fields.ip_id);
  store_be32(ip + kIpDst, target.value);

  // Each sum stays far below 2^32: a 17-bit base plus at most eight 16-bit words.
  const std::uint32_t dst_words = (target.value >> 16) + (target.value & 0xffff);
  const std::uint32_t ip_sum = ip_checksum_base_ + fields.ip_id + dst_words;
  store_be16(ip + kIpChecksum, std::uint16_t(~oc::fold(ip_sum)));

  if (kind_ == ProbeKind::Echo) {
    std::uint8_t* icmp = tcp;
    store_be32(icmp + kIcmpIdent, fields.seq);
    const std::uint32_t icmp_sum = tcp_checksum_base_ + (fields.seq >> 16) + (fields.seq & 0xffff);
    store_be16(icmp + kIcmpChecksum, std::uint16_t(~oc::fold(icmp_sum)));
    return;
  }
  store_be16(tcp + kTcpSrcPort, fields.src_port);
  store_be16(tcp + kTcpDstPort, dst_port);
  store_be32(tcp + kTcpSeq, fields.seq);
  store_be32(tcp + kTcpAck, fields.ack);

  const std::uint32_t tcp_sum = tcp_checksum_base_ + dst_words + fields.src_port + dst_port +
                                (fields.seq >> 16) + (fields.seq & 0xffff) + (fields.ack >> 16) +
                                (fields.ack & 0xffff);
  store_be16(tcp + kTcpChecksum, std::uint16_t(~oc::fold(tcp_sum)));
}

}  // namespace zeroscan
