// IPv6 text parsing (RFC 4291 §2.2) and canonical formatting (RFC 5952).
#include "zeroscan/core/ipv6.h"

#include <arpa/inet.h>

#include <cstdio>

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

std::string Ipv6::to_string() const {
  if (is_ipv4_mapped(*this)) {
    const auto v4 = std::uint32_t(lo);
    char text[32];
    std::snprintf(text, sizeof text, "::ffff:%u.%u.%u.%u", v4 >> 24, (v4 >> 16) & 0xff,
                  (v4 >> 8) & 0xff, v4 & 0xff);
    return text;
  }
  const ZeroRun run = longest_zero_run(*this);
  std::string out;
  out.reserve(39);
  for (int i = 0; i < 8; ++i) {
    if (run.length != 0 && i == run.start) {
      out += "::";
      i += run.length - 1;
      continue;
    }
    if (!out.empty() && out.back() != ':') out += ':';
    char group_text[8];
    std::snprintf(group_text, sizeof group_text, "%x", unsigned(group(i)));
    out += group_text;
  }
  return out;
}

}  // namespace zeroscan
