// The fingerprint database text format: parse_database (every bad line
// collected as file:line, then one DataError) and format_entry, its inverse.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "entry_fields.h"
#include "zeroscan/core/errors.h"
#include "zeroscan/fingerprint/database.h"

namespace zeroscan::fingerprint {
namespace {

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r");
  return text.substr(first, last - first + 1);
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  while (true) {
    const auto at = text.find(separator);
    parts.push_back(text.substr(0, at));
    if (at == std::string_view::npos) return parts;
    text.remove_prefix(at + 1);
  }
}

std::vector<std::string_view> split_whitespace(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t at = 0;
  while (at < text.size()) {
    const auto start = text.find_first_not_of(" \t", at);
    if (start == std::string_view::npos) break;
    const auto end = std::min(text.find_first_of(" \t", start), text.size());
    words.push_back(text.substr(start, end - start));
    at = end;
  }
  return words;
}

bool valid_id(std::string_view id) {
  if (id.empty()) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::optional<double> parse_weight(std::string_view text) {
  const std::string copy(text);
  char* end = nullptr;
  const double weight = std::strtod(copy.c_str(), &end);
  if (copy.empty() || *end != '\0' || !std::isfinite(weight) || weight <= 0) return std::nullopt;
  return weight;
}

// "v1:w1,v2,v3:w3" with the field's codec; nullopt plus a reason on error.
template <class T>
std::optional<Distribution<T>> parse_distribution(std::string_view text, const Codec<T>& codec,
                                                  std::string& reason) {
  Distribution<T> distribution;
  for (std::string_view item : split(text, ',')) {
    const auto colon = item.rfind(':');
    Weighted<T> weighted;
    std::string_view value_text = item;
    if (colon != std::string_view::npos) {
      auto weight = parse_weight(item.substr(colon + 1));
      if (!weight) {
        reason = "bad weight in '" + std::string(item) + "' (want a positive number)";
        return std::nullopt;
      }
      weighted.weight = *weight;
      value_text = item.substr(0, colon);
    }
    auto value = codec.parse(value_text);
    if (!value) {
      reason = "bad value '" + std::string(value_text) + "'";
      return std::nullopt;
    }
    for (const auto& seen : distribution) {
      if (seen.value == *value) {
        reason = "value '" + std::string(value_text) + "' listed twice";
        return std::nullopt;
      }
    }
    weighted.value = std::move(*value);
    distribution.push_back(std::move(weighted));
  }
  return distribution;
}

class LineParser {
 public:
  LineParser(std::string_view location, std::vector<std::string>& errors)
      : location_(location), errors_(errors) {}

  std::optional<Entry> parse(std::string_view line) {
    const auto columns = split(line, '|');
    if (columns.size() != 5) {
      fail("want 5 '|'-separated columns (id | label | family | device | features), got " +
           std::to_string(columns.size()));
      return std::nullopt;
    }
    Entry entry;
    entry.origin = std::string(location_);
    entry.id = std::string(trim(columns[0]));
    if (!valid_id(entry.id)) fail("bad id '" + entry.id + "' (letters, digits, '.', '_', '-')");
    entry.label = std::string(trim(columns[1]));
    if (entry.label.empty()) fail("empty label");
    const auto family_text = trim(columns[2]);
    if (auto family = parse_family(family_text)) {
      entry.family = *family;
    } else {
      fail("unknown family '" + std::string(family_text) + "'");
    }
    const auto device_text = trim(columns[3]);
    if (auto device = parse_device_class(device_text)) {
      entry.device = *device;
    } else {
      fail("unknown device class '" + std::string(device_text) + "'");
    }
    const auto features = split_whitespace(columns[4]);
    if (features.empty()) fail("no features");
    for (std::string_view item : features) parse_feature(item, entry);
    if (failed_) return std::nullopt;
    return entry;
  }

 private:
  void fail(const std::string& message) {
    errors_.push_back(std::string(location_) + ": " + message);
    failed_ = true;
  }

  void parse_feature(std::string_view item, Entry& entry) {
    const auto equals = item.find('=');
    if (equals == std::string_view::npos || equals == 0 || equals + 1 == item.size()) {
      fail("'" + std::string(item) + "' is not key=value");
      return;
    }
    const std::string key(item.substr(0, equals));
    const std::string_view value = item.substr(equals + 1);
    if (!keys_seen_.insert(key).second) {
      fail("key '" + key + "' given twice");
      return;
    }
    if (key == kSamplesKey) {
      const std::string copy(value);
      char* end = nullptr;
      const long samples = std::strtol(copy.c_str(), &end, 10);
      if (*end != '\0' || samples < 0 || samples > 1000000000) {
        fail("bad samples '" + copy + "'");
      } else {
        entry.samples = int(samples);
      }
      return;
    }
    if (key == kGapsKey) {
      if (auto gaps = parse_gaps(value)) {
        entry.retransmissions.gaps = std::move(*gaps);
      } else {
        fail("bad rto '" + std::string(value) + "' (want '-' or mean~spread,... in seconds)");
      }
      return;
    }
    bool known = false;
    for_each_field([&](std::string_view field_key, auto path, const auto& codec, FieldNoise) {
      if (field_key != key) return;
      known = true;
      std::string reason;
      if (auto distribution = parse_distribution(value, codec, reason)) {
        path.in(entry) = std::move(*distribution);
      } else {
        fail(key + ": " + reason);
      }
    });
    if (!known) fail("unknown key '" + key + "'");
  }

  std::string_view location_;
  std::vector<std::string>& errors_;
  std::set<std::string> keys_seen_;
  bool failed_ = false;
};

void format_weight(double weight, std::string& out) {
  if (weight == 1) return;
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, ":%g", weight);
  out += buffer;
}

}  // namespace

Database parse_database(std::string_view text, std::string_view source_name) {
  Database database;
  std::vector<std::string> errors;
  std::set<std::string> ids;
  int line_number = 0;
  for (std::string_view raw_line : split(text, '\n')) {
    ++line_number;
    const std::string_view line = trim(raw_line);
    if (line.empty() || line.front() == '#') continue;
    const std::string location = std::string(source_name) + ":" + std::to_string(line_number);
    LineParser parser(location, errors);
    auto entry = parser.parse(line);
    if (!entry) continue;
    if (!ids.insert(entry->id).second) {
      errors.push_back(location + ": duplicate id '" + entry->id + "'");
      continue;
    }
    database.entries.push_back(std::move(*entry));
  }
  if (!errors.empty()) {
    std::string message = "malformed fingerprint database (" + std::to_string(errors.size()) +
                          " error" + (errors.size() == 1 ? "" : "s") + "):";
    for (const auto& error : errors) message += "\n  " + error;
    throw DataError(message);
  }
  return database;
}

Database merge_databases(std::vector<Database> parts) {
  Database merged;
  std::vector<std::string> errors;
  std::map<std::string, std::string> origin_of_id;
  for (Database& part : parts) {
    for (Entry& entry : part.entries) {
      auto [it, inserted] = origin_of_id.emplace(entry.id, entry.origin);
      if (!inserted) {
        errors.push_back(entry.origin + ": duplicate id '" + entry.id + "' (first at " +
                         it->second + ")");
        continue;
      }
      merged.entries.push_back(std::move(entry));
    }
  }
  if (!errors.empty()) {
    std::string message = "malformed fingerprint database:";
    for (const auto& error : errors) message += "\n  " + error;
    throw DataError(message);
  }
  return merged;
}

std::string format_entry(const Entry& entry) {
  std::string line = entry.id + " | " + entry.label + " | " + std::string(to_string(entry.family)) +
                     " | " + std::string(to_string(entry.device)) + " |";
  if (entry.samples > 0) line += " samples=" + std::to_string(entry.samples);
  for_each_field([&](std::string_view key, auto path, const auto& codec, FieldNoise) {
    const auto& distribution = path.in(entry);
    if (distribution.empty()) return;
    line += ' ';
    line += key;
    line += '=';
    bool first = true;
    for (const auto& weighted : distribution) {
      if (!first) line += ',';
      first = false;
      line += codec.format(weighted.value);
      if (distribution.size() > 1) format_weight(weighted.weight, line);
    }
  });
  if (entry.retransmissions.gaps) {
    line += " rto=" + format_gaps(*entry.retransmissions.gaps);
  }
  return line;
}

}  // namespace zeroscan::fingerprint
