// IPv4 header validation and field extraction.
#include "ipv4_header.h"

namespace zeroscan::parse_detail {

namespace {

constexpr std::size_t kMinHeader = 20;
constexpr std::uint16_t kFlagDontFragment = 0x4000;
constexpr std::uint16_t kFragmentOffsetMask = 0x1fff;

// RFC 1071: a header whose checksum is right sums to 0xffff.
bool header_checksum_ok(ByteSpan header) {
  std::uint32_t sum = 0;
  for (std::size_t i = 0; i + 1 < header.size; i += 2) sum += header.be16(i);
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return sum == 0xffff;
}

// Version and IHL check shared by both headers; returns the header length.
std::optional<std::size_t> header_length(ByteSpan packet) {
  if (!packet.has(0, kMinHeader)) return std::nullopt;
  const std::uint8_t version_ihl = packet.u8(0);
  if ((version_ihl >> 4) != 4) return std::nullopt;
  const std::size_t length = std::size_t(version_ihl & 0x0f) * 4;
  if (length < kMinHeader || !packet.has(0, length)) return std::nullopt;
  return length;
}

}  // namespace

std::optional<Ipv4Packet> parse_ipv4(ByteSpan packet) {
  const auto header = header_length(packet);
  if (!header) return std::nullopt;
  const std::uint16_t total_length = packet.be16(2);
  // Shorter than its own header is nonsense; longer than the capture means
  // the snap length or the wire cut it: either way not a reply to trust.
  if (total_length < *header || total_length > packet.size) return std::nullopt;
  if (!header_checksum_ok(packet.sub(0, *header))) return std::nullopt;
  const std::uint16_t flags_fragment = packet.be16(6);
  // Only the first fragment holds the transport header.
  if ((flags_fragment & kFragmentOffsetMask) != 0) return std::nullopt;

  Ipv4Packet result;
  result.fields.tos = packet.u8(1);
  result.fields.total_length = total_length;
  result.fields.id = packet.be16(4);
  result.fields.df = (flags_fragment & kFlagDontFragment) != 0;
  result.fields.ttl = packet.u8(8);
  result.fields.src = Ipv4(packet.be32(12));
  result.fields.dst = Ipv4(packet.be32(16));
  result.protocol = packet.u8(9);
  result.payload = packet.sub(*header, total_length - *header);
  return result;
}

std::optional<QuotedIpv4> parse_quoted_ipv4(ByteSpan quote) {
  const auto header = header_length(quote);
  if (!header) return std::nullopt;
  // A later fragment quotes payload bytes, not a transport header.
  if ((quote.be16(6) & kFragmentOffsetMask) != 0) return std::nullopt;

  QuotedIpv4 result;
  result.probe.protocol = quote.u8(9);
  result.probe.ip_id = quote.be16(4);
  result.probe.src = Ipv4(quote.be32(12));
  result.probe.dst = Ipv4(quote.be32(16));
  result.transport = quote.from(*header);
  return result;
}

}  // namespace zeroscan::parse_detail
