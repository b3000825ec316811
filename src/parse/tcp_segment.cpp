// TCP header field extraction and data-offset validation.
#include "tcp_segment.h"

#include "zeroscan/parse/reply_parser.h"

namespace zeroscan::parse_detail {

namespace {
constexpr std::size_t kFixedHeader = 20;
}  // namespace

std::optional<TcpFields> parse_tcp_segment(ByteSpan segment) {
  if (!segment.has(0, kFixedHeader)) return std::nullopt;
  const std::size_t header = std::size_t(segment.u8(12) >> 4) * 4;
  if (header < kFixedHeader || !segment.has(0, header)) return std::nullopt;

  TcpFields tcp;
  tcp.src_port = segment.be16(0);
  tcp.dst_port = segment.be16(2);
  tcp.seq = segment.be32(4);
  tcp.ack = segment.be32(8);
  tcp.flags = segment.u8(13);  // the NS bit (ECN nonce, historic) is dropped
  tcp.window = segment.be16(14);
  tcp.urgent = segment.be16(18);
  // The segment came out of a 16-bit IP total length, so this cannot wrap.
  tcp.payload_length = std::uint16_t(segment.size - header);
  const ByteSpan option_bytes = segment.sub(kFixedHeader, header - kFixedHeader);
  tcp.options = parse_tcp_options(option_bytes.data, option_bytes.size);
  return tcp;
}

}  // namespace zeroscan::parse_detail
