// Family and DeviceClass: the coarse answers a fingerprint entry carries
// beside its label. Closed vocabularies, so a typo in the database is an
// error instead of a new family nobody aggregates.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace zeroscan::fingerprint {

// The stack's lineage: whose TCP/IP code answers, which decides how it
// answers. What the box is for (printer, NAS, router) is its DeviceClass, kept
// apart: a FreeBSD-based appliance is BSD, a Linux NAS is Linux.
enum class Family : std::uint8_t {
  Windows,
  Linux,
  Bsd,        // "BSD": FreeBSD, OpenBSD, NetBSD and what is built on them
  MacOs,      // "macOS/iOS"
  Solaris,
  Aix,        // "AIX"
  HpUx,       // "HP-UX"
  CiscoIos,   // "Cisco IOS"
  Unix,       // other Unix (Tru64, IRIX, unnamed)
  NetworkOs,  // "network OS": other vendors' switch, router and firewall firmware
  Embedded,   // embedded RTOS stacks and firmware of no better-known lineage
  Other,      // named general-purpose OSes outside the list (OpenVMS, NetWare)
  Unknown,
};

enum class DeviceClass : std::uint8_t {
  GeneralPurpose,
  Server,
  Router,
  Switch,
  Firewall,
  LoadBalancer,
  Wireless,
  Printer,
  Camera,
  Phone,       // VoIP phones and gateways
  Video,       // video conferencing
  Media,       // streaming, TV distribution, video walls
  Storage,
  Management,  // iLO/BMC, KVM, console and serial servers
  Sensor,      // environment monitors, data loggers
  Power,       // UPS, PDU, power monitoring
  Controller,  // building, industrial and room control
  Instrument,  // lab and test equipment
  Embedded,    // embedded, purpose unknown
  Unknown,
};

std::string_view to_string(Family family);
std::optional<Family> parse_family(std::string_view text);
std::string_view to_string(DeviceClass device);
std::optional<DeviceClass> parse_device_class(std::string_view text);

}  // namespace zeroscan::fingerprint
