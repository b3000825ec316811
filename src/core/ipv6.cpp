// IPv6 text parsing (RFC 4291 §2.2) and canonical formatting (RFC 5952).
#include "zeroscan/core/ipv6.h"

#include <arpa/inet.h>

namespace zeroscan {

namespace {

// The longest run of two or more zero groups (the first on a tie, RFC 5952
// §4.2.3); length 0 when there is none.
struct ZeroRun {
  int start = 0;
  int length = 0;
};

ZeroRun longest_zero_run(const Ipv6& address) {
  ZeroRun best, current;
  for (int i = 0; i < 8; ++i) {
    if (address.group(i) != 0) {
      current.length = 0;
      continue;
    }
    if (current.length == 0) current.start = i;
    if (++current.length > best.length) best = current;
  }
  if (best.length < 2) best.length = 0;  // a single zero group stays "0"
  return best;
}

// RFC 5952 §5: IPv4-mapped addresses end in a dotted quad.
bool is_ipv4_mapped(const Ipv6& address) {
  return address.hi == 0 && (address.lo >> 32) == 0xffff;
}

}  // namespace

std::optional<Ipv6> Ipv6::parse(std::string_view text) {
  // inet_pton wants a NUL-terminated string; the longest valid text form
  // (eight 4-digit groups, or six and a dotted quad) is 45 characters.
  char buffer[64];
  if (text.empty() || text.size() >= sizeof buffer) return std::nullopt;
  text.copy(buffer, text.size());
  buffer[text.size()] = '\0';
  std::uint8_t bytes[16];
  if (inet_pton(AF_INET6, buffer, bytes) != 1) return std::nullopt;
  return from_bytes(bytes);
}

char* Ipv6::write_text(char* out) const {
  static const char kHex[] = "0123456789abcdef";
  auto put_decimal = [&out](unsigned value) {  // 0-255
    if (value >= 100) *out++ = char('0' + value / 100);
    if (value >= 10) *out++ = char('0' + value / 10 % 10);
    *out++ = char('0' + value % 10);
  };
  if (is_ipv4_mapped(*this)) {
    const auto v4 = std::uint32_t(lo);
    for (char c : {':', ':', 'f', 'f', 'f', 'f', ':'}) *out++ = c;
    for (int shift = 24; shift >= 0; shift -= 8) {
      put_decimal((v4 >> shift) & 0xff);
      if (shift) *out++ = '.';
    }
    return out;
  }
  const ZeroRun run = longest_zero_run(*this);
  for (int i = 0; i < 8; ++i) {
    if (run.length != 0 && i == run.start) {
      *out++ = ':';
      *out++ = ':';
      i += run.length - 1;
      continue;
    }
    if (i != 0 && !(run.length != 0 && i == run.start + run.length)) *out++ = ':';
    const unsigned g = group(i);
    bool started = false;
    for (int shift = 12; shift >= 0; shift -= 4) {  // no leading zeros (RFC 5952 §4.1)
      const unsigned digit = (g >> shift) & 0xf;
      if (digit == 0 && !started && shift != 0) continue;
      started = true;
      *out++ = kHex[digit];
    }
  }
  return out;
}

std::string Ipv6::to_string() const {
  char text[kMaxTextLength];
  return std::string(text, write_text(text));
}

}  // namespace zeroscan
