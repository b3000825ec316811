// Port lists as people write them: sorted ports collapsed into ranges,
// e.g. {22, 80, 81, 82, 443} -> "22,80-82,443".
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace zeroscan {

std::string format_port_list(std::vector<std::uint16_t> ports);

}  // namespace zeroscan
