// option_bytes: see option_bytes.h.
#include "zeroscan/fingerprint/option_bytes.h"

namespace zeroscan::fingerprint {
namespace {

void put16(std::vector<std::uint8_t>& out, std::uint16_t value) {
  out.push_back(std::uint8_t(value >> 8));
  out.push_back(std::uint8_t(value));
}

void put32(std::vector<std::uint8_t>& out, std::uint32_t value) {
  put16(out, std::uint16_t(value >> 16));
  put16(out, std::uint16_t(value));
}

}  // namespace

std::vector<std::uint8_t> option_bytes(std::string_view layout, const OptionValues& values) {
  std::vector<std::uint8_t> out;
  for (char letter : layout) {
    switch (letter) {
      case 'M': out.insert(out.end(), {2, 4}); put16(out, values.mss); break;
      case 'N': out.push_back(1); break;
      case 'W': out.insert(out.end(), {3, 3, values.wscale}); break;
      case 'S': out.insert(out.end(), {4, 2}); break;
      case 'T':
        out.insert(out.end(), {8, 10});
        put32(out, values.ts_val);
        put32(out, values.ts_ecr);
        break;
      case 'E': out.push_back(0); break;
      default: out.insert(out.end(), {254, 2}); break;
    }
  }
  while (out.size() % 4 != 0) out.push_back(0);
  return out;
}

}  // namespace zeroscan::fingerprint
