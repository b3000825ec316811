// libFuzzer target for parse_ipv6_reply. The first input byte picks the
// link type, the rest is the captured frame. Besides the sanitizers' memory
// and UB checks, every accepted Reply is held to the promises the rest of
// the scanner relies on; a broken promise aborts like a crash would.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "frame_selector.h"
#include "zeroscan/parse/ipv6_reply_parser.h"

namespace {

using zeroscan::IpFamily;
using zeroscan::Ipv4;
using zeroscan::Reply;
using zeroscan::ReplyKind;

constexpr std::size_t kFixedHeader = 40, kMinTcpHeader = 20, kQuotedTcpBytes = 8, kEchoHeader = 8;
constexpr int kMaxExtensionHeaders = 8;

void require(bool promise) {
  if (!promise) std::abort();
}

void check_promises(const Reply& reply, std::size_t frame_size) {
  require(reply.family == IpFamily::V6);
  // No IPv4 address for IPv4-only code to trust.
  require(reply.ip.src == Ipv4() && reply.ip.dst == Ipv4() && reply.ip.id == 0);
  require(reply.ip.ttl == reply.ip6.hop_limit);
  require(reply.ip6.flow_label <= 0xfffff);
  require(kFixedHeader + reply.ip6.payload_length <= frame_size);
  require(reply.ip6.extension_headers <= kMaxExtensionHeaders);
  const auto& layout = reply.tcp.options.layout;
  const std::size_t letters = strnlen(layout.data(), layout.size());
  require(letters < layout.size());
  for (std::size_t i = 0; i < letters; ++i) require(std::strchr("MNWSTE?", layout[i]) != nullptr);
  if (reply.kind == ReplyKind::Tcp) {
    require(kMinTcpHeader + reply.tcp.payload_length <= reply.ip6.payload_length);
  } else if (reply.kind == ReplyKind::IcmpEcho) {
    // Echo request or reply (RFC 4443 §4), code 0, within the payload.
    require(reply.icmp.type == 128 || reply.icmp.type == 129);
    require(reply.icmp.code == 0);
    require(kEchoHeader <= reply.ip6.payload_length);
  } else {
    require(reply.icmp.type >= 1 && reply.icmp.type <= 4);
    // A quoted TCP probe, or a quoted echo request (its type in src_port's high byte).
    require(reply.icmp.quoted.protocol == 6 ||
            (reply.icmp.quoted.protocol == 58 && reply.icmp.quoted.src_port >> 8 == 128));
    require(reply.quoted_ip6.extension_headers <= kMaxExtensionHeaders);
    require(8 + kFixedHeader + kQuotedTcpBytes <= reply.ip6.payload_length);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t* frame = data + 1;
  const std::size_t frame_size = size - 1;
  const auto reply = zeroscan::parse_ipv6_reply(frame, frame_size, zeroscan::fuzz::link_from_selector(data[0]), 42);
  if (reply) check_promises(*reply, frame_size);
  return 0;
}
