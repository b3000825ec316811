// IPv6 text <-> 16 bytes for the lab suite (inet_pton/inet_ntop: the
// suite judges the scanner with code the scanner does not share), plus the
// small arithmetic the v6 lab groups need: their ranges are a few thousand
// addresses, so an offset into the low 32 bits is enough.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace zeroscan::lab {

using Ipv6 = std::array<std::uint8_t, 16>;  // network order; operator< is address order

std::optional<Ipv6> parse_ipv6(std::string_view text);
std::string format_ipv6(const Ipv6& address);  // RFC 5952 (inet_ntop)

// address + n in the low 32 bits; nullopt when that would carry further.
std::optional<Ipv6> ipv6_plus(const Ipv6& address, std::uint32_t n);
// last - first when both share the upper 96 bits, else nullopt.
std::optional<std::uint32_t> ipv6_distance(const Ipv6& first, const Ipv6& last);

}  // namespace zeroscan::lab
