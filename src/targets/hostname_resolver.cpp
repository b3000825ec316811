// The production host resolvers: the system resolver via getaddrinfo, one
// family each (A for IPv4, AAAA for IPv6 with -6).
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <memory>

#include "zeroscan/core/errors.h"
#include "zeroscan/targets/mixed_targets.h"
#include "zeroscan/targets/target_spec.h"

namespace zeroscan {

namespace {

// Every address of `family` the name has, deduplicated, in resolver order.
template <typename Address, typename Convert>
std::vector<Address> addresses_of(const std::string& hostname, int family, Convert convert) {
  addrinfo hints{};
  hints.ai_family = family;
  // One socket type, or every address comes back once per type.
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* raw = nullptr;
  const int status = getaddrinfo(hostname.c_str(), nullptr, &hints, &raw);
  const std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> results(raw, &freeaddrinfo);
  switch (status) {
    case 0:
      break;
    case EAI_NONAME:
#ifdef EAI_NODATA
    case EAI_NODATA:
#endif
#ifdef EAI_ADDRFAMILY
    case EAI_ADDRFAMILY:
#endif
      return {};  // the name exists nowhere, or has no address of this family
    default:
      throw SystemError("cannot resolve '" + hostname + "': " + gai_strerror(status));
  }
  std::vector<Address> addresses;
  for (const addrinfo* entry = results.get(); entry != nullptr; entry = entry->ai_next) {
    if (entry->ai_family != family || entry->ai_addr == nullptr) continue;
    const Address ip = convert(entry->ai_addr);
    if (std::find(addresses.begin(), addresses.end(), ip) == addresses.end()) addresses.push_back(ip);
  }
  return addresses;
}

}  // namespace

std::vector<Ipv4> resolve_with_getaddrinfo(const std::string& hostname) {
  return addresses_of<Ipv4>(hostname, AF_INET, [](const sockaddr* address) {
    return Ipv4(ntohl(reinterpret_cast<const sockaddr_in*>(address)->sin_addr.s_addr));
  });
}

std::vector<Ipv6> resolve_ipv6_with_getaddrinfo(const std::string& hostname) {
  return addresses_of<Ipv6>(hostname, AF_INET6, [](const sockaddr* address) {
    return Ipv6::from_bytes(reinterpret_cast<const sockaddr_in6*>(address)->sin6_addr.s6_addr);
  });
}

}  // namespace zeroscan
