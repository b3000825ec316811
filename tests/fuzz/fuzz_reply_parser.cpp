// libFuzzer target for parse_reply. The first input byte picks the link
// type, the rest is the captured frame. Besides the sanitizers' memory and
// UB checks, every accepted Reply is held to the promises the rest of the
// scanner relies on; a broken promise aborts like a crash would.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "frame_selector.h"
#include "zeroscan/parse/reply_parser.h"

namespace {

using zeroscan::Reply;
using zeroscan::ReplyKind;

constexpr std::size_t kMinIpHeader = 20, kMinTcpHeader = 20, kQuotedTcpBytes = 8;

void require(bool promise) {
  if (!promise) std::abort();
}

void check_promises(const Reply& reply, std::size_t frame_size) {
  require(reply.ip.total_length <= frame_size);
  require(reply.ip.total_length >= kMinIpHeader);
  const auto& layout = reply.tcp.options.layout;
  const std::size_t letters = strnlen(layout.data(), layout.size());
  require(letters < layout.size());
  for (std::size_t i = 0; i < letters; ++i) require(std::strchr("MNWSTE?", layout[i]) != nullptr);
  if (reply.kind == ReplyKind::Tcp) {
    require(kMinIpHeader + kMinTcpHeader + reply.tcp.payload_length <= reply.ip.total_length);
  } else if (reply.kind == ReplyKind::IcmpEcho) {
    // An echo reply or request (-sn): 8 bytes of ICMP header at least.
    require(reply.icmp.type == 0 || reply.icmp.type == 8);
    require(reply.icmp.code == 0);
    require(kMinIpHeader + 8 <= reply.ip.total_length);
  } else {
    const std::uint8_t type = reply.icmp.type;
    require(type == 3 || type == 4 || type == 11 || type == 12);
    // Our probes: TCP, or ICMP echo requests (their first 8 bytes likewise).
    require(reply.icmp.quoted.protocol == 6 || reply.icmp.quoted.protocol == 1);
    require(kMinIpHeader + 8 + kMinIpHeader + kQuotedTcpBytes <= reply.ip.total_length);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t* frame = data + 1;
  const std::size_t frame_size = size - 1;
  const auto reply = zeroscan::parse_reply(frame, frame_size, zeroscan::fuzz::link_from_selector(data[0]), 42);
  if (reply) check_promises(*reply, frame_size);
  return 0;
}
