// Selecting port database entries for "zeroscan ports": a query is a port
// ("445"), a range ("1000-1100") or a name ("ssh", or a trojan's name), and
// filters narrow the result (--trojans, --class, --proto). Pure: no I/O.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "zeroscan/ports/port_database.h"

namespace zeroscan::ports {

// One thing to show: an entry, or a port the database knows nothing about.
struct PortCard {
  PortRange range;
  std::optional<Protocol> protocol;  // unset only for an unknown port queried without --proto
  const PortEntry* entry = nullptr;  // nullptr: not in the database
};

struct PortSelection {
  std::vector<std::string> queries;    // empty: start from every entry (needs a filter)
  bool backdoors_only = false;         // --trojans
  std::optional<PortClass> port_class; // --class
  std::optional<Protocol> protocol;    // --proto
  std::optional<std::size_t> top;      // --top N: the ranking instead of queries
};

// Throws UsageError (one line) for a query that is neither a port, a range
// nor a known name, and for a selection with nothing to select.
std::vector<PortCard> select_ports(const PortDatabase& db, const PortSelection& selection);

}  // namespace zeroscan::ports
