// Parsing and formatting of dual-family addresses.
#include "zeroscan/core/ip_address.h"

namespace zeroscan {

std::optional<IpAddress> IpAddress::parse(std::string_view text) {
  if (auto v4 = Ipv4::parse(text)) return IpAddress(*v4);
  if (auto v6 = Ipv6::parse(text)) return IpAddress(*v6);
  return std::nullopt;
}

std::string IpAddress::to_string() const { return is_v6() ? v6().to_string() : v4().to_string(); }

}  // namespace zeroscan
