// The "common ports" ranking behind --top-ports: a text file listing one
// "port/protocol" per line, most commonly open first. This header owns
// parsing it (file:line errors, duplicates rejected).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "zeroscan/ports/port_entry.h"

namespace zeroscan::ports {

struct RankedPort {
  std::uint16_t port = 0;
  Protocol protocol = Protocol::Tcp;
  std::string source;  // "file:line"
};

// Lines: "80/tcp", optionally followed by "# comment"; '#' lines and blank
// lines are ignored. Order is rank order, separately per protocol.
std::vector<RankedPort> parse_port_ranking(std::string_view text, std::string_view source_name,
                                           std::vector<std::string>& errors);
std::vector<RankedPort> parse_port_ranking(std::string_view text, std::string_view source_name);
std::vector<RankedPort> load_port_ranking_file(const std::filesystem::path& path);

}  // namespace zeroscan::ports
