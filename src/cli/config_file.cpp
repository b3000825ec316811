// Strict TOML config files, read with toml++ (see config_file.h).
#include "zeroscan/cli/config_file.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

#include "zeroscan/cli/number_checks.h"
#include "zeroscan/core/errors.h"

namespace zeroscan {

namespace {

constexpr std::size_t kMaxConfigBytes = 1 << 20;

std::string location(const std::string& name, const toml::node& node) {
  return name + ":" + std::to_string(node.source().begin.line);
}

// Floats as the command line would spell them; NaN and infinities keep
// their names so the option's own check rejects them with its message.
std::string float_text(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  std::ostringstream out;
  out.precision(17);
  out << value;
  return out.str();
}

// A scalar as command-line text; false when it is no scalar we take.
bool scalar_text(const toml::node& node, std::string& text) {
  if (auto s = node.as_string()) {
    text = s->get();
  } else if (auto i = node.as_integer()) {
    text = std::to_string(i->get());
  } else if (auto f = node.as_floating_point()) {
    text = float_text(f->get());
  } else {
    return false;
  }
  return true;
}

ConfigEntry entry_from(const std::string& key, const toml::node& node, const std::string& name) {
  ConfigEntry e;
  e.key = key;
  e.line = node.source().begin.line;
  e.where = location(name, node);
  const std::string quoted_key = "'" + quote_capped(key, 40) + "'";
  if (auto b = node.as_boolean()) {
    e.type = ConfigEntry::Type::Bool;
    e.flag_value = b->get();
    return e;
  }
  if (auto array = node.as_array()) {
    e.type = ConfigEntry::Type::Array;
    for (const toml::node& element : *array) {
      std::string text;
      if (!scalar_text(element, text))
        throw UsageError(location(name, element) + ": " + quoted_key +
                         ": array elements must be strings or numbers");
      e.values.push_back(std::move(text));
    }
    return e;
  }
  if (node.is_table())
    throw UsageError(e.where + ": " + quoted_key + ": tables are not options (keys are flat: ports = \"22\")");
  std::string text;
  if (!scalar_text(node, text))
    throw UsageError(e.where + ": " + quoted_key + ": dates and times are not option values");
  e.type = node.is_string() ? ConfigEntry::Type::String
           : node.is_integer() ? ConfigEntry::Type::Integer
                               : ConfigEntry::Type::Float;
  e.values.push_back(std::move(text));
  return e;
}

}  // namespace

std::vector<ConfigEntry> parse_config_text(std::string_view text, const std::string& name) {
  toml::table table;
  try {
    table = toml::parse(text, name);
  } catch (const toml::parse_error& e) {
    throw UsageError(name + ":" + std::to_string(e.source().begin.line) + ": not a TOML config: " +
                     quote_capped(std::string(e.description())));
  }
  std::vector<ConfigEntry> entries;
  for (const auto& [key, node] : table) entries.push_back(entry_from(std::string(key.str()), node, name));
  // toml++ keeps keys sorted by name; report them in the file's order.
  std::stable_sort(entries.begin(), entries.end(),
                   [](const ConfigEntry& a, const ConfigEntry& b) { return a.line < b.line; });
  return entries;
}

std::vector<ConfigEntry> read_config_file(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    throw UsageError("cannot read config '" + quote_capped(path) + "': " + std::strerror(errno));
  if (!S_ISREG(st.st_mode)) throw UsageError("config '" + quote_capped(path) + "' is not a regular file");
  if (std::size_t(st.st_size) > kMaxConfigBytes)
    throw UsageError("config '" + quote_capped(path) + "' is larger than 1 MiB: not a config");
  std::ifstream file(path, std::ios::binary);
  if (!file) throw UsageError("cannot read config '" + quote_capped(path) + "': " + std::strerror(errno));
  std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  return parse_config_text(text, path);
}

}  // namespace zeroscan
