// The TCP option bytes a stack would send for a layout (M N W S T E ?), the
// inverse of parse_tcp_options. Used to put the live parser in the loop
// wherever a layout from data meets the matcher: the evaluation and the test
// that every database layout reads back unchanged from the wire.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace zeroscan::fingerprint {

struct OptionValues {
  std::uint16_t mss = 1460;
  std::uint8_t wscale = 7;
  std::uint32_t ts_val = 1;
  std::uint32_t ts_ecr = 0;
};

// Each letter's option in order ('?' is an experimental option, kind 254),
// then zero bytes up to a multiple of four, as the header needs.
std::vector<std::uint8_t> option_bytes(std::string_view layout, const OptionValues& values);

}  // namespace zeroscan::fingerprint
