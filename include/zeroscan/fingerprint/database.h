// Loading and writing the fingerprint database text format (one entry per
// line; see fingerprints/README.md). Loaders check every line and report all
// bad ones at once as file:line in a single DataError. There is no global
// database: callers load one and hand it to a Matcher.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "zeroscan/fingerprint/entry.h"

namespace zeroscan::fingerprint {

// `source_name` prefixes error locations ("fingerprints/x.txt:12: ...").
Database parse_database(std::string_view text, std::string_view source_name);

// A single file, or every *.txt in a directory (name order). Throws
// DataError for malformed content or duplicate ids, UsageError if the path
// cannot be read.
Database load_database(const std::filesystem::path& path);

// The fingerprints/*.txt files compiled into the binary at build time.
Database load_builtin_database();

// Several sources as one database; duplicate ids are a DataError.
Database merge_databases(std::vector<Database> parts);

// The entry as one line of the text format; parse_database reads it back.
std::string format_entry(const Entry& entry);

}  // namespace zeroscan::fingerprint
