// PortDatabase: the port knowledge base as an immutable value. Built once by
// the composition root (from the embedded data or from files) and passed
// around as const PortDatabase&; there is no global instance.
//
// Layering: entries come in layers (the netbase-derived list first, our
// curated knowledge second). Within a layer every key (range, protocol) is
// unique; a later layer's stanza with an existing key extends that entry
// (fields it sets replace empty ones), and its service name, if given, must
// agree with the earlier one.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "zeroscan/ports/port_data_format.h"
#include "zeroscan/ports/port_entry.h"
#include "zeroscan/ports/port_ranking.h"

namespace zeroscan::ports {

// What the output layer needs about one (port, protocol).
struct PortAnnotation {
  std::string service;            // "" when the database has no entry
  PortClass port_class = PortClass::WellKnown;
  std::optional<Risk> risk;       // nullopt when the database has no entry
  std::string warning;            // non-empty only for known trojan/backdoor ports
  const PortEntry* entry = nullptr;  // the most specific entry, or nullptr

  bool known() const { return entry != nullptr; }
};

class PortDatabase {
 public:
  // Throws DataError listing every problem (file:line) found while merging.
  static PortDatabase build(const std::vector<std::vector<PortRecord>>& layers,
                            std::vector<RankedPort> ranking);

  // Loads entry files (in layer order) and a ranking file from disk. All
  // files are read and checked before one DataError reports every problem.
  static PortDatabase load_files(const std::vector<std::filesystem::path>& entry_files,
                                 const std::filesystem::path& ranking_file);

  // The most specific entry covering the port: a single-port entry beats a
  // range, a narrower range beats a wider one. nullptr when none.
  const PortEntry* find(std::uint16_t port, Protocol protocol) const;

  // Service name, class, risk and backdoor warning for one port.
  PortAnnotation annotate(std::uint16_t port, Protocol protocol) const;
  // Same with "tcp"/"udp" (any case); throws UsageError for anything else.
  PortAnnotation annotate(std::uint16_t port, std::string_view protocol) const;

  // Entries overlapping the range, optionally on one protocol, in key order.
  std::vector<const PortEntry*> overlapping(PortRange range,
                                            std::optional<Protocol> protocol = std::nullopt) const;
  // Entries whose service name or an alias equals name (case-insensitive).
  std::vector<const PortEntry*> named(std::string_view name) const;
  std::vector<const PortEntry*> backdoors() const;
  std::vector<const PortEntry*> in_class(PortClass port_class) const;
  const std::vector<PortEntry>& entries() const { return entries_; }

  // The first n ports of the curated ranking for the protocol (fewer if the
  // ranking is shorter), most commonly open first.
  std::vector<std::uint16_t> top_ports(std::size_t n, Protocol protocol = Protocol::Tcp) const;
  std::size_t ranking_size(Protocol protocol) const;

 private:
  std::vector<PortEntry> entries_;  // sorted by (range, protocol)
  // Per protocol, per port: index into entries_ of the most specific entry,
  // or -1. 2 x 64 Ki x 4 bytes buys O(1) lookups for every scan result.
  std::array<std::vector<std::int32_t>, 2> best_;
  std::array<std::vector<std::uint16_t>, 2> ranking_;
};

// The warning text for a backdoor entry: "known backdoor port: Back Orifice, ...".
std::string backdoor_warning(const PortEntry& entry);

}  // namespace zeroscan::ports
