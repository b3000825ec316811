// Rendering "zeroscan ports" results: readable cards for people, JSON for
// machines. Pure formatting over PortCard values.
#pragma once

#include <ostream>
#include <vector>

#include <nlohmann/json.hpp>

#include "zeroscan/ports/port_query.h"

namespace zeroscan::ports {

void write_port_cards(std::ostream& out, const std::vector<PortCard>& cards);
nlohmann::json port_cards_json(const std::vector<PortCard>& cards);
nlohmann::json port_entry_json(const PortEntry& entry);

// One sentence on what the class means for a port found open.
std::string describe_class(PortClass port_class);

// Wraps text at width columns; continuation lines start with indent spaces.
std::string wrap_text(const std::string& text, std::size_t indent, std::size_t width = 78);

}  // namespace zeroscan::ports
