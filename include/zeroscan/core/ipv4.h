// Ipv4: an IPv4 address as a host-order integer, with parse/format.
// Host order everywhere inside zeroscan; conversion to network order happens
// only where bytes are written to or read from a packet.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace zeroscan {

struct Ipv4 {
  std::uint32_t value = 0;  // host byte order: 198.18.0.1 == 0xC6120001

  constexpr Ipv4() = default;
  constexpr explicit Ipv4(std::uint32_t host_order) : value(host_order) {}
  static constexpr Ipv4 from_octets(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d) {
    return Ipv4((std::uint32_t(a) << 24) | (std::uint32_t(b) << 16) | (std::uint32_t(c) << 8) | d);
  }

  // Strict dotted-quad: four decimal octets 0..255, no leading '+', no
  // trailing junk. Returns nullopt on anything else.
  static std::optional<Ipv4> parse(std::string_view text);
  std::string to_string() const;

  friend constexpr bool operator==(Ipv4 a, Ipv4 b) { return a.value == b.value; }
  friend constexpr bool operator!=(Ipv4 a, Ipv4 b) { return a.value != b.value; }
  friend constexpr bool operator<(Ipv4 a, Ipv4 b) { return a.value < b.value; }
};

}  // namespace zeroscan
