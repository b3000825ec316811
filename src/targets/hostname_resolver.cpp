// The production HostResolver: the system resolver via getaddrinfo, IPv4 only.
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <memory>

#include "zeroscan/core/errors.h"
#include "zeroscan/targets/target_spec.h"

namespace zeroscan {

std::vector<Ipv4> resolve_with_getaddrinfo(const std::string& hostname) {
  addrinfo hints{};
  hints.ai_family = AF_INET;
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
      return {};  // the name exists nowhere, or has no IPv4 address
    default:
      throw SystemError("cannot resolve '" + hostname + "': " + gai_strerror(status));
  }
  std::vector<Ipv4> addresses;
  for (const addrinfo* entry = results.get(); entry != nullptr; entry = entry->ai_next) {
    if (entry->ai_family != AF_INET || entry->ai_addr == nullptr) continue;
    const auto* address = reinterpret_cast<const sockaddr_in*>(entry->ai_addr);
    const Ipv4 ip(ntohl(address->sin_addr.s_addr));
    if (std::find(addresses.begin(), addresses.end(), ip) == addresses.end()) {
      addresses.push_back(ip);
    }
  }
  return addresses;
}

}  // namespace zeroscan
