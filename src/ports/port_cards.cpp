// Cards and JSON for "zeroscan ports". A card leads with the facts a reader
// scans for (port, protocol, name, class, risk) and then the prose, wrapped.
#include "zeroscan/ports/port_cards.h"

#include <sstream>

#include "text_util.h"

namespace zeroscan::ports {
namespace {

std::string class_explanation(PortClass port_class) {
  switch (port_class) {
    case PortClass::WellKnown:
      return "Well-known port (0-1023): assigned by IANA to a system service; "
             "binding it needs root on Unix.";
    case PortClass::Registered:
      return "Registered port (1024-49151): IANA records services here, but any "
             "program may use it; Linux also hands out client ports from 32768.";
    case PortClass::Dynamic:
      return "Dynamic/private port (49152-65535): for temporary client ports; a "
             "fixed service listening here is unusual.";
  }
  return "";
}

std::string join(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

void field(std::ostream& out, const char* label, const std::string& value) {
  if (value.empty()) return;
  const std::string prefix = std::string("  ") + label;
  out << prefix << wrap_text(value, prefix.size()) << '\n';
}

std::string protocol_label(const PortCard& card) {
  return card.protocol ? std::string(to_string(*card.protocol)) : "tcp,udp";
}

std::string origin_label(Origin origin) {
  switch (origin) {
    case Origin::Iana: return "IANA name";
    case Origin::Debian: return "netbase name (not IANA)";
    case Origin::Common: return "common name (not registered)";
  }
  return "";
}

}  // namespace

std::string describe_class(PortClass port_class) { return class_explanation(port_class); }

std::string wrap_text(const std::string& text_in, std::size_t indent, std::size_t width) {
  std::string out;
  std::size_t column = indent;
  for (std::string_view word : text::split(text_in, " \t\n")) {
    if (column > indent && column + 1 + word.size() > width) {
      out += '\n' + std::string(indent, ' ');
      column = indent;
    } else if (column > indent) {
      out += ' ';
      ++column;
    }
    out += word;
    column += word.size();
  }
  return out;
}

void write_port_cards(std::ostream& out, const std::vector<PortCard>& cards) {
  bool first = true;
  for (const PortCard& card : cards) {
    if (!first) out << '\n';
    first = false;
    const std::string key = card.range.to_string() + "/" + protocol_label(card);
    const PortClass port_class = class_of(card.range.first);
    if (!card.entry) {
      out << key << "  (not in the database)  " << to_string(port_class) << '\n';
      field(out, "about:   ", class_explanation(port_class));
      continue;
    }
    const PortEntry& entry = *card.entry;
    out << key << "  " << entry.service << "  " << to_string(port_class) << ", risk "
        << to_string(entry.risk) << ", " << origin_label(entry.origin) << '\n';
    field(out, "aliases: ", join(entry.aliases, ", "));
    field(out, "about:   ", entry.about);
    field(out, "abuse:   ", entry.abuse);
    field(out, "trojans: ", join(entry.trojans, ", "));
    if (entry.backdoor) field(out, "WARNING: ", backdoor_warning(entry));
    field(out, "close:   ", entry.close);
    field(out, "note:    ", entry.note);
  }
}

nlohmann::json port_entry_json(const PortEntry& entry) {
  nlohmann::json j = {
      {"first", entry.range.first},
      {"last", entry.range.last},
      {"protocol", to_string(entry.protocol)},
      {"service", entry.service},
      {"aliases", entry.aliases},
      {"class", to_string(entry.port_class())},
      {"origin", to_string(entry.origin)},
      {"risk", to_string(entry.risk)},
      {"backdoor", entry.backdoor},
      {"about", entry.about},
      {"abuse", entry.abuse},
      {"trojans", entry.trojans},
      {"close", entry.close},
      {"note", entry.note},
      {"source", entry.source},
  };
  if (entry.backdoor) j["warning"] = backdoor_warning(entry);
  return j;
}

nlohmann::json port_cards_json(const std::vector<PortCard>& cards) {
  nlohmann::json array = nlohmann::json::array();
  for (const PortCard& card : cards) {
    if (card.entry) {
      array.push_back(port_entry_json(*card.entry));
      continue;
    }
    nlohmann::json unknown = {{"first", card.range.first},
                              {"last", card.range.last},
                              {"service", nullptr},
                              {"class", to_string(class_of(card.range.first))}};
    if (card.protocol) unknown["protocol"] = to_string(*card.protocol);
    array.push_back(unknown);
  }
  return array;
}

}  // namespace zeroscan::ports
