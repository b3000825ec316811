// Dotted-quad text <-> host-order uint32 for the lab suite. The suite keeps
// its own tiny helper instead of the scanner's Ipv4 type so that it judges
// the scanner with code the scanner does not share.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace zeroscan::lab {

std::optional<std::uint32_t> parse_ipv4(std::string_view text);
std::string format_ipv4(std::uint32_t address);

}  // namespace zeroscan::lab
