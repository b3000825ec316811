// Ipv6: a 128-bit IPv6 address as two host-order 64-bit halves, with
// parse/format. Like Ipv4, host order inside zeroscan: the halves make
// prefix and range arithmetic plain integer work, and conversion to the
// 16 network-order bytes happens only where a packet is written or read.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace zeroscan {

struct Ipv6 {
  std::uint64_t hi = 0;  // bytes 0-7 of the address: 2001:db8:: has hi 0x20010db800000000
  std::uint64_t lo = 0;  // bytes 8-15

  constexpr Ipv6() = default;
  constexpr Ipv6(std::uint64_t high, std::uint64_t low) : hi(high), lo(low) {}

  // The 16 bytes of the address as they appear on the wire.
  static constexpr Ipv6 from_bytes(const std::uint8_t* bytes) {
    std::uint64_t high = 0, low = 0;
    for (int i = 0; i < 8; ++i) high = high << 8 | bytes[i];
    for (int i = 8; i < 16; ++i) low = low << 8 | bytes[i];
    return Ipv6(high, low);
  }
  constexpr void to_bytes(std::uint8_t* out) const {
    for (int i = 0; i < 8; ++i) out[i] = std::uint8_t(hi >> (56 - 8 * i));
    for (int i = 0; i < 8; ++i) out[8 + i] = std::uint8_t(lo >> (56 - 8 * i));
  }
  // The eight 16-bit groups, 0 being the leftmost ("2001" in 2001:db8::).
  constexpr std::uint16_t group(int index) const {
    const std::uint64_t half = index < 4 ? hi : lo;
    return std::uint16_t(half >> (48 - 16 * (index % 4)));
  }

  // The network mask of a prefix length (0-128; outside it saturates).
  static constexpr Ipv6 mask(int prefix_length) {
    return Ipv6(half_mask(prefix_length), half_mask(prefix_length - 64));
  }
  constexpr Ipv6 operator&(Ipv6 other) const { return Ipv6(hi & other.hi, lo & other.lo); }
  constexpr Ipv6 operator|(Ipv6 other) const { return Ipv6(hi | other.hi, lo | other.lo); }
  constexpr Ipv6 operator~() const { return Ipv6(~hi, ~lo); }

  // RFC 4291 text forms: hex groups, one "::", an embedded dotted quad in
  // the last 32 bits. No zone ("%eth0"), no brackets, no surrounding
  // space. Returns nullopt on anything else.
  static std::optional<Ipv6> parse(std::string_view text);
  // RFC 5952's canonical form: lower case, longest zero run as "::".
  std::string to_string() const;
  // The same text written at `out` (room for kMaxTextLength characters),
  // without allocating: for writers that format on every record. Returns
  // the end of what was written; no NUL is added.
  static constexpr std::size_t kMaxTextLength = 39;  // eight 4-digit groups and 7 colons
  char* write_text(char* out) const;

  friend constexpr bool operator==(Ipv6 a, Ipv6 b) { return a.hi == b.hi && a.lo == b.lo; }
  friend constexpr bool operator!=(Ipv6 a, Ipv6 b) { return !(a == b); }
  friend constexpr bool operator<(Ipv6 a, Ipv6 b) {
    return a.hi != b.hi ? a.hi < b.hi : a.lo < b.lo;
  }

 private:
  // The top `bits` bits of a 64-bit half set (none at or below 0, all from 64).
  static constexpr std::uint64_t half_mask(int bits) {
    if (bits <= 0) return 0;
    if (bits >= 64) return ~std::uint64_t(0);
    return ~std::uint64_t(0) << (64 - bits);
  }
};

}  // namespace zeroscan
