// IPv6 parsing, formatting and low-32-bit arithmetic; see ipv6_text.h.
#include "support/ipv6_text.h"

#include <arpa/inet.h>

#include <algorithm>

namespace zeroscan::lab {

namespace {

std::uint32_t low32(const Ipv6& a) {
  return std::uint32_t(a[12]) << 24 | std::uint32_t(a[13]) << 16 | std::uint32_t(a[14]) << 8 | a[15];
}

}  // namespace

std::optional<Ipv6> parse_ipv6(std::string_view text) {
  // inet_pton wants a NUL-terminated string and takes embedded IPv4 forms,
  // which the lab never writes; a dot is refused here.
  if (text.empty() || text.size() >= INET6_ADDRSTRLEN || text.find('.') != std::string_view::npos)
    return std::nullopt;
  const std::string s(text);
  Ipv6 out{};
  if (inet_pton(AF_INET6, s.c_str(), out.data()) != 1) return std::nullopt;
  return out;
}

std::string format_ipv6(const Ipv6& address) {
  char text[INET6_ADDRSTRLEN];
  return inet_ntop(AF_INET6, address.data(), text, sizeof text) ? text : "?";
}

std::optional<Ipv6> ipv6_plus(const Ipv6& address, std::uint32_t n) {
  const std::uint64_t sum = std::uint64_t(low32(address)) + n;
  if (sum > 0xffffffffu) return std::nullopt;
  Ipv6 out = address;
  for (int k = 0; k < 4; ++k) out[15 - k] = std::uint8_t(sum >> (8 * k));
  return out;
}

std::optional<std::uint32_t> ipv6_distance(const Ipv6& first, const Ipv6& last) {
  if (!std::equal(first.begin(), first.begin() + 12, last.begin()) || low32(last) < low32(first))
    return std::nullopt;
  return low32(last) - low32(first);
}

}  // namespace zeroscan::lab
