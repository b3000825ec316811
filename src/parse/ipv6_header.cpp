// IPv6 fixed header and extension-header chain (RFC 8200 §3, §4).
#include "ipv6_header.h"

namespace zeroscan::parse_detail {

namespace {

constexpr std::size_t kFixedHeader = 40;
constexpr std::size_t kFragmentHeader = 8;
constexpr std::uint16_t kFragmentOffsetMask = 0xfff8;  // the 13 high bits of bytes 2-3

enum ExtensionHeader : std::uint8_t {
  kHopByHop = 0,
  kRouting = 43,
  kFragment = 44,
  kDestinationOptions = 60,
};

bool is_skippable(std::uint8_t next_header) {
  return next_header == kHopByHop || next_header == kRouting || next_header == kFragment ||
         next_header == kDestinationOptions;
}

// 16 address bytes read through the span's checks (:: if they are not all there).
Ipv6 address_at(ByteSpan span, std::size_t at) {
  if (!span.has(at, 16)) return Ipv6();
  return Ipv6(std::uint64_t(span.be32(at)) << 32 | span.be32(at + 4),
              std::uint64_t(span.be32(at + 8)) << 32 | span.be32(at + 12));
}

// The fields of a fixed header known to be present.
Ipv6Fields read_fixed_header(ByteSpan header) {
  Ipv6Fields fields;
  const std::uint32_t first_word = header.be32(0);
  fields.traffic_class = std::uint8_t(first_word >> 20);
  fields.flow_label = first_word & 0xfffff;
  fields.payload_length = header.be16(4);
  fields.hop_limit = header.u8(7);
  fields.src = address_at(header, 8);
  fields.dst = address_at(header, 24);
  return fields;
}

bool is_version_6(ByteSpan packet) {
  return packet.has(0, kFixedHeader) && (packet.u8(0) >> 4) == 6;
}

// The fixed header's fields and the walk to the upper layer over `payload`.
std::optional<Ipv6Packet> read_packet(ByteSpan header, ByteSpan payload) {
  const auto upper = skip_extension_headers(header.u8(6), payload);
  if (!upper) return std::nullopt;
  Ipv6Packet packet;
  packet.fields = read_fixed_header(header);
  packet.fields.extension_headers = upper->headers_skipped;
  packet.upper = *upper;
  return packet;
}

}  // namespace

std::optional<UpperLayer> skip_extension_headers(std::uint8_t next_header, ByteSpan bytes) {
  std::size_t at = 0;
  int count = 0;
  while (is_skippable(next_header)) {
    if (count == kMaxExtensionHeaders) return std::nullopt;
    if (next_header == kHopByHop && count != 0) return std::nullopt;
    if (!bytes.has(at, 2)) return std::nullopt;
    // Fragment headers are 8 bytes; the others count 8-byte units after the first.
    const std::size_t length =
        next_header == kFragment ? kFragmentHeader : (std::size_t(bytes.u8(at + 1)) + 1) * 8;
    if (!bytes.has(at, length) || at + length > kMaxExtensionBytes) return std::nullopt;
    if (next_header == kFragment && (bytes.be16(at + 2) & kFragmentOffsetMask) != 0)
      return std::nullopt;  // a later fragment: payload bytes, no transport header
    next_header = bytes.u8(at);
    at += length;
    ++count;
  }
  return UpperLayer{next_header, bytes.from(at), std::uint8_t(count)};
}

std::optional<Ipv6Packet> parse_ipv6(ByteSpan packet) {
  if (!is_version_6(packet)) return std::nullopt;
  const std::size_t payload_length = packet.be16(4);
  // Longer than the capture: the snap length or the wire cut it.
  if (payload_length == 0 || payload_length > packet.size - kFixedHeader) return std::nullopt;
  return read_packet(packet, packet.sub(kFixedHeader, payload_length));
}

std::optional<QuotedIpv6> parse_quoted_ipv6(ByteSpan quote) {
  if (!is_version_6(quote)) return std::nullopt;
  return read_packet(quote, quote.from(kFixedHeader));
}

}  // namespace zeroscan::parse_detail
