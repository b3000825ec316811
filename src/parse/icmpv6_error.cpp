// ICMPv6 error type filter and quoted-probe extraction (RFC 4443 §3), and
// echo messages (§4).
#include "icmpv6_error.h"

#include "ipv4_header.h"
#include "ipv6_header.h"

namespace zeroscan::parse_detail {

namespace {

constexpr std::size_t kIcmpv6Header = 8;  // type, code, checksum, 4 type-specific bytes
constexpr std::size_t kQuotedTransport = 8;
constexpr std::uint8_t kEchoRequest = 128, kEchoReply = 129;

bool is_error_quoting_a_packet(std::uint8_t type) {
  return type >= 1 && type <= 4;  // unreachable, too big, time exceeded, parameter problem
}

}  // namespace

std::optional<Icmpv6Error> parse_icmpv6_error(ByteSpan message) {
  if (!message.has(0, kIcmpv6Header)) return std::nullopt;
  const std::uint8_t type = message.u8(0);
  if (!is_error_quoting_a_packet(type)) return std::nullopt;

  const auto quoted = parse_quoted_ipv6(message.from(kIcmpv6Header));
  if (!quoted) return std::nullopt;
  const std::uint8_t protocol = quoted->upper.protocol;
  const ByteSpan transport = quoted->upper.payload;
  if (!transport.has(0, kQuotedTransport)) return std::nullopt;
  // Our probes are TCP segments and (for -sn) ICMPv6 echo requests.
  const bool echo_request = protocol == kProtocolIcmpv6 && transport.u8(0) == kEchoRequest;
  if (protocol != kProtocolTcp && !echo_request) return std::nullopt;

  Icmpv6Error error;
  error.icmp.type = type;
  error.icmp.code = message.u8(1);
  error.icmp.quoted.protocol = protocol;
  error.icmp.quoted.src_port = transport.be16(0);
  error.icmp.quoted.dst_port = transport.be16(2);
  error.icmp.quoted.seq = transport.be32(4);
  error.quoted_ip = quoted->fields;
  return error;
}

std::optional<IcmpFields> parse_icmpv6_echo(ByteSpan message) {
  if (!message.has(0, kIcmpv6Header) || message.u8(1) != 0) return std::nullopt;
  if (message.u8(0) != kEchoReply && message.u8(0) != kEchoRequest) return std::nullopt;
  IcmpFields icmp;
  icmp.type = message.u8(0);
  icmp.echo = message.be32(4);
  return icmp;
}

}  // namespace zeroscan::parse_detail
