// GoogleTest printers so failures show addresses, not raw bytes.
#pragma once

#include <ostream>

#include "zeroscan/targets/ipv4_range.h"

namespace zeroscan {

inline void PrintTo(const Ipv4& address, std::ostream* out) { *out << address.to_string(); }

inline void PrintTo(const Ipv4Range& range, std::ostream* out) {
  *out << range.first.to_string() << "-" << range.last.to_string();
}

}  // namespace zeroscan
