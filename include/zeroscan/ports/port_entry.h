// PortEntry and its vocabulary: protocol, IANA port class, risk level, and
// one record of the port knowledge base (a port or range on one protocol).
// These are plain values; the database and the loaders build on them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zeroscan::ports {

enum class Protocol : std::uint8_t { Tcp, Udp };

// The three IANA classes (RFC 6335 section 6). Stored nowhere: always
// derived from the port number, so the data can never disagree with it.
enum class PortClass : std::uint8_t {
  WellKnown,   // 0-1023, "system ports"
  Registered,  // 1024-49151, "user ports"
  Dynamic,     // 49152-65535, "dynamic and/or private"
};

// How worried an admin should be to find the port open on a host.
enum class Risk : std::uint8_t {
  Low,       // ordinary service; exposure is the service itself
  Medium,    // leaks information or is often misconfigured
  High,      // remote login, file sharing, management or a long record of remote holes
  Critical,  // known trojan/backdoor port: treat an open one as a compromise
};

inline constexpr std::uint16_t kLastWellKnownPort = 1023;
inline constexpr std::uint16_t kLastRegisteredPort = 49151;

constexpr PortClass class_of(std::uint16_t port) {
  if (port <= kLastWellKnownPort) return PortClass::WellKnown;
  if (port <= kLastRegisteredPort) return PortClass::Registered;
  return PortClass::Dynamic;
}

std::string_view to_string(Protocol protocol);
std::string_view to_string(PortClass port_class);  // "well-known", "registered", "dynamic"
std::string_view to_string(Risk risk);             // "low", "medium", "high", "critical"
std::optional<Protocol> parse_protocol(std::string_view text);     // "tcp" / "udp", any case
std::optional<PortClass> parse_port_class(std::string_view text);  // also "private" for dynamic
std::optional<Risk> parse_risk(std::string_view text);

// An inclusive port range; a single port has first == last.
struct PortRange {
  std::uint16_t first = 0;
  std::uint16_t last = 0;

  bool contains(std::uint16_t port) const { return first <= port && port <= last; }
  bool overlaps(PortRange other) const { return first <= other.last && other.first <= last; }
  std::uint32_t width() const { return std::uint32_t(last) - first + 1; }
  bool is_single() const { return first == last; }
  std::string to_string() const;  // "22" or "6970-7170"

  // "22" or "6970-7170" (decimal, first <= last, <= 65535); nullopt otherwise.
  static std::optional<PortRange> parse(std::string_view text);

  friend bool operator==(PortRange a, PortRange b) { return a.first == b.first && a.last == b.last; }
  friend bool operator!=(PortRange a, PortRange b) { return !(a == b); }
  friend bool operator<(PortRange a, PortRange b) {
    return a.first != b.first ? a.first < b.first : a.last < b.last;
  }
};

// Where a name comes from, so readers can tell a registry fact from folklore.
enum class Origin : std::uint8_t {
  Iana,    // the IANA service name (as Debian's netbase ships it where it lists the port)
  Debian,  // listed by netbase but, by its own comment, not allocated by IANA
  Common,  // not registered under this name; the name in common use
};
std::string_view to_string(Origin origin);
std::optional<Origin> parse_origin(std::string_view text);

struct PortEntry {
  PortRange range;
  Protocol protocol = Protocol::Tcp;
  std::string service;               // "ssh", "microsoft-ds", "back-orifice"
  std::vector<std::string> aliases;  // other names the service goes by
  Origin origin = Origin::Iana;
  Risk risk = Risk::Low;
  bool backdoor = false;             // the port is known for trojans/backdoors
  std::string about;                 // what runs there, in our words
  std::string abuse;                 // how intruders commonly use it
  std::vector<std::string> trojans;  // trojans/backdoors known to have used it
  std::string close;                 // how to close it, where there is more to say than "stop the service"
  std::string note;                  // corrections to the sources, disagreements
  std::string source;                // "file:line" of the stanza that defined the entry

  PortClass port_class() const { return class_of(range.first); }
  std::string key() const;  // "22/tcp", "6970-7170/udp"
};

}  // namespace zeroscan::ports
