// ICMP error type filter and quoted-probe extraction.
#include "icmp_error.h"

#include "ipv4_header.h"

namespace zeroscan::parse_detail {

namespace {

constexpr std::size_t kIcmpHeader = 8;  // type, code, checksum, 4 type-specific bytes
constexpr std::size_t kQuotedTransport = 8;

bool is_error_quoting_a_datagram(std::uint8_t type) {
  return type == 3      // destination unreachable
         || type == 4   // source quench (deprecated by RFC 6633, still sent)
         || type == 11  // time exceeded
         || type == 12;  // parameter problem
}

}  // namespace

std::optional<IcmpFields> parse_icmp_error(ByteSpan message) {
  if (!message.has(0, kIcmpHeader)) return std::nullopt;
  const std::uint8_t type = message.u8(0);
  if (!is_error_quoting_a_datagram(type)) return std::nullopt;

  const auto quoted = parse_quoted_ipv4(message.from(kIcmpHeader));
  // Our probes are TCP segments and (for -sn) ICMP echo requests.
  if (!quoted || (quoted->probe.protocol != kProtocolTcp && quoted->probe.protocol != kProtocolIcmp))
    return std::nullopt;
  if (!quoted->transport.has(0, kQuotedTransport)) return std::nullopt;

  IcmpFields icmp;
  icmp.type = type;
  icmp.code = message.u8(1);
  icmp.quoted = quoted->probe;
  icmp.quoted.src_port = quoted->transport.be16(0);
  icmp.quoted.dst_port = quoted->transport.be16(2);
  icmp.quoted.seq = quoted->transport.be32(4);
  return icmp;
}

std::optional<IcmpFields> parse_icmp_echo(ByteSpan message) {
  constexpr std::uint8_t kEchoReply = 0, kEchoRequest = 8;
  if (!message.has(0, kIcmpHeader) || message.u8(1) != 0) return std::nullopt;
  if (message.u8(0) != kEchoReply && message.u8(0) != kEchoRequest) return std::nullopt;
  IcmpFields icmp;
  icmp.type = message.u8(0);
  icmp.echo = message.be32(4);
  return icmp;
}

}  // namespace zeroscan::parse_detail
