// Parser for the common-ports ranking file (one "port/protocol" per line,
// rank order). Duplicates are errors: a port ranked twice means the curator
// lost track, and the second rank would silently be ignored.
#include "zeroscan/ports/port_ranking.h"

#include <map>

#include "read_data_file.h"
#include "text_util.h"

namespace zeroscan::ports {

std::vector<RankedPort> parse_port_ranking(std::string_view text_in, std::string_view source_name,
                                           std::vector<std::string>& errors) {
  std::vector<RankedPort> ranking;
  std::map<std::pair<std::uint16_t, Protocol>, std::size_t> first_line;
  std::size_t line_no = 0;
  const std::string source(source_name);
  for (std::string_view line : text::lines(text_in)) {
    ++line_no;
    const std::size_t hash = line.find('#');
    const std::string_view body = text::trim(line.substr(0, hash));
    if (body.empty()) continue;
    const std::string where = source + ":" + std::to_string(line_no);
    const std::size_t slash = body.find('/');
    RankedPort ranked;
    std::optional<Protocol> protocol;
    if (slash != std::string_view::npos) protocol = parse_protocol(body.substr(slash + 1));
    if (slash == std::string_view::npos || !protocol ||
        !text::parse_port_number(body.substr(0, slash), ranked.port)) {
      errors.push_back(where + ": expected 'port/tcp' or 'port/udp', got '" + std::string(body) +
                       "'");
      continue;
    }
    ranked.protocol = *protocol;
    ranked.source = where;
    auto [it, inserted] = first_line.try_emplace({ranked.port, ranked.protocol}, line_no);
    if (!inserted) {
      errors.push_back(where + ": " + std::string(body) + " already ranked at line " +
                       std::to_string(it->second));
      continue;
    }
    ranking.push_back(std::move(ranked));
  }
  return ranking;
}

std::vector<RankedPort> parse_port_ranking(std::string_view text_in, std::string_view source_name) {
  std::vector<std::string> errors;
  auto ranking = parse_port_ranking(text_in, source_name, errors);
  if (!errors.empty()) throw DataError(text::join_lines(errors));
  return ranking;
}

std::vector<RankedPort> load_port_ranking_file(const std::filesystem::path& path) {
  return parse_port_ranking(read_data_file(path), path.string());
}

}  // namespace zeroscan::ports
