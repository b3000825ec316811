// Names and parsers for the port vocabulary (protocol, class, risk, origin)
// and PortRange/PortEntry formatting.
#include "zeroscan/ports/port_entry.h"

#include "text_util.h"

namespace zeroscan::ports {

std::string_view to_string(Protocol protocol) {
  return protocol == Protocol::Tcp ? "tcp" : "udp";
}

std::string_view to_string(PortClass port_class) {
  switch (port_class) {
    case PortClass::WellKnown: return "well-known";
    case PortClass::Registered: return "registered";
    case PortClass::Dynamic: return "dynamic";
  }
  return "dynamic";
}

std::string_view to_string(Risk risk) {
  switch (risk) {
    case Risk::Low: return "low";
    case Risk::Medium: return "medium";
    case Risk::High: return "high";
    case Risk::Critical: return "critical";
  }
  return "low";
}

std::string_view to_string(Origin origin) {
  switch (origin) {
    case Origin::Iana: return "iana";
    case Origin::Debian: return "debian";
    case Origin::Common: return "common";
  }
  return "common";
}

std::optional<Protocol> parse_protocol(std::string_view text) {
  if (text::iequals(text, "tcp")) return Protocol::Tcp;
  if (text::iequals(text, "udp")) return Protocol::Udp;
  return std::nullopt;
}

std::optional<PortClass> parse_port_class(std::string_view text) {
  // The sources use several names for each class; accept the usual ones.
  if (text::iequals(text, "well-known") || text::iequals(text, "wellknown") ||
      text::iequals(text, "system"))
    return PortClass::WellKnown;
  if (text::iequals(text, "registered") || text::iequals(text, "user")) return PortClass::Registered;
  if (text::iequals(text, "dynamic") || text::iequals(text, "private") ||
      text::iequals(text, "ephemeral"))
    return PortClass::Dynamic;
  return std::nullopt;
}

std::optional<Risk> parse_risk(std::string_view text) {
  for (Risk risk : {Risk::Low, Risk::Medium, Risk::High, Risk::Critical})
    if (text::iequals(text, to_string(risk))) return risk;
  return std::nullopt;
}

std::optional<Origin> parse_origin(std::string_view text) {
  for (Origin origin : {Origin::Iana, Origin::Debian, Origin::Common})
    if (text::iequals(text, to_string(origin))) return origin;
  return std::nullopt;
}

std::string PortRange::to_string() const {
  if (is_single()) return std::to_string(first);
  return std::to_string(first) + "-" + std::to_string(last);
}

std::optional<PortRange> PortRange::parse(std::string_view text) {
  const std::size_t dash = text.find('-');
  PortRange range;
  if (dash == std::string_view::npos) {
    if (!text::parse_port_number(text, range.first)) return std::nullopt;
    range.last = range.first;
    return range;
  }
  if (!text::parse_port_number(text.substr(0, dash), range.first) ||
      !text::parse_port_number(text.substr(dash + 1), range.last) || range.first > range.last)
    return std::nullopt;
  return range;
}

std::string PortEntry::key() const {
  return range.to_string() + "/" + std::string(to_string(protocol));
}

}  // namespace zeroscan::ports
