// Parser for the port database stanza format. Two passes per stanza: first
// gather "field: value" lines (joining continuation lines), then check and
// convert each field. Problems are collected, never thrown mid-file, so one
// run shows the data author every bad line.
#include "zeroscan/ports/port_data_format.h"

#include <map>

#include "read_data_file.h"
#include "text_util.h"
#include "zeroscan/core/errors.h"

namespace zeroscan::ports {
namespace {

struct FieldName {
  std::string_view name;
  Field field;
};
constexpr FieldName kFieldNames[] = {
    {"port", Field::Port},       {"service", Field::Service}, {"aliases", Field::Aliases},
    {"origin", Field::Origin},   {"risk", Field::Risk},       {"flags", Field::Flags},
    {"about", Field::About},     {"abuse", Field::Abuse},     {"trojans", Field::Trojans},
    {"close", Field::Close},     {"note", Field::Note},
};

std::optional<Field> field_named(std::string_view name) {
  for (const auto& f : kFieldNames)
    if (f.name == name) return f.field;
  return std::nullopt;
}

std::size_t bit(Field field) { return static_cast<std::size_t>(field); }

// One field as written: its value (continuations joined) and its line.
struct RawField {
  std::string value;
  std::size_t line = 0;
};

struct RawStanza {
  std::size_t first_line = 0;
  std::map<Field, RawField> fields;
};

bool valid_name(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    const bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ||
                    c == '.' || c == '+' || c == '/';
    if (!ok) return false;
  }
  return true;
}

class StanzaParser {
 public:
  StanzaParser(std::string_view source, std::vector<std::string>& errors)
      : source_(source), errors_(errors) {}

  void error(std::size_t line, const std::string& message) {
    errors_.push_back(source_ + ":" + std::to_string(line) + ": " + message);
  }

  // Splits the text into stanzas of raw fields.
  std::vector<RawStanza> gather(std::string_view text) {
    std::vector<RawStanza> stanzas;
    std::optional<RawStanza> current;
    RawField* last_field = nullptr;
    std::size_t line_no = 0;
    auto finish = [&] {
      if (current) stanzas.push_back(std::move(*current));
      current.reset();
      last_field = nullptr;
    };
    for (std::string_view line : text::lines(text)) {
      ++line_no;
      if (text::trim(line).empty()) {
        finish();
        continue;
      }
      if (line.front() == '#') continue;
      if (line.front() == ' ' || line.front() == '\t') {
        if (!last_field) {
          error(line_no, "continuation line with no field before it");
          continue;
        }
        last_field->value += ' ';
        last_field->value += text::trim(line);
        continue;
      }
      const std::size_t colon = line.find(':');
      if (colon == std::string_view::npos) {
        error(line_no, "expected 'field: value', got '" + std::string(text::trim(line)) + "'");
        last_field = nullptr;
        continue;
      }
      const std::string_view name = text::trim(line.substr(0, colon));
      const auto field = field_named(name);
      if (!field) {
        error(line_no, "unknown field '" + std::string(name) + "'");
        last_field = nullptr;
        continue;
      }
      if (!current) {
        current.emplace();
        current->first_line = line_no;
      }
      auto [it, inserted] = current->fields.try_emplace(*field);
      if (!inserted) {
        error(line_no, "field '" + std::string(name) + "' given twice (first at line " +
                           std::to_string(it->second.line) + ")");
        last_field = nullptr;
        continue;
      }
      it->second.value = std::string(text::trim(line.substr(colon + 1)));
      it->second.line = line_no;
      last_field = &it->second;
    }
    finish();
    return stanzas;
  }

  // Checks one stanza and expands it into one record per key.
  std::vector<PortRecord> convert(const RawStanza& raw) {
    auto port_field = raw.fields.find(Field::Port);
    if (port_field == raw.fields.end()) {
      error(raw.first_line, "stanza has no 'port' field");
      return {};
    }
    PortRecord proto_record;
    bool ok = true;
    for (const auto& [field, value] : raw.fields) {
      if (value.value.empty()) {
        error(value.line, "field has an empty value");
        ok = false;
        continue;
      }
      proto_record.set.set(bit(field));
      ok &= convert_field(field, value, proto_record.entry);
    }
    if (proto_record.entry.backdoor && proto_record.entry.trojans.empty()) {
      error(raw.first_line, "flag 'backdoor' needs a 'trojans' field naming them");
      ok = false;
    }
    std::vector<std::pair<PortRange, Protocol>> keys;
    for (std::string_view token : text::split(port_field->second.value, " \t,")) {
      auto key = parse_key(token);
      if (!key) {
        error(port_field->second.line,
              "bad port '" + std::string(token) + "' (want N/tcp, N/udp, N-M/tcp or N-M/udp)");
        ok = false;
        continue;
      }
      if (class_of(key->first.first) != class_of(key->first.last)) {
        error(port_field->second.line, "range " + key->first.to_string() +
                                           " spans two port classes; split it at 1023/1024 "
                                           "or 49151/49152");
        ok = false;
        continue;
      }
      keys.push_back(*key);
    }
    if (!ok) return {};
    std::vector<PortRecord> records;
    for (const auto& [range, protocol] : keys) {
      PortRecord record = proto_record;
      record.entry.range = range;
      record.entry.protocol = protocol;
      record.entry.source = source_ + ":" + std::to_string(port_field->second.line);
      records.push_back(std::move(record));
    }
    return records;
  }

 private:
  static std::optional<std::pair<PortRange, Protocol>> parse_key(std::string_view token) {
    const std::size_t slash = token.find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    const auto range = PortRange::parse(token.substr(0, slash));
    const std::string_view proto_text = token.substr(slash + 1);
    // Lower case only: the format is written by us, keep it uniform.
    if (!range || (proto_text != "tcp" && proto_text != "udp")) return std::nullopt;
    return std::make_pair(*range, *parse_protocol(proto_text));
  }

  static std::vector<std::string> list(std::string_view value, std::string_view separators) {
    std::vector<std::string> out;
    for (std::string_view piece : text::split(value, separators))
      out.emplace_back(text::trim(piece));
    return out;
  }

  bool convert_field(Field field, const RawField& raw, PortEntry& entry) {
    switch (field) {
      case Field::Port:
        return true;  // expanded by convert()
      case Field::Service:
        if (!valid_name(raw.value)) {
          error(raw.line, "bad service name '" + raw.value + "' (letters, digits, - _ . + / only)");
          return false;
        }
        entry.service = raw.value;
        return true;
      case Field::Aliases:
        entry.aliases = list(raw.value, " \t");
        for (const auto& alias : entry.aliases)
          if (!valid_name(alias)) {
            error(raw.line, "bad alias '" + alias + "'");
            return false;
          }
        return true;
      case Field::Origin:
        if (auto origin = parse_origin(raw.value)) {
          entry.origin = *origin;
          return true;
        }
        error(raw.line, "unknown origin '" + raw.value + "' (iana, debian, common)");
        return false;
      case Field::Risk:
        if (auto risk = parse_risk(raw.value)) {
          entry.risk = *risk;
          return true;
        }
        error(raw.line, "unknown risk '" + raw.value + "' (low, medium, high, critical)");
        return false;
      case Field::Flags:
        for (const auto& flag : list(raw.value, " \t,")) {
          if (flag != "backdoor") {
            error(raw.line, "unknown flag '" + flag + "' (backdoor)");
            return false;
          }
          entry.backdoor = true;
        }
        return true;
      case Field::About: entry.about = raw.value; return true;
      case Field::Abuse: entry.abuse = raw.value; return true;
      case Field::Trojans: entry.trojans = list(raw.value, ","); return true;
      case Field::Close: entry.close = raw.value; return true;
      case Field::Note: entry.note = raw.value; return true;
      case Field::Count_: break;
    }
    return false;
  }

  std::string source_;
  std::vector<std::string>& errors_;
};

}  // namespace

std::vector<PortRecord> parse_port_records(std::string_view text, std::string_view source_name,
                                           std::vector<std::string>& errors) {
  StanzaParser parser(source_name, errors);
  std::vector<PortRecord> records;
  std::map<std::string, std::string> first_source;  // key -> file:line
  for (const RawStanza& stanza : parser.gather(text))
    for (PortRecord& record : parser.convert(stanza)) {
      const std::string key = record.entry.key();
      auto [it, inserted] = first_source.try_emplace(key, record.entry.source);
      if (!inserted) {
        errors.push_back(record.entry.source + ": duplicate key " + key + " (first at " +
                         it->second + ")");
        continue;
      }
      records.push_back(std::move(record));
    }
  return records;
}

std::vector<PortRecord> parse_port_records(std::string_view text, std::string_view source_name) {
  std::vector<std::string> errors;
  auto records = parse_port_records(text, source_name, errors);
  if (!errors.empty()) throw DataError(text::join_lines(errors));
  return records;
}

std::vector<PortRecord> load_port_records_file(const std::filesystem::path& path) {
  return parse_port_records(read_data_file(path), path.string());
}

}  // namespace zeroscan::ports
