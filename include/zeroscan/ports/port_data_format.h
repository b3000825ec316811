// The port database text format (documented in docs/ports.md): stanzas of
// "field: value" lines separated by blank lines. This header owns parsing
// one file's text into records; merging files into a database is
// PortDatabase's job. Every bad line is collected as file:line and reported
// in one DataError.
#pragma once

#include <bitset>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "zeroscan/ports/port_entry.h"

namespace zeroscan::ports {

// The fields a stanza may carry. A later file may extend an entry of an
// earlier one, so a record remembers which fields its stanza actually set.
enum class Field : std::uint8_t {
  Port, Service, Aliases, Origin, Risk, Flags, About, Abuse, Trojans, Close, Note,
  Count_
};
using FieldSet = std::bitset<static_cast<std::size_t>(Field::Count_)>;

// One (range, protocol) key from one stanza. A stanza naming two keys
// ("port: 31337/tcp 31337/udp") yields two records with the same text.
struct PortRecord {
  PortEntry entry;  // entry.source is "file:line" of the stanza's port line
  FieldSet set;     // fields the stanza gave

  bool has(Field field) const { return set.test(static_cast<std::size_t>(field)); }
};

// Parses one file's text. source_name is what error messages and
// entry.source call the file. Bad lines are appended to errors as
// "source_name:line: message"; records from good stanzas are returned.
std::vector<PortRecord> parse_port_records(std::string_view text, std::string_view source_name,
                                           std::vector<std::string>& errors);

// Same, throwing one DataError listing every bad line.
std::vector<PortRecord> parse_port_records(std::string_view text, std::string_view source_name);

// Reads and parses a file; an unreadable file is a DataError too.
std::vector<PortRecord> load_port_records_file(const std::filesystem::path& path);

}  // namespace zeroscan::ports
