// MacAddress: a 48-bit Ethernet address with parse/format.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace zeroscan {

struct MacAddress {
  std::array<std::uint8_t, 6> bytes{};

  // "aa:bb:cc:dd:ee:ff" or "aa-bb-cc-dd-ee-ff", hex case-insensitive.
  static std::optional<MacAddress> parse(std::string_view text);
  std::string to_string() const;
  bool is_zero() const;

  friend bool operator==(const MacAddress& a, const MacAddress& b) { return a.bytes == b.bytes; }
  friend bool operator!=(const MacAddress& a, const MacAddress& b) { return a.bytes != b.bytes; }
};

}  // namespace zeroscan
