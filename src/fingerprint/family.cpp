// Names of Family and DeviceClass as written in the database and output.
#include "zeroscan/fingerprint/family.h"

#include <array>
#include <utility>

namespace zeroscan::fingerprint {
namespace {

constexpr std::array<std::pair<Family, std::string_view>, 13> kFamilyNames{{
    {Family::Windows, "Windows"},
    {Family::Linux, "Linux"},
    {Family::Bsd, "BSD"},
    {Family::MacOs, "macOS/iOS"},
    {Family::Solaris, "Solaris"},
    {Family::Aix, "AIX"},
    {Family::HpUx, "HP-UX"},
    {Family::CiscoIos, "Cisco IOS"},
    {Family::Unix, "Unix"},
    {Family::NetworkOs, "network OS"},
    {Family::Embedded, "embedded"},
    {Family::Other, "other"},
    {Family::Unknown, "unknown"},
}};

constexpr std::array<std::pair<DeviceClass, std::string_view>, 20> kDeviceNames{{
    {DeviceClass::GeneralPurpose, "general-purpose"},
    {DeviceClass::Server, "server"},
    {DeviceClass::Router, "router"},
    {DeviceClass::Switch, "switch"},
    {DeviceClass::Firewall, "firewall"},
    {DeviceClass::LoadBalancer, "load-balancer"},
    {DeviceClass::Wireless, "wireless"},
    {DeviceClass::Printer, "printer"},
    {DeviceClass::Camera, "camera"},
    {DeviceClass::Phone, "phone"},
    {DeviceClass::Video, "video"},
    {DeviceClass::Media, "media"},
    {DeviceClass::Storage, "storage"},
    {DeviceClass::Management, "management"},
    {DeviceClass::Sensor, "sensor"},
    {DeviceClass::Power, "power"},
    {DeviceClass::Controller, "controller"},
    {DeviceClass::Instrument, "instrument"},
    {DeviceClass::Embedded, "embedded"},
    {DeviceClass::Unknown, "unknown"},
}};

}  // namespace

std::string_view to_string(Family family) {
  for (const auto& [value, name] : kFamilyNames) {
    if (value == family) return name;
  }
  return "unknown";
}

std::optional<Family> parse_family(std::string_view text) {
  for (const auto& [value, name] : kFamilyNames) {
    if (name == text) return value;
  }
  return std::nullopt;
}

std::string_view to_string(DeviceClass device) {
  for (const auto& [value, name] : kDeviceNames) {
    if (value == device) return name;
  }
  return "unknown";
}

std::optional<DeviceClass> parse_device_class(std::string_view text) {
  for (const auto& [value, name] : kDeviceNames) {
    if (name == text) return value;
  }
  return std::nullopt;
}

}  // namespace zeroscan::fingerprint
