// IpAddress: one address of either family, the value result records carry.
// Sixteen bytes, IPv4 kept as its IPv4-mapped form ::ffff:a.b.c.d (the
// layout docs/architecture.md plans for CapturedResult), so the type stays
// plain, trivially copyable and cheap to spool; stored as four 32-bit
// words (4-byte alignment) so the writers' spooled entries do not pad.
// The consequence: an Ipv6 in ::ffff:0:0/96 IS the IPv4 address (is_v6()
// is false). zeroscan never probes that block (never_valid_ipv6_targets),
// so nothing is lost.
//
// Order: every IPv4 address before every IPv6 address, then numeric, so
// reports list the v4 hosts first, each family in address order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "zeroscan/core/ipv4.h"
#include "zeroscan/core/ipv6.h"

namespace zeroscan {

class IpAddress {
 public:
  constexpr IpAddress() : IpAddress(Ipv4()) {}  // 0.0.0.0, like Ipv4's default
  // Implicit on purpose: `record.ip = some_ipv4` and `= some_ipv6` both work.
  constexpr IpAddress(Ipv4 v4) : words_{0, 0, 0xffff, v4.value} {}
  constexpr IpAddress(Ipv6 v6)
      : words_{std::uint32_t(v6.hi >> 32), std::uint32_t(v6.hi), std::uint32_t(v6.lo >> 32),
               std::uint32_t(v6.lo)} {}

  // Either family's text form: a dotted quad or an RFC 4291 IPv6 address.
  static std::optional<IpAddress> parse(std::string_view text);

  constexpr bool is_v6() const { return !(words_[0] == 0 && words_[1] == 0 && words_[2] == 0xffff); }
  constexpr bool is_v4() const { return !is_v6(); }
  // The IPv4 address; only meaningful when is_v4().
  constexpr Ipv4 v4() const { return Ipv4(words_[3]); }
  // The address as IPv6 (an IPv4 address in its mapped form).
  constexpr Ipv6 v6() const {
    return Ipv6(std::uint64_t(words_[0]) << 32 | words_[1], std::uint64_t(words_[2]) << 32 | words_[3]);
  }

  // A dotted quad for IPv4, RFC 5952's canonical form for IPv6.
  std::string to_string() const;

  friend constexpr bool operator==(IpAddress a, IpAddress b) {
    return a.words_[0] == b.words_[0] && a.words_[1] == b.words_[1] && a.words_[2] == b.words_[2] &&
           a.words_[3] == b.words_[3];
  }
  friend constexpr bool operator!=(IpAddress a, IpAddress b) { return !(a == b); }
  friend constexpr bool operator<(IpAddress a, IpAddress b) {
    if (a.is_v6() != b.is_v6()) return b.is_v6();
    for (int i = 0; i < 4; ++i)
      if (a.words_[i] != b.words_[i]) return a.words_[i] < b.words_[i];
    return false;
  }
  friend constexpr bool operator>(IpAddress a, IpAddress b) { return b < a; }
  friend constexpr bool operator<=(IpAddress a, IpAddress b) { return !(b < a); }
  friend constexpr bool operator>=(IpAddress a, IpAddress b) { return !(a < b); }

 private:
  std::uint32_t words_[4];  // the address's 16 bytes, most significant word first
};

}  // namespace zeroscan

namespace std {
template <>
struct hash<zeroscan::IpAddress> {
  std::size_t operator()(zeroscan::IpAddress a) const noexcept {
    const zeroscan::Ipv6 bits = a.v6();
    return std::hash<std::uint64_t>()(bits.hi * 0x9e3779b97f4a7c15ULL ^ bits.lo);
  }
};
}  // namespace std
