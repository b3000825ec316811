// Config files (--config FILE): TOML, one key per option, spelled as the
// long option without its dashes (`dry-run = true`, `ports = "22,80"`,
// `rate = 5000`, `targets = ["198.18.0.0/24"]`). Read strictly: a file that
// is not TOML, a table, or a value of an unusable type is an error naming
// FILE:LINE. Which keys exist is the scan command's business
// (scan_options.cpp checks every key against its options).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace zeroscan {

struct ConfigEntry {
  enum class Type { Bool, Integer, Float, String, Array };
  std::string key;
  Type type = Type::String;
  bool flag_value = false;          // Type::Bool
  std::vector<std::string> values;  // the value(s) as command-line text (arrays: one per element)
  std::size_t line = 0;
  std::string where;                // "FILE:LINE", for messages
};

// Parses TOML text; `name` labels messages. Throws UsageError
// ("FILE:LINE: not a TOML config: ...") on anything that is not a flat
// table of booleans, numbers, strings and arrays of numbers/strings.
std::vector<ConfigEntry> parse_config_text(std::string_view text, const std::string& name);

// Reads FILE (at most 1 MiB) and parses it. Throws UsageError.
std::vector<ConfigEntry> read_config_file(const std::string& path);

}  // namespace zeroscan
