// The reply fuzz targets' input format: the first byte picks the link type
// the rest of the input is captured on. Shared with the unit tests that
// check the checked-in seeds still parse, so both read a seed the same way.
#pragma once

#include <cstdint>

#include "zeroscan/parse/reply_parser.h"

namespace zeroscan::fuzz {

inline LinkType link_from_selector(std::uint8_t selector) {
  switch (selector % 3) {
    case 0: return LinkType::Ethernet;
    case 1: return LinkType::RawIp;
    default: return LinkType::LinuxSll;
  }
}

}  // namespace zeroscan::fuzz
